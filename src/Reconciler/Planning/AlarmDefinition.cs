namespace Reconciler.Planning;

/// <summary>
/// A CloudWatch metric alarm in the shape of PutMetricAlarm's input (and DescribeAlarms' MetricAlarms output),
/// so desired and observed alarms compare field by field. Either the single-metric fields
/// (<see cref="MetricName"/>, <see cref="Namespace"/>, statistic, <see cref="Dimensions"/>, <see cref="Period"/>)
/// or <see cref="Metrics"/> (metric math) are set, never both.
/// </summary>
internal sealed record AlarmDefinition
{
    /// <summary>AlarmName.</summary>
    public required string AlarmName { get; init; }

    /// <summary>AlarmDescription; carries the ownership marker for alarms the reconciler owns.</summary>
    public string? AlarmDescription { get; init; }

    /// <summary>ActionsEnabled.</summary>
    public bool ActionsEnabled { get; init; } = true;

    /// <summary>AlarmActions, sorted.</summary>
    public IReadOnlyList<string> AlarmActions { get; init; } = [];

    /// <summary>OKActions, sorted.</summary>
    public IReadOnlyList<string> OkActions { get; init; } = [];

    /// <summary>InsufficientDataActions, sorted.</summary>
    public IReadOnlyList<string> InsufficientDataActions { get; init; } = [];

    /// <summary>MetricName (single-metric alarms).</summary>
    public string? MetricName { get; init; }

    /// <summary>Namespace (single-metric alarms).</summary>
    public string? Namespace { get; init; }

    /// <summary>Statistic: Sum, Average, Minimum, Maximum or SampleCount.</summary>
    public string? Statistic { get; init; }

    /// <summary>ExtendedStatistic: a percentile such as p99.</summary>
    public string? ExtendedStatistic { get; init; }

    /// <summary>Dimensions, sorted by name.</summary>
    public IReadOnlyList<MetricDimension> Dimensions { get; init; } = [];

    /// <summary>Period in seconds (single-metric alarms).</summary>
    public int? Period { get; init; }

    /// <summary>Unit, when the alarm filters on one.</summary>
    public string? Unit { get; init; }

    /// <summary>EvaluationPeriods.</summary>
    public int EvaluationPeriods { get; init; }

    /// <summary>DatapointsToAlarm.</summary>
    public int? DatapointsToAlarm { get; init; }

    /// <summary>Threshold.</summary>
    public double? Threshold { get; init; }

    /// <summary>ComparisonOperator, as CloudWatch spells it.</summary>
    public required string ComparisonOperator { get; init; }

    /// <summary>TreatMissingData: breaching, notBreaching, ignore or missing.</summary>
    public string? TreatMissingData { get; init; }

    /// <summary>Metrics (metric-math alarms), in the order CloudWatch returns them.</summary>
    public IReadOnlyList<MetricDataQuery> Metrics { get; init; } = [];

    /// <summary>Tags to set on the alarm. DescribeAlarms does not return tags, so observed alarms have none.</summary>
    public IReadOnlyList<ResourceTag> Tags { get; init; } = [];
}

/// <summary>A metric dimension.</summary>
internal sealed record MetricDimension(string Name, string Value);

/// <summary>A tag key and value.</summary>
internal sealed record ResourceTag(string Key, string Value);

/// <summary>One entry of a metric-math alarm's Metrics: either a MetricStat or an Expression.</summary>
internal sealed record MetricDataQuery
{
    /// <summary>Id, unique in the alarm, starting with a lowercase letter.</summary>
    public required string Id { get; init; }

    /// <summary>Expression (metric math), when this entry is an expression.</summary>
    public string? Expression { get; init; }

    /// <summary>MetricStat, when this entry reads a metric.</summary>
    public MetricStat? MetricStat { get; init; }

    /// <summary>Label.</summary>
    public string? Label { get; init; }

    /// <summary>ReturnData: exactly one entry of an alarm returns data.</summary>
    public bool ReturnData { get; init; }

    /// <summary>Period, for expressions that need one.</summary>
    public int? Period { get; init; }
}

/// <summary>MetricStat of a metric-math query.</summary>
internal sealed record MetricStat(
    string Namespace,
    string MetricName,
    IReadOnlyList<MetricDimension> Dimensions,
    int Period,
    string Stat,
    string? Unit = null);
