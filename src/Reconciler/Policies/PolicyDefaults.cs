namespace Reconciler.Policies;

/// <summary>
/// The value every optional policy field takes when it is absent. The JSON Schema
/// (policies/policy-v1.schema.json) repeats these as "default"; a test keeps the two in line.
/// </summary>
internal static class PolicyDefaults
{
    /// <summary>spec.mode: enforce. A policy is written to be applied; audit is the opt-out.</summary>
    public const PolicyMode Mode = PolicyMode.Enforce;

    /// <summary>
    /// alarms[].comparison: GreaterThanThreshold. Every built-in metric (errors, latency, throttles) is bad when high.
    /// </summary>
    public const ComparisonOperator Comparison = ComparisonOperator.GreaterThanThreshold;

    /// <summary>alarms[].period: 60 seconds, the finest period standard-resolution Lambda and API Gateway metrics have.</summary>
    public const int Period = 60;

    /// <summary>
    /// alarms[].evaluationPeriods: 5. With the 60 s period the alarm looks at the last five minutes, long enough
    /// that one slow cold start does not page anyone.
    /// </summary>
    public const int EvaluationPeriods = 5;

    /// <summary>
    /// alarms[].datapointsToAlarm: when absent it equals evaluationPeriods, which is what CloudWatch itself does when
    /// DatapointsToAlarm is omitted ("N out of N").
    /// </summary>
    public static int DatapointsToAlarm(int evaluationPeriods) => evaluationPeriods;

    /// <summary>
    /// alarms[].treatMissingData: notBreaching. Serverless metrics are sparse: a function that is not invoked
    /// reports no Errors and no Duration, and that is healthy, not INSUFFICIENT_DATA.
    /// </summary>
    public const TreatMissingData MissingData = TreatMissingData.NotBreaching;

    /// <summary>
    /// alarms[].statistic and widgets[].statistic: the usual statistic of the metric (<see cref="MetricCatalog.DefaultStatistic"/>):
    /// Sum for counts (Errors, Throttles, Invocations, Count), p99 for durations and latencies, Average for
    /// 4XXError/5XXError (the fraction of requests that failed), Maximum for concurrency and ages.
    /// ErrorRate takes no statistic: it is computed from the Sums of Errors and Invocations. A widget uses the usual
    /// statistic of its first metric.
    /// </summary>
    public static string Statistic(string metric) => MetricCatalog.DefaultStatistic(metric);

    /// <summary>spec.report.when: onChange. A report when nothing drifted is noise; drift and failures are news.</summary>
    public const ReportWhen Report = ReportWhen.OnChange;

    /// <summary>spec.alarms.adopt: false. Taking over an alarm someone else made must be a deliberate choice.</summary>
    public const bool Adopt = false;

    /// <summary>spec.selector.matchAll: false. Selecting every resource in the account must be said out loud.</summary>
    public const bool MatchAll = false;

    /// <summary>spec.dashboard.widgets[].type: metric.</summary>
    public const WidgetType WidgetKind = WidgetType.Metric;

    /// <summary>spec.selector.resourceTypes: both Lambda functions and API Gateway REST stages.</summary>
    public static IReadOnlyList<ResourceType> ResourceTypes { get; } = [ResourceType.LambdaFunction, ResourceType.ApiGatewayStage];

    /// <summary>
    /// spec.dashboard.name: the policy's metadata.name. spec.dashboard.widgets: <see cref="DefaultWidgets"/> for the
    /// selected resource types.
    /// </summary>
    /// <remarks>Tracing absent means unmanaged; alarms, actions and exclusions default to empty lists.</remarks>
    public static IReadOnlyList<WidgetSpec> DefaultWidgets(IReadOnlyList<ResourceType> resourceTypes)
    {
        ArgumentNullException.ThrowIfNull(resourceTypes);
        var widgets = new List<WidgetSpec>();
        if (resourceTypes.Contains(ResourceType.LambdaFunction))
        {
            widgets.Add(new WidgetSpec("Lambda invocations", WidgetType.Metric, ResourceType.LambdaFunction, ["Invocations"], "Sum"));
            widgets.Add(new WidgetSpec("Lambda errors", WidgetType.Metric, ResourceType.LambdaFunction, ["Errors"], "Sum"));
            widgets.Add(new WidgetSpec("Lambda duration p99", WidgetType.Metric, ResourceType.LambdaFunction, ["Duration"], "p99"));
        }

        if (resourceTypes.Contains(ResourceType.ApiGatewayStage))
        {
            widgets.Add(new WidgetSpec("API requests and errors", WidgetType.Metric, ResourceType.ApiGatewayStage, ["Count", "4XXError", "5XXError"], "Sum"));
            widgets.Add(new WidgetSpec("API latency p99", WidgetType.Metric, ResourceType.ApiGatewayStage, ["Latency"], "p99"));
        }

        widgets.Add(new WidgetSpec("Alarms", WidgetType.AlarmStatus, null, [], string.Empty));
        return widgets;
    }
}
