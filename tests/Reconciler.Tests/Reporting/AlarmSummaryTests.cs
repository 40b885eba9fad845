using Reconciler.Reporting;

namespace Reconciler.Tests.Reporting;

public sealed class AlarmSummaryTests
{
    private static ReportFieldChange New(string field, string value) => new(field, null, value);

    [Fact]
    public void Describe_SingleMetricAlarm_OneLineWithStatisticThresholdAndTopics()
    {
        var summary = AlarmSummary.Describe(
        [
            New("alarmActions", "[arn:aws:sns:us-east-1:123456789012:ops-alerts, arn:aws:sns:us-east-1:123456789012:pager]"),
            New("metricName", "Duration"),
            New("extendedStatistic", "p99"),
            New("period", "60"),
            New("evaluationPeriods", "5"),
            New("datapointsToAlarm", "3"),
            New("threshold", "2000"),
            New("comparisonOperator", "GreaterThanOrEqualToThreshold"),
        ]);

        Assert.Equal("Duration p99 >= 2000, 3 of 5 periods of 60 s, notifies ops-alerts, pager", summary);
    }

    [Fact]
    public void Describe_MetricMathAlarm_UsesTheReturnedExpressionsLabel()
    {
        var summary = AlarmSummary.Describe(
        [
            New("alarmActions", "[]"),
            New("evaluationPeriods", "5"),
            New("threshold", "5"),
            New("comparisonOperator", "GreaterThanThreshold"),
            New("metrics[error_rate]", "IF(invocations > 0, 100 * errors / invocations, 0) label=\"Error rate (%)\" returnData=true"),
            New("metrics[errors]", "AWS/Lambda Errors [FunctionName=f] Sum period=60 returnData=false"),
        ]);

        Assert.Equal("Error rate (%) > 5, 5 of 5 periods, notifies nobody", summary);
    }

    [Fact]
    public void Describe_FieldsThatAreNotAnAlarm_ReturnsNullSoEveryFieldIsShown()
    {
        Assert.Null(AlarmSummary.Describe([New("widgets", "7 widgets, 14 metrics")]));
    }
}
