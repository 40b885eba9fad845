using Reconciler.Kinds.Alarms;
using Reconciler.Planning;
using Reconciler.Reporting;

namespace Reconciler.Tests.Reporting;

public sealed class AlarmSummaryTests
{
    private static readonly AlarmDefinition Latency = new()
    {
        AlarmName = "latency",
        AlarmActions = ["arn:aws:sns:us-east-1:123456789012:pager", "arn:aws:sns:us-east-1:123456789012:ops-alerts"],
        Namespace = "AWS/Lambda",
        MetricName = "Duration",
        ExtendedStatistic = "p99",
        Period = 60,
        EvaluationPeriods = 5,
        DatapointsToAlarm = 3,
        Threshold = 2000,
        ComparisonOperator = "GreaterThanOrEqualToThreshold",
    };

    [Fact]
    public void Describe_SingleMetricAlarm_OneLineWithStatisticThresholdAndTopics()
    {
        Assert.Equal("Duration p99 >= 2000, 3 of 5 periods of 60 s, notifies ops-alerts, pager", AlarmSummary.Describe(Latency));
    }

    [Fact]
    public void Describe_MetricMathAlarm_UsesTheReturnedExpressionsLabel()
    {
        var summary = AlarmSummary.Describe(new AlarmDefinition
        {
            AlarmName = "error-rate",
            EvaluationPeriods = 5,
            Threshold = 5,
            ComparisonOperator = "GreaterThanThreshold",
            Metrics =
            [
                new MetricDataQuery { Id = "errors", MetricStat = new MetricStat("AWS/Lambda", "Errors", [new MetricDimension("FunctionName", "f")], 60, "Sum") },
                new MetricDataQuery { Id = "error_rate", Expression = "100 * errors / invocations", Label = "Error rate (%)", ReturnData = true },
            ],
        });

        Assert.Equal("Error rate (%) > 5, 5 of 5 periods, notifies nobody", summary);
    }

    [Fact]
    public void Describe_FractionalThreshold_IsWrittenAsTheFieldsWriteIt()
    {
        Assert.Equal("Duration p99 >= 0.25, 3 of 5 periods of 60 s, notifies ops-alerts, pager", AlarmSummary.Describe(Latency with { Threshold = 0.25 }));
    }

    [Fact]
    public void Describe_AlarmWithoutThreshold_ReturnsNullSoEveryFieldIsShown()
    {
        Assert.Null(AlarmSummary.Describe(Latency with { Threshold = null }));
    }

    [Fact]
    public void For_AlarmUpdate_ReturnsNullSoTheChangedFieldsAreShown()
    {
        var update = new PlannedChange(
            "p", ChangeKind.Alarm, ChangeAction.Update, "latency", null, [new FieldDiff("threshold", "1000", "2000")], new PutAlarm(Latency), Enforced: true);

        Assert.Null(AlarmSummary.For(update));
        Assert.NotNull(AlarmSummary.For(update with { Action = ChangeAction.Create }));
    }
}
