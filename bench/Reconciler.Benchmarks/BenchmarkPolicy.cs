using Reconciler.Policies;
using Reconciler.Testing.Policies;

namespace Reconciler.Benchmarks;

/// <summary>
/// The policy of the benchmark: the fault tests' <see cref="ScalePolicy"/> (tracing everywhere, 2 alarms per function
/// and per stage, one dashboard) plus the logs kinds (every function's log group kept at 30 days and its LoggingConfig
/// at format JSON) and the X-Ray ones: the policy's X-Ray group, a sampling rule for its stages, and the
/// trace-arrival check over the last hour.
/// </summary>
internal static class BenchmarkPolicy
{
    public const string AlarmNamePrefix = "bench";

    public const string DashboardName = "bench-dashboard";

    // spec.logs, appended after ScalePolicy's last spec member (the dashboard) at spec's indentation. The fault tests
    // keep ScalePolicy without it: their drifted accounts seed no log groups.
    private const string Logs = "\n  logs: { retentionDays: 30, format: JSON }\n";

    // spec.tracing's X-Ray sections, after ScalePolicy's last tracing field, at its indentation.
    private const string TracingLine = "    apiGateway: true\n";
    private const string XRay = "    group: true\n    sampling: { fixedRate: 0.05 }\n    verify: { window: 60, minInvocations: 20 }\n";

    public static ObservabilityPolicy Load(string app)
    {
        var loaded = PolicyLoader.LoadText("bench.yaml", Yaml(app));
        return loaded.IsValid
            ? loaded.Policies.Single()
            : throw new InvalidOperationException("The benchmark policy is invalid: " + string.Join("; ", loaded.Errors));
    }

    /// <summary>The policy file, as the published binary reads it from its policy directory.</summary>
    public static string Yaml(string app) => ScalePolicy.Yaml(app, DashboardName).Replace(TracingLine, TracingLine + XRay, StringComparison.Ordinal) + Logs;
}
