using Microsoft.Extensions.Time.Testing;
using Reconciler.Testing.Faults;

namespace Reconciler.Tests.Faults;

public sealed class QuotaTableTests
{
    private static readonly AwsOperation PutMetricAlarm = new("monitoring", "PutMetricAlarm");
    private static readonly AwsOperation DescribeAlarms = new("monitoring", "DescribeAlarms");

    [Theory]
    [InlineData("monitoring", "PutMetricAlarm", 3, 3)]
    [InlineData("monitoring", "DescribeAlarms", 9, 9)]
    [InlineData("monitoring", "DeleteAlarms", 3, 3)]
    [InlineData("monitoring", "PutDashboard", 10, 10)]
    [InlineData("monitoring", "GetDashboard", 10, 10)]
    [InlineData("monitoring", "ListDashboards", 10, 10)]
    [InlineData("monitoring", "TagResource", 20, 20)]
    [InlineData("tagging", "GetResources", 15, 15)]
    [InlineData("lambda", "ListFunctions", 15, 15)]
    [InlineData("apigateway", "GetStages", 10, 40)]
    [InlineData("sns", "Publish", 300, 300)]
    [InlineData("logs", "DescribeLogGroups", 10, 10)]
    [InlineData("logs", "CreateLogGroup", 10, 10)]
    [InlineData("logs", "PutRetentionPolicy", 5, 5)]
    public void TryAcquire_DocumentedQuota_AllowsBurstThenRefillsAtRate(string service, string name, int rate, int burst)
    {
        var time = new FakeTimeProvider();
        var quotas = new QuotaTable(time);
        var operation = new AwsOperation(service, name);

        var admittedAtOnce = Enumerable.Range(0, burst + 5).Count(_ => quotas.TryAcquire(operation));
        time.Advance(TimeSpan.FromSeconds(1));
        var admittedAfterOneSecond = Enumerable.Range(0, burst + 5).Count(_ => quotas.TryAcquire(operation));

        Assert.Equal(burst, admittedAtOnce);
        Assert.Equal(Math.Min(rate, burst), admittedAfterOneSecond);
    }

    [Fact]
    public void TryAcquire_PutMetricAlarmOverTenSeconds_AdmitsBurstPlusRateTimesSeconds()
    {
        var time = new FakeTimeProvider();
        var quotas = new QuotaTable(time);
        var admitted = 0;

        // A client hammering the API every 10 ms for 10 s gets 3 (burst) + 3/s × 10 s.
        for (var tick = 0; tick < 1000; tick++)
        {
            admitted += quotas.TryAcquire(PutMetricAlarm) ? 1 : 0;
            time.Advance(TimeSpan.FromMilliseconds(10));
        }

        Assert.InRange(admitted, 32, 33);
    }

    [Fact]
    public void TryAcquire_LambdaOperations_ShareOneControlPlaneBucket()
    {
        var quotas = new QuotaTable(new FakeTimeProvider());

        for (var i = 0; i < 5; i++)
        {
            Assert.True(quotas.TryAcquire(new AwsOperation("lambda", "ListFunctions")));
            Assert.True(quotas.TryAcquire(new AwsOperation("lambda", "GetFunctionConfiguration")));
            Assert.True(quotas.TryAcquire(new AwsOperation("lambda", "UpdateFunctionConfiguration")));
        }

        Assert.False(quotas.TryAcquire(new AwsOperation("lambda", "UpdateFunctionConfiguration")));
        Assert.False(quotas.TryAcquire(new AwsOperation("lambda", "ListFunctions")));
    }

    [Fact]
    public void TryAcquire_CloudWatchOperations_HaveSeparateBuckets()
    {
        var quotas = new QuotaTable(new FakeTimeProvider());

        Assert.Equal(3, Enumerable.Range(0, 10).Count(_ => quotas.TryAcquire(PutMetricAlarm)));
        Assert.Equal(9, Enumerable.Range(0, 20).Count(_ => quotas.TryAcquire(DescribeAlarms)));
    }

    [Fact]
    public void TryAcquire_OperationWithoutQuota_IsAlwaysAdmitted()
    {
        var quotas = new QuotaTable(new FakeTimeProvider());

        Assert.All(Enumerable.Range(0, 1000), _ => Assert.True(quotas.TryAcquire(new AwsOperation("sts", "GetCallerIdentity"))));
        Assert.Null(quotas.RuleFor(AwsOperation.Unknown));
    }

    [Fact]
    public void TryAcquire_TimeCompressionTen_RefillsTenTimesFasterAndReportsVirtualSeconds()
    {
        var time = new FakeTimeProvider();
        var quotas = new QuotaTable(time, timeCompression: 10);
        Assert.Equal(3, Enumerable.Range(0, 10).Count(_ => quotas.TryAcquire(PutMetricAlarm)));

        // 100 ms real = 1 virtual second = 3 more PutMetricAlarm tokens.
        time.Advance(TimeSpan.FromMilliseconds(100));

        Assert.Equal(3, Enumerable.Range(0, 10).Count(_ => quotas.TryAcquire(PutMetricAlarm)));
        Assert.Equal(TimeSpan.FromSeconds(1), quotas.VirtualElapsed);
        Assert.Equal(TimeSpan.FromMilliseconds(100), quotas.ToReal(TimeSpan.FromSeconds(1)));
    }

    [Theory]
    [InlineData(3, 0)]
    [InlineData(2400, 799)]
    [InlineData(33, 10)]
    public void MinimumDuration_PutMetricAlarm_IsRequestsBeyondBurstOverRate(long requests, double expectedSeconds)
    {
        var rule = new QuotaTable(new FakeTimeProvider()).RuleFor(PutMetricAlarm)!;

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), rule.MinimumDuration(requests));
    }

    [Fact]
    public void MinimumVirtualDuration_SeveralGroups_IsTheSlowestGroup()
    {
        var quotas = new QuotaTable(new FakeTimeProvider());
        OperationCounts[] counts =
        [
            new(PutMetricAlarm, 100, 93, 7, QuotaAdmitted: 93, 0, 0),          // (93 - 3) / 3 = 30 s
            new(DescribeAlarms, 20, 20, 0, QuotaAdmitted: 18, 0, 0),           // (18 - 9) / 9 = 1 s
            new(new AwsOperation("lambda", "ListFunctions"), 20, 20, 0, 20, 0, 0),
            new(new AwsOperation("lambda", "UpdateFunctionConfiguration"), 40, 40, 0, 40, 0, 0), // (60 - 15) / 15 = 3 s
        ];

        Assert.Equal(TimeSpan.FromSeconds(30), quotas.MinimumVirtualDuration(counts));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    public void Constructor_NonPositiveCompression_Throws(double factor) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new QuotaTable(new FakeTimeProvider(), factor));

    [Fact]
    public async Task TryAcquire_ConcurrentCallers_NeverAdmitMoreThanTheBurst()
    {
        var quotas = new QuotaTable(new FakeTimeProvider());
        var admitted = 0;

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 500; i++)
            {
                if (quotas.TryAcquire(new AwsOperation("apigateway", "GetStages")))
                {
                    Interlocked.Increment(ref admitted);
                }
            }
        })));

        Assert.Equal(40, admitted);
    }
}
