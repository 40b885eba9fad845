using Reconciler.Aws;
using Reconciler.IntegrationTests.Engine;
using Reconciler.IntegrationTests.Harness;
using Reconciler.Testing.Faults;

namespace Reconciler.IntegrationTests.Aws;

/// <summary>
/// The CloudWatch Logs client against moto: what CreateLogGroup leaves behind (read back by DescribeLogGroups and by the
/// AWS CLI), retention, paging by nextToken under a prefix, and the refusals the client must pass on with their codes.
/// </summary>
[Collection(MotoTests.Name)]
public sealed class CloudWatchLogsMotoTests(MotoFixture moto)
{
    [Fact]
    public async Task CreateLogGroup_WithTags_IsDescribedNeverExpiringAndCarriesTheTags()
    {
        var name = $"/aws/lambda/logs-create-{MotoFixture.UniqueSuffix()}";
        using var clients = moto.CreateClients();

        await clients.Logs.CreateLogGroupAsync(name, new Dictionary<string, string> { ["managed-by"] = "observability-reconciler", ["reconciler:policy"] = "payments" }, CancellationToken.None);

        var group = Assert.Single(await LambdaAndTaggingMotoTests.ToListAsync(clients.Logs.DescribeLogGroupsAsync(name, CancellationToken.None)));
        Assert.Equal(name, group.LogGroupName);
        Assert.Null(group.RetentionInDays);
        Assert.Equal($"arn:aws:logs:{MotoFixture.Region}:{MotoFixture.AccountId}:log-group:{name}:*", group.Arn);
        // ListTagsForResource takes the ARN without the trailing ":*".
        var tags = await new AwsCli(moto.Endpoint).RunAsync("logs", "list-tags-for-resource", "--resource-arn", group.Arn![..^2]);
        Assert.Equal("observability-reconciler", tags["tags"]!["managed-by"]!.GetValue<string>());
        Assert.Equal("payments", tags["tags"]!["reconciler:policy"]!.GetValue<string>());
        var create = clients.Counters.Snapshot().Single(c => c.Operation == "CreateLogGroup");
        Assert.Equal(("logs", true, 1L), (create.Service, create.IsWrite, create.Calls));
    }

    [Fact]
    public async Task CreateLogGroup_WithoutTags_CreatesAnUntaggedGroup()
    {
        var name = $"/custom/logs-untagged-{MotoFixture.UniqueSuffix()}";
        using var clients = moto.CreateClients();

        await clients.Logs.CreateLogGroupAsync(name, new Dictionary<string, string>(), CancellationToken.None);

        var group = Assert.Single(await LambdaAndTaggingMotoTests.ToListAsync(clients.Logs.DescribeLogGroupsAsync(name, CancellationToken.None)));
        var tags = await new AwsCli(moto.Endpoint).RunAsync("logs", "list-tags-for-resource", "--resource-arn", group.Arn![..^2]);
        Assert.Empty(tags["tags"]!.AsObject());
    }

    [Fact]
    public async Task PutRetentionPolicy_ThenDescribe_ReadsTheNewRetention()
    {
        var name = $"/aws/lambda/logs-retention-{MotoFixture.UniqueSuffix()}";
        using var clients = moto.CreateClients();
        await clients.Logs.CreateLogGroupAsync(name, new Dictionary<string, string>(), CancellationToken.None);

        await clients.Logs.PutRetentionPolicyAsync(name, 30, CancellationToken.None);
        var first = Assert.Single(await LambdaAndTaggingMotoTests.ToListAsync(clients.Logs.DescribeLogGroupsAsync(name, CancellationToken.None)));
        await clients.Logs.PutRetentionPolicyAsync(name, 7, CancellationToken.None);
        var second = Assert.Single(await LambdaAndTaggingMotoTests.ToListAsync(clients.Logs.DescribeLogGroupsAsync(name, CancellationToken.None)));

        Assert.Equal((30, 7), (first.RetentionInDays, second.RetentionInDays));
        Assert.Equal(7, (await new AwsCli(moto.Endpoint).RunAsync("logs", "describe-log-groups", "--log-group-name-prefix", name))["logGroups"]![0]!["retentionInDays"]!.GetValue<int>());
    }

    [Fact]
    public async Task DescribeLogGroups_120GroupsUnderAPrefix_FollowsNextTokenInPagesOf50AndSkipsOtherPrefixes()
    {
        var root = $"/reconciler-paging/{MotoFixture.UniqueSuffix()}";
        using var clients = moto.CreateClients();
        var wanted = Enumerable.Range(0, 120).Select(i => $"{root}/a/fn-{i:D3}").ToList();
        foreach (var batch in wanted.Concat([$"{root}/b/fn-000", $"{root}/b/fn-001", $"{root}/ab"]).Chunk(8))
        {
            await Task.WhenAll(batch.Select(name => clients.Logs.CreateLogGroupAsync(name, new Dictionary<string, string>(), CancellationToken.None)));
        }

        using var reader = moto.CreateClients();
        var groups = await LambdaAndTaggingMotoTests.ToListAsync(reader.Logs.DescribeLogGroupsAsync($"{root}/a/", CancellationToken.None));

        Assert.Equal(wanted, groups.Select(g => g.LogGroupName));
        Assert.Equal(3, reader.Counters.Snapshot().Single(c => c.Operation == "DescribeLogGroups").Calls);
    }

    [Fact]
    public async Task DescribeLogGroups_NullPrefix_ListsGroupsOfEveryPrefix()
    {
        var suffix = MotoFixture.UniqueSuffix();
        using var clients = moto.CreateClients();
        await clients.Logs.CreateLogGroupAsync($"/aws/lambda/logs-all-{suffix}", new Dictionary<string, string>(), CancellationToken.None);
        await clients.Logs.CreateLogGroupAsync($"/other/logs-all-{suffix}", new Dictionary<string, string>(), CancellationToken.None);

        var names = (await LambdaAndTaggingMotoTests.ToListAsync(clients.Logs.DescribeLogGroupsAsync(null, CancellationToken.None))).Select(g => g.LogGroupName).ToList();

        Assert.Contains($"/aws/lambda/logs-all-{suffix}", names);
        Assert.Contains($"/other/logs-all-{suffix}", names);
    }

    [Fact]
    public async Task CreateLogGroup_NameTaken_ThrowsResourceAlreadyExistsAsTerminal()
    {
        var name = $"/aws/lambda/logs-twice-{MotoFixture.UniqueSuffix()}";
        using var clients = moto.CreateClients();
        await clients.Logs.CreateLogGroupAsync(name, new Dictionary<string, string>(), CancellationToken.None);

        var error = await Assert.ThrowsAsync<AwsServiceException>(
            () => clients.Logs.CreateLogGroupAsync(name, new Dictionary<string, string>(), CancellationToken.None));

        Assert.Equal(("logs", "CreateLogGroup", "ResourceAlreadyExistsException", 400), (error.Service, error.Operation, error.ErrorCode, error.StatusCode));
        Assert.Equal(AwsErrorKind.Terminal, error.Kind);
        // Not retried: two calls, two attempts, one failure.
        var create = clients.Counters.Snapshot().Single(c => c.Operation == "CreateLogGroup");
        Assert.Equal((2L, 2L, 1L), (create.Calls, create.Attempts, create.Failures));
    }

    [Fact]
    public async Task PutRetentionPolicy_ThrottledTwiceByTheFaultLayer_IsRetriedAndAppliedOnce()
    {
        var name = $"/aws/lambda/logs-throttled-{MotoFixture.UniqueSuffix()}";
        using var setup = moto.CreateClients();
        await setup.Logs.CreateLogGroupAsync(name, new Dictionary<string, string>(), CancellationToken.None);
        var log = new FaultLog();
        using var clients = moto.CreateClients(options => options with
        {
            WrapTransport = inner => new FaultInjectingHandler(
                new FaultInjectionOptions { Seed = 1, Script = (_, attempt) => attempt <= 2 ? FaultKind.Throttle : FaultKind.None }, null, log)
            {
                InnerHandler = inner,
            },
        });

        await clients.Logs.PutRetentionPolicyAsync(name, 90, CancellationToken.None);

        var put = clients.Counters.Snapshot().Single();
        Assert.Equal(new ApiCallCount("logs", "PutRetentionPolicy", true, Calls: 1, Attempts: 3, Retries: 2, Throttles: 2, Failures: 0), put);
        // Two throttled attempts and one that reached moto, all naming the group.
        var write = Assert.Single(log.WritesByTarget());
        Assert.Equal((name, 1), (write.Target, write.ReachedServer));
        Assert.Equal(90, Assert.Single(await LambdaAndTaggingMotoTests.ToListAsync(setup.Logs.DescribeLogGroupsAsync(name, CancellationToken.None))).RetentionInDays);
    }

    [Fact]
    public async Task PutRetentionPolicy_GroupMissing_ThrowsResourceNotFound()
    {
        using var clients = moto.CreateClients();

        var error = await Assert.ThrowsAsync<AwsServiceException>(
            () => clients.Logs.PutRetentionPolicyAsync($"/aws/lambda/logs-missing-{MotoFixture.UniqueSuffix()}", 30, CancellationToken.None));

        Assert.Equal(("ResourceNotFoundException", AwsErrorKind.Terminal), (error.ErrorCode, error.Kind));
    }
}
