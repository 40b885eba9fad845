namespace Reconciler.Policies;

/// <summary>
/// The metrics a policy may name, per resource type, with the statistic each is usually read with.
/// Only metrics published per function (dimension FunctionName) or per REST API stage (ApiName, Stage) are listed:
/// an account-wide metric such as UnreservedConcurrentExecutions cannot be alarmed per resource.
/// </summary>
internal static class MetricCatalog
{
    /// <summary>Built-in Lambda metric: 100 * Errors / Invocations, rendered with metric math (alarms only).</summary>
    public const string ErrorRate = "ErrorRate";

    /// <summary>The CloudWatch namespace of Lambda metrics.</summary>
    public const string LambdaNamespace = "AWS/Lambda";

    /// <summary>The CloudWatch namespace of API Gateway metrics.</summary>
    public const string ApiGatewayNamespace = "AWS/ApiGateway";

    /// <summary>The dimension of Lambda metrics that names the function.</summary>
    public const string FunctionNameDimension = "FunctionName";

    /// <summary>The dimension of API Gateway (REST) metrics that names the API.</summary>
    public const string ApiNameDimension = "ApiName";

    /// <summary>The dimension of API Gateway (REST) metrics that names the stage.</summary>
    public const string StageDimension = "Stage";

    private static readonly (string Metric, string Statistic)[] LambdaMetricTable =
    [
        ("Invocations", "Sum"),
        ("Errors", "Sum"),
        ("Throttles", "Sum"),
        ("DeadLetterErrors", "Sum"),
        ("DestinationDeliveryFailures", "Sum"),
        ("RecursiveInvocationsDropped", "Sum"),
        ("ProvisionedConcurrencyInvocations", "Sum"),
        ("ProvisionedConcurrencySpilloverInvocations", "Sum"),
        ("AsyncEventsReceived", "Sum"),
        ("AsyncEventsDropped", "Sum"),
        ("Duration", "p99"),
        ("PostRuntimeExtensionsDuration", "p99"),
        ("IteratorAge", "Maximum"),
        ("AsyncEventAge", "Maximum"),
        ("ConcurrentExecutions", "Maximum"),
        ("ProvisionedConcurrentExecutions", "Maximum"),
        ("ProvisionedConcurrencyUtilization", "Maximum"),
    ];

    private static readonly (string Metric, string Statistic)[] ApiGatewayMetricTable =
    [
        ("Count", "Sum"),
        ("4XXError", "Average"),
        ("5XXError", "Average"),
        ("Latency", "p99"),
        ("IntegrationLatency", "p99"),
        ("CacheHitCount", "Sum"),
        ("CacheMissCount", "Sum"),
    ];

    /// <summary>AWS/Lambda metric names a widget or alarm may use (alarms may also use <see cref="ErrorRate"/>).</summary>
    public static IReadOnlyList<string> LambdaMetrics { get; } = [.. LambdaMetricTable.Select(entry => entry.Metric)];

    /// <summary>AWS/ApiGateway metric names a widget or alarm may use on a REST API stage.</summary>
    public static IReadOnlyList<string> ApiGatewayMetrics { get; } = [.. ApiGatewayMetricTable.Select(entry => entry.Metric)];

    /// <summary>The metrics an alarm on <paramref name="resourceType"/> may name.</summary>
    public static IReadOnlyList<string> AlarmMetrics(ResourceType resourceType) => resourceType switch
    {
        ResourceType.LambdaFunction => [ErrorRate, .. LambdaMetrics],
        _ => ApiGatewayMetrics,
    };

    /// <summary>The metrics a dashboard widget on <paramref name="resourceType"/> may show.</summary>
    public static IReadOnlyList<string> WidgetMetrics(ResourceType resourceType) => resourceType switch
    {
        ResourceType.LambdaFunction => LambdaMetrics,
        _ => ApiGatewayMetrics,
    };

    /// <summary>
    /// The statistic <paramref name="metric"/> is usually read with; "Sum" for <see cref="ErrorRate"/> (the Sums of
    /// Errors and Invocations) and "Average" for a name this catalog does not know.
    /// </summary>
    public static string DefaultStatistic(string metric)
    {
        foreach (var (name, statistic) in LambdaMetricTable.Concat(ApiGatewayMetricTable))
        {
            if (name == metric)
            {
                return statistic;
            }
        }

        return metric == ErrorRate ? "Sum" : "Average";
    }
}
