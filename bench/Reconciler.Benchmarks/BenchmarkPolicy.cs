using Reconciler.Policies;

namespace Reconciler.Benchmarks;

/// <summary>The policy of the benchmark: tracing everywhere, 2 alarms per function and per stage, one dashboard.</summary>
internal static class BenchmarkPolicy
{
    public const string AlarmNamePrefix = "bench";

    public const string DashboardName = "bench-dashboard";

    public static ObservabilityPolicy Load(string app)
    {
        var loaded = PolicyLoader.LoadText("bench.yaml", Yaml(app));
        return loaded.IsValid
            ? loaded.Policies.Single()
            : throw new InvalidOperationException("The benchmark policy is invalid: " + string.Join("; ", loaded.Errors));
    }

    /// <summary>The policy file, as the published binary reads it from its policy directory.</summary>
    public static string Yaml(string app) => $$"""
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
                name: {{DashboardName}}
                widgets:
                  - { title: Lambda errors, resource: lambda, metrics: [Errors], statistic: Sum }
                  - { title: API latency p99, resource: apiGateway, metrics: [Latency], statistic: p99 }
                  - { title: Alarms, type: alarmStatus }
            """;
}
