using Reconciler.Policies;

namespace Reconciler.Planning;

/// <summary>
/// Field-level comparison of desired and observed alarms. Every field is first normalised the way CloudWatch
/// normalises it (sorted actions and dimensions, DatapointsToAlarm absent = EvaluationPeriods, TreatMissingData
/// absent = missing, metric-math queries by id, doubles by value, metric-math defaults as in <see cref="Normalise"/>),
/// then rendered for people; fields whose renderings differ are the diff. Tags are not compared: DescribeAlarms does not return them, and the actuator
/// re-tags on every put.
/// </summary>
internal static class Diffing
{
    /// <summary>Fields of <paramref name="desired"/> that differ from <paramref name="observed"/>, in a stable order.</summary>
    public static IReadOnlyList<FieldDiff> Alarm(AlarmDefinition observed, AlarmDefinition desired)
    {
        var before = AlarmFields(Normalise(observed, desired));
        var after = AlarmFields(Normalise(desired, desired));
        var diffs = new List<FieldDiff>();
        foreach (var field in FieldOrder(before, after))
        {
            before.TryGetValue(field, out var was);
            after.TryGetValue(field, out var will);
            if (!string.Equals(was, will, StringComparison.Ordinal))
            {
                diffs.Add(new FieldDiff(field, was, will));
            }
        }

        return diffs;
    }

    /// <summary>
    /// The metric-math fields the way DescribeAlarms gives them back, applied to either side of a comparison so that
    /// what was sent and what CloudWatch stored compare equal (CloudWatch model, MetricDataQuery):
    /// <list type="bullet">
    /// <item>Period: a query without one is evaluated at its MetricStat's period, and an expression at the period of
    /// the metrics it reads; CloudWatch may or may not fill it in, so that period and an absent one are the same.</item>
    /// <item>Label: "If Label is omitted, CloudWatch generates a default", so a label the desired query does not set
    /// is not compared.</item>
    /// <item>ReturnData: absent means true; the wire reader already maps it so (the record holds a bool).</item>
    /// </list>
    /// </summary>
    /// <param name="alarm">The side to normalise.</param>
    /// <param name="desired">The desired alarm, which decides which labels are compared.</param>
    internal static AlarmDefinition Normalise(AlarmDefinition alarm, AlarmDefinition desired)
    {
        if (alarm.Metrics.Count == 0)
        {
            return alarm;
        }

        var labelled = desired.Metrics.Where(q => q.Label is not null).Select(q => q.Id).ToHashSet(StringComparer.Ordinal);
        var statPeriods = alarm.Metrics.Where(q => q.MetricStat is not null).Select(q => q.MetricStat!.Period).Distinct().ToList();
        int? metricsPeriod = statPeriods.Count == 1 ? statPeriods[0] : null;
        return alarm with
        {
            Metrics = [.. alarm.Metrics.Select(q => q with
            {
                Label = labelled.Contains(q.Id) ? q.Label : null,
                // Canonical form: absent wherever it is the period the query is evaluated at anyway.
                Period = q.Period == (q.MetricStat?.Period ?? metricsPeriod) ? null : q.Period,
            })],
        };
    }

    /// <summary>Every field of an alarm to create, as "absent → value".</summary>
    public static IReadOnlyList<FieldDiff> AlarmCreated(AlarmDefinition desired) =>
        [.. AlarmFields(desired).Where(f => f.Value is not null).Select(f => new FieldDiff(f.Key, null, f.Value))];

    /// <summary>Every field of an alarm to delete, as "value → absent".</summary>
    public static IReadOnlyList<FieldDiff> AlarmDeleted(AlarmDefinition observed) =>
        [.. AlarmFields(observed).Where(f => f.Value is not null).Select(f => new FieldDiff(f.Key, f.Value, null))];

    /// <summary>
    /// An alarm's fields, normalised and rendered, in the order a person reads them (an ordered list of pairs kept
    /// in a dictionary that preserves insertion order for lookups).
    /// </summary>
    internal static OrderedFields AlarmFields(AlarmDefinition alarm)
    {
        var fields = new OrderedFields
        {
            ["description"] = alarm.AlarmDescription,
            ["actionsEnabled"] = FieldFormat.Boolean(alarm.ActionsEnabled),
            ["alarmActions"] = Actions(alarm.AlarmActions),
            ["okActions"] = Actions(alarm.OkActions),
            ["insufficientDataActions"] = Actions(alarm.InsufficientDataActions),
            ["namespace"] = alarm.Namespace,
            ["metricName"] = alarm.MetricName,
            ["statistic"] = alarm.Statistic,
            ["extendedStatistic"] = alarm.ExtendedStatistic,
            ["dimensions"] = alarm.Dimensions.Count == 0 && alarm.MetricName is null ? null : Dimensions(alarm.Dimensions),
            ["period"] = FieldFormat.Number(alarm.Period),
            ["unit"] = alarm.Unit,
            ["evaluationPeriods"] = FieldFormat.Number(alarm.EvaluationPeriods),
            ["datapointsToAlarm"] = FieldFormat.Number(alarm.DatapointsToAlarm ?? alarm.EvaluationPeriods),
            ["threshold"] = FieldFormat.Number(alarm.Threshold),
            ["comparisonOperator"] = alarm.ComparisonOperator,
            ["treatMissingData"] = alarm.TreatMissingData ?? "missing",
        };

        foreach (var query in alarm.Metrics.OrderBy(q => q.Id, StringComparer.Ordinal))
        {
            fields[$"metrics[{query.Id}]"] = Query(query);
        }

        return fields;
    }

    private static IEnumerable<string> FieldOrder(OrderedFields before, OrderedFields after) =>
        after.Keys.Concat(before.Keys.Where(k => !after.ContainsKey(k)));

    private static string Actions(IReadOnlyList<string> actions) =>
        FieldFormat.List(actions.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));

    private static string Dimensions(IReadOnlyList<MetricDimension> dimensions) =>
        FieldFormat.List(dimensions
            .OrderBy(d => d.Name, StringComparer.Ordinal)
            .ThenBy(d => d.Value, StringComparer.Ordinal)
            .Select(d => $"{d.Name}={d.Value}"));

    private static string Query(MetricDataQuery query)
    {
        var parts = new List<string>();
        if (query.MetricStat is { } stat)
        {
            parts.Add($"{stat.Namespace} {stat.MetricName} {Dimensions(stat.Dimensions)} {stat.Stat} period={FieldFormat.Number(stat.Period)}");
            if (stat.Unit is not null)
            {
                parts.Add($"unit={stat.Unit}");
            }
        }

        if (query.Expression is not null)
        {
            parts.Add(query.Expression);
        }

        if (query.Label is not null)
        {
            parts.Add($"label=\"{query.Label}\"");
        }

        if (query.Period is { } period)
        {
            parts.Add($"period={FieldFormat.Number(period)}");
        }

        parts.Add($"returnData={FieldFormat.Boolean(query.ReturnData)}");
        return string.Join(' ', parts);
    }
}

/// <summary>Field name → rendered value (null = absent), remembering the order fields were added.</summary>
internal sealed class OrderedFields : IEnumerable<KeyValuePair<string, string?>>
{
    private readonly List<string> order = [];
    private readonly Dictionary<string, string?> values = new(StringComparer.Ordinal);

    /// <summary>Field names in the order they were added.</summary>
    public IEnumerable<string> Keys => order;

    /// <summary>Sets a field, appending it to the order the first time.</summary>
    public string? this[string field]
    {
        get => values[field];
        set
        {
            if (!values.ContainsKey(field))
            {
                order.Add(field);
            }

            values[field] = value;
        }
    }

    /// <summary>True when the field is present (its value may be null).</summary>
    public bool ContainsKey(string field) => values.ContainsKey(field);

    /// <summary>The value of a field; false when it is not present.</summary>
    public bool TryGetValue(string field, out string? value) => values.TryGetValue(field, out value);

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, string?>> GetEnumerator() =>
        order.Select(k => new KeyValuePair<string, string?>(k, values[k])).GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
