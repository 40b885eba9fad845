using Reconciler.Policies;
using Reconciler.Testing.Policies;

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
    public static string Yaml(string app) => ScalePolicy.Yaml(app, DashboardName);
}
