using System.Globalization;

namespace Reconciler.Reporting;

/// <summary>
/// One line for a new alarm, built from its planned fields: "Duration p99 > 2000, 5 of 5 periods of 60 s, notifies
/// ops-alerts". Text renderers use it so that a plan of hundreds of new alarms stays readable.
/// </summary>
internal static class AlarmSummary
{
    /// <summary>The summary, or null when the fields do not describe an alarm (then every field is shown).</summary>
    public static string? Describe(IReadOnlyList<ReportFieldChange> fields)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in fields)
        {
            if (field.After is { } value)
            {
                values[field.Field] = value;
            }
        }

        if (!values.TryGetValue("threshold", out var threshold) || !values.TryGetValue("comparisonOperator", out var comparison))
        {
            return null;
        }

        var metric = values.TryGetValue("metricName", out var name)
            ? $"{name} {values.GetValueOrDefault("extendedStatistic") ?? values.GetValueOrDefault("statistic")}".TrimEnd()
            : MathLabel(fields) ?? "metric math";
        var periods = values.GetValueOrDefault("evaluationPeriods");
        var datapoints = values.GetValueOrDefault("datapointsToAlarm") ?? periods;
        var period = values.TryGetValue("period", out var seconds) ? $" of {seconds} s" : string.Empty;
        var actions = values.TryGetValue("alarmActions", out var arns) && arns != "[]"
            ? $", notifies {string.Join(", ", arns.Trim('[', ']').Split(", ").Select(arn => arn[(arn.LastIndexOf(':') + 1)..]))}"
            : ", notifies nobody";
        return string.Create(CultureInfo.InvariantCulture, $"{metric} {Operator(comparison)} {threshold}, {datapoints} of {periods} periods{period}{actions}");
    }

    private static string? MathLabel(IReadOnlyList<ReportFieldChange> fields) =>
        fields.Where(f => f.Field.StartsWith("metrics[", StringComparison.Ordinal) && f.After is { } v && v.Contains("returnData=true", StringComparison.Ordinal))
            .Select(f => f.After!)
            .Select(v => v.IndexOf("label=\"", StringComparison.Ordinal) is var at and >= 0 ? v[(at + 7)..].Split('"')[0] : null)
            .FirstOrDefault();

    private static string Operator(string comparison) => comparison switch
    {
        "GreaterThanThreshold" => ">",
        "GreaterThanOrEqualToThreshold" => ">=",
        "LessThanThreshold" => "<",
        "LessThanOrEqualToThreshold" => "<=",
        _ => comparison,
    };
}
