using Reconciler.Planning;
using Reconciler.Policies;

namespace Reconciler.Tests.Planning;

/// <summary>
/// Metric-math fields compared the way DescribeAlarms gives them back: a default CloudWatch fills in is no drift, or
/// the reconciler would write the same alarm every run.
/// </summary>
public sealed class AlarmDiffNormalisationTests
{
    private static readonly MetricDimension[] Function = [new("FunctionName", "ManageProjects")];

    private static AlarmDefinition ErrorRate(Func<MetricDataQuery, MetricDataQuery>? edit = null)
    {
        edit ??= q => q;
        return new AlarmDefinition
        {
            AlarmName = "reconciler-pm-ManageProjects-error-rate",
            ComparisonOperator = "GreaterThanThreshold",
            EvaluationPeriods = 5,
            Threshold = 5,
            Metrics =
            [
                edit(new MetricDataQuery { Id = "errors", MetricStat = new MetricStat("AWS/Lambda", "Errors", Function, 60, "Sum") }),
                edit(new MetricDataQuery { Id = "invocations", MetricStat = new MetricStat("AWS/Lambda", "Invocations", Function, 60, "Sum") }),
                edit(new MetricDataQuery { Id = "error_rate", Expression = "100 * errors / invocations", Label = "Error rate (%)", ReturnData = true }),
            ],
        };
    }

    public static TheoryData<string, string[]> Cases => new()
    {
        // CloudWatch generates a label for a query that has none: not drift.
        { "generated labels", [] },

        // An expression is evaluated at its metrics' period; CloudWatch filling that in is not drift.
        { "expression period filled in", [] },

        // A MetricStat query's own Period set to its MetricStat's period: the same alarm.
        { "metric period repeated", [] },
        { "expression period differs", ["metrics[error_rate]: 100 * errors / invocations label=\"Error rate (%)\" period=300 returnData=true -> 100 * errors / invocations label=\"Error rate (%)\" returnData=true"] },
        { "label edited", ["metrics[error_rate]: 100 * errors / invocations label=\"Errors\" returnData=true -> 100 * errors / invocations label=\"Error rate (%)\" returnData=true"] },
        { "return data moved", ["metrics[errors]: AWS/Lambda Errors [FunctionName=ManageProjects] Sum period=60 returnData=true -> AWS/Lambda Errors [FunctionName=ManageProjects] Sum period=60 returnData=false"] },
    };

    private static readonly Dictionary<string, Func<MetricDataQuery, MetricDataQuery>> Stored = new()
    {
        ["generated labels"] = q => q.Label is null ? q with { Label = q.Id } : q,
        ["expression period filled in"] = q => q.Expression is null ? q : q with { Period = 60 },
        ["metric period repeated"] = q => q.MetricStat is null ? q : q with { Period = q.MetricStat.Period },
        ["expression period differs"] = q => q.Expression is null ? q : q with { Period = 300 },
        ["label edited"] = q => q.Expression is null ? q : q with { Label = "Errors" },
        ["return data moved"] = q => q.Id == "errors" ? q with { ReturnData = true } : q,
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Alarm_StoredByCloudWatch_DiffsOnlyWhatMeansSomething(string stored, string[] expected)
    {
        var diffs = Diffing.Alarm(ErrorRate(Stored[stored]), ErrorRate());

        Assert.Equal(expected, diffs.Select(d => $"{d.Field}: {d.Before ?? "(none)"} -> {d.After ?? "(none)"}"));
    }

    [Fact]
    public void Alarm_SentAndStoredBothNormalised_SymmetricForExpressionPeriods()
    {
        // Desired with the period spelled out, stored without it: the same alarm either way round.
        var spelledOut = ErrorRate(q => q.Expression is null ? q : q with { Period = 60 });

        Assert.Empty(Diffing.Alarm(ErrorRate(), spelledOut));
        Assert.Empty(Diffing.Alarm(spelledOut, ErrorRate()));
    }
}
