using Reconciler.Aws;

namespace Reconciler.Tests.Aws;

public class ApiCallCountsTests
{
    [Fact]
    public void Since_CountersKeptAcrossRuns_ReportsOnlyWhatThisRunCalled()
    {
        var before = new[]
        {
            new ApiCallCount("lambda", "ListFunctions", false, 20, 21, 1, 1, 0),
            new ApiCallCount("monitoring", "PutMetricAlarm", true, 2400, 2400, 0, 0, 0),
        };
        var now = new[]
        {
            new ApiCallCount("lambda", "ListFunctions", false, 40, 42, 2, 1, 0),
            new ApiCallCount("monitoring", "DescribeAlarms", false, 24, 24, 0, 0, 0),
            new ApiCallCount("monitoring", "PutMetricAlarm", true, 2400, 2400, 0, 0, 0),
        };

        var run = ApiCallCounts.Since(now, before);

        Assert.Equal(
            [
                new ApiCallCount("lambda", "ListFunctions", false, 20, 21, 1, 0, 0),
                new ApiCallCount("monitoring", "DescribeAlarms", false, 24, 24, 0, 0, 0),
            ],
            run);
    }

    [Fact]
    public void Since_NothingBefore_IsTheSnapshot()
    {
        var now = new[] { new ApiCallCount("sts", "GetCallerIdentity", false, 1, 1, 0, 0, 0) };

        Assert.Equal(now, ApiCallCounts.Since(now, []));
    }
}
