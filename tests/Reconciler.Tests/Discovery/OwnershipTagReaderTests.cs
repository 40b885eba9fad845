using Reconciler.Aws;
using Reconciler.Discovery;

namespace Reconciler.Tests.Discovery;

/// <summary>The ownership proof's reads: one ListTagsForResource per ARN, failures kept apart from "no tags".</summary>
public sealed class OwnershipTagReaderTests
{
    private static readonly string Owned = FakeAccount.AlarmArn("reconciler-shop-orders-error-rate");
    private static readonly string Untagged = FakeAccount.AlarmArn("reconciler-shop-orders-latency");
    private static readonly string Unreadable = FakeAccount.DashboardArn("Shop");

    [Fact]
    public async Task ReadAsync_OneReadFails_KeepsItAsAFailureNotAsNoTags()
    {
        var account = new FakeAccount()
            .WithAlarm(new MetricAlarm { AlarmName = "reconciler-shop-orders-error-rate", ComparisonOperator = "GreaterThanThreshold" })
            .WithAlarm(new MetricAlarm { AlarmName = "reconciler-shop-orders-latency", ComparisonOperator = "GreaterThanThreshold" })
            .WithCloudWatchTags(Owned, new Tag("managed-by", "reconciler"), new Tag("reconciler:policy", "shop"))
            .WithDashboard("Shop", "{}")
            .Failing("ListTagsForResource", Unreadable);

        var read = await new OwnershipTagReader(account).ReadAsync([Owned, Untagged, Unreadable], CancellationToken.None);

        Assert.Equal(new Dictionary<string, string> { ["managed-by"] = "reconciler", ["reconciler:policy"] = "shop" }, read.Tags[Owned]);
        Assert.Empty(read.Tags[Untagged]);
        Assert.False(read.Tags.ContainsKey(Unreadable));
        Assert.StartsWith($"CloudWatch ListTagsForResource {Unreadable} failed: AccessDeniedException", read.Failures[Unreadable].Message, StringComparison.Ordinal);
        Assert.Equal(3, account.CallCount("ListTagsForResource"));
    }

    [Fact]
    public async Task ReadAsync_NoArns_ReadsNothing()
    {
        var account = new FakeAccount();

        var read = await new OwnershipTagReader(account).ReadAsync([], CancellationToken.None);

        Assert.Empty(read.Tags);
        Assert.Empty(account.Calls);
    }
}
