using System.Globalization;
using Reconciler.Kinds.Alarms;
using Reconciler.Planning;

namespace Reconciler.Reporting;

/// <summary>
/// One line for a new alarm, built from its desired <see cref="AlarmDefinition"/>: "Duration p99 > 2000, 5 of 5
/// periods of 60 s, notifies ops-alerts". Text renderers use it so that a plan of hundreds of new alarms stays
/// readable. It reads the typed definition the planner wrote, never the field strings rendered for people.
/// </summary>
internal static class AlarmSummary
{
    /// <summary>The summary of a change that creates an alarm; null for every other change.</summary>
    public static string? For(PlannedChange change) =>
        change is { Action: ChangeAction.Create, Payload: PutAlarm put } ? Describe(put.Alarm) : null;

    /// <summary>The summary, or null when the alarm has no threshold (then every field is shown).</summary>
    public static string? Describe(AlarmDefinition alarm)
    {
        if (alarm.Threshold is not { } threshold)
        {
            return null;
        }

        var metric = alarm.MetricName is { } name
            ? $"{name} {alarm.ExtendedStatistic ?? alarm.Statistic}".TrimEnd()
            : alarm.Metrics.FirstOrDefault(query => query.ReturnData)?.Label ?? "metric math";
        var periods = FieldFormat.Number(alarm.EvaluationPeriods);
        var datapoints = FieldFormat.Number(alarm.DatapointsToAlarm ?? alarm.EvaluationPeriods);
        var period = alarm.Period is { } seconds ? $" of {FieldFormat.Number(seconds)} s" : string.Empty;
        var topics = alarm.AlarmActions.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(arn => arn[(arn.LastIndexOf(':') + 1)..])
            .ToList();
        var actions = topics.Count > 0 ? $", notifies {string.Join(", ", topics)}" : ", notifies nobody";
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{metric} {Operator(alarm.ComparisonOperator)} {FieldFormat.Number(threshold)}, {datapoints} of {periods} periods{period}{actions}");
    }

    private static string Operator(string comparison) => comparison switch
    {
        "GreaterThanThreshold" => ">",
        "GreaterThanOrEqualToThreshold" => ">=",
        "LessThanThreshold" => "<",
        "LessThanOrEqualToThreshold" => "<=",
        _ => comparison,
    };
}
