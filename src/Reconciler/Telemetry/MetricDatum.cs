namespace Reconciler.Telemetry;

/// <summary>CloudWatch units the reconciler's own metrics use.</summary>
internal enum MetricUnit
{
    /// <summary>A count of things.</summary>
    Count,

    /// <summary>A duration in milliseconds.</summary>
    Milliseconds,

    /// <summary>A dimensionless number.</summary>
    None,
}

/// <summary>One metric value in an Embedded Metric Format line.</summary>
internal sealed record MetricDatum(string Name, double Value, MetricUnit Unit);
