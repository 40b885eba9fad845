using Reconciler.IntegrationTests.Aws;
using Reconciler.IntegrationTests.Engine;

namespace Reconciler.IntegrationTests.Harness;

/// <summary>
/// The seeder's CloudWatch Logs calls, which the benchmark uses to seed log groups as Lambda creates them and to put
/// a converged account back in that state (the reconciler's Logs client never removes retention or groups), read
/// back through the reconciler's own client.
/// </summary>
[Collection(MotoTests.Name)]
public sealed class MotoSeederLogGroupTests(MotoFixture moto)
{
    [Fact]
    public async Task CreateLogGroup_BySeeder_IsDescribedNeverExpiring()
    {
        var name = $"/aws/lambda/seeder-create-{MotoFixture.UniqueSuffix()}";
        using var clients = moto.CreateClients();

        await moto.Seeder.CreateLogGroupAsync(name);

        var group = Assert.Single(await LambdaAndTaggingMotoTests.ToListAsync(clients.Logs.DescribeLogGroupsAsync(name, CancellationToken.None)));
        Assert.Equal((name, (int?)null), (group.LogGroupName, group.RetentionInDays));
    }

    [Fact]
    public async Task DeleteRetentionPolicy_AfterPutRetentionPolicy_LeavesTheGroupNeverExpiring()
    {
        var name = $"/aws/lambda/seeder-retention-{MotoFixture.UniqueSuffix()}";
        using var clients = moto.CreateClients();
        await moto.Seeder.CreateLogGroupAsync(name);
        await clients.Logs.PutRetentionPolicyAsync(name, 30, CancellationToken.None);

        await moto.Seeder.DeleteRetentionPolicyAsync(name);

        var group = Assert.Single(await LambdaAndTaggingMotoTests.ToListAsync(clients.Logs.DescribeLogGroupsAsync(name, CancellationToken.None)));
        Assert.Null(group.RetentionInDays);
    }

    [Fact]
    public async Task DeleteLogGroup_OfAGroupTheReconcilerCreated_RemovesOnlyThatGroup()
    {
        var prefix = $"/aws/lambda/seeder-delete-{MotoFixture.UniqueSuffix()}";
        using var clients = moto.CreateClients();
        await clients.Logs.CreateLogGroupAsync(prefix + "-a", new Dictionary<string, string> { ["managed-by"] = "observability-reconciler" }, CancellationToken.None);
        await moto.Seeder.CreateLogGroupAsync(prefix + "-b");

        await moto.Seeder.DeleteLogGroupAsync(prefix + "-a");

        var left = await LambdaAndTaggingMotoTests.ToListAsync(clients.Logs.DescribeLogGroupsAsync(prefix, CancellationToken.None));
        Assert.Equal([prefix + "-b"], left.Select(group => group.LogGroupName));
    }
}
