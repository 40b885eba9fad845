using Reconciler.Planning;
using Wire = Reconciler.Aws;

namespace Reconciler.Discovery;

/// <summary>Converts between CloudWatch's wire records and the planner's <see cref="AlarmDefinition"/>.</summary>
internal static class AlarmMapping
{
    /// <summary>An alarm as DescribeAlarms returned it, in the planner's terms.</summary>
    public static AlarmDefinition ToDefinition(Wire.MetricAlarm alarm) => new()
    {
        AlarmName = alarm.AlarmName,
        AlarmDescription = alarm.AlarmDescription,
        ActionsEnabled = alarm.ActionsEnabled,
        AlarmActions = Sorted(alarm.AlarmActions),
        OkActions = Sorted(alarm.OKActions),
        InsufficientDataActions = Sorted(alarm.InsufficientDataActions),
        MetricName = alarm.MetricName,
        Namespace = alarm.Namespace,
        Statistic = alarm.Statistic,
        ExtendedStatistic = alarm.ExtendedStatistic,
        Dimensions = ToDimensions(alarm.Dimensions),
        Period = alarm.Period,
        Unit = alarm.Unit,
        EvaluationPeriods = alarm.EvaluationPeriods,
        DatapointsToAlarm = alarm.DatapointsToAlarm,
        Threshold = alarm.Threshold,
        ComparisonOperator = alarm.ComparisonOperator,
        TreatMissingData = alarm.TreatMissingData,
        Metrics = [.. alarm.Metrics.Select(ToQuery)],
    };

    /// <summary>The PutMetricAlarm input that creates or replaces <paramref name="alarm"/>.</summary>
    public static Wire.PutMetricAlarmRequest ToRequest(AlarmDefinition alarm) => new()
    {
        AlarmName = alarm.AlarmName,
        AlarmDescription = alarm.AlarmDescription,
        ActionsEnabled = alarm.ActionsEnabled,
        AlarmActions = alarm.AlarmActions,
        OKActions = alarm.OkActions,
        InsufficientDataActions = alarm.InsufficientDataActions,
        MetricName = alarm.MetricName,
        Namespace = alarm.Namespace,
        Statistic = alarm.Statistic,
        ExtendedStatistic = alarm.ExtendedStatistic,
        Dimensions = [.. alarm.Dimensions.Select(d => new Wire.Dimension(d.Name, d.Value))],
        Period = alarm.Period,
        Unit = alarm.Unit,
        EvaluationPeriods = alarm.EvaluationPeriods,
        DatapointsToAlarm = alarm.DatapointsToAlarm,
        Threshold = alarm.Threshold,
        ComparisonOperator = alarm.ComparisonOperator,
        TreatMissingData = alarm.TreatMissingData,
        Metrics = [.. alarm.Metrics.Select(ToWire)],
        Tags = [.. alarm.Tags.Select(tag => new Wire.Tag(tag.Key, tag.Value))],
    };

    private static MetricDataQuery ToQuery(Wire.MetricDataQuery query) => new()
    {
        Id = query.Id,
        Expression = query.Expression,
        Label = query.Label,
        ReturnData = query.ReturnData,
        Period = query.Period,
        MetricStat = query.MetricStat is { } stat
            ? new MetricStat(stat.Namespace, stat.MetricName, ToDimensions(stat.Dimensions), stat.Period, stat.Stat, stat.Unit)
            : null,
    };

    private static Wire.MetricDataQuery ToWire(MetricDataQuery query) => new(
        query.Id,
        query.Expression,
        query.MetricStat is { } stat
            ? new Wire.MetricStat(stat.Namespace, stat.MetricName, [.. stat.Dimensions.Select(d => new Wire.Dimension(d.Name, d.Value))], stat.Period, stat.Stat, stat.Unit)
            : null,
        query.Label,
        query.ReturnData,
        query.Period);

    private static IReadOnlyList<MetricDimension> ToDimensions(IReadOnlyList<Wire.Dimension> dimensions) =>
        [.. dimensions.Select(d => new MetricDimension(d.Name, d.Value)).OrderBy(d => d.Name, StringComparer.Ordinal)];

    private static IReadOnlyList<string> Sorted(IReadOnlyList<string> values) => [.. values.Order(StringComparer.Ordinal)];
}
