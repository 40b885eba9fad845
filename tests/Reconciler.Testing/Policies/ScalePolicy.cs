namespace Reconciler.Testing.Policies;

/// <summary>
/// The policy the fault tests and the benchmark reconcile: tracing everywhere, 2 alarms per function and per stage,
/// one dashboard. One text, so the tests prove the same workload the benchmark measures.
/// </summary>
public static class ScalePolicy
{
    /// <summary>The policy file selecting resources tagged <c>app: {app}</c>.</summary>
    public static string Yaml(string app, string dashboardName) => $$"""
        apiVersion: reconciler.observability/v1
        kind: ObservabilityPolicy
        metadata:
          name: {{app}}
        spec:
          mode: enforce
          selector:
            tags: { app: {{app}} }
          tracing:
            lambda: Active
            apiGateway: true
          alarms:
            actions:
              alarm: ["arn:aws:sns:us-east-1:123456789012:ops-alerts"]
            lambda:
              - { name: error-rate, metric: ErrorRate, threshold: 5 }
              - { name: latency, metric: Duration, statistic: p99, threshold: 2000 }
            apiGateway:
              - { name: 5xx-rate, metric: 5XXError, statistic: Average, threshold: 0.05 }
              - { name: latency, metric: Latency, statistic: p99, threshold: 2000 }
          dashboard:
            name: {{dashboardName}}
            widgets:
              - { title: Lambda errors, resource: lambda, metrics: [Errors], statistic: Sum }
              - { title: API latency p99, resource: apiGateway, metrics: [Latency], statistic: p99 }
              - { title: Alarms, type: alarmStatus }
        """;
}
