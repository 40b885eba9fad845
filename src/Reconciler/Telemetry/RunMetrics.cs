namespace Reconciler.Telemetry;

/// <summary>What one run counted; the engine fills it, the host publishes it.</summary>
/// <param name="DriftFound">Resources found out of line with their policy.</param>
/// <param name="ChangesApplied">Writes AWS acknowledged.</param>
/// <param name="ChangesFailed">Writes AWS refused or that ran out of retries.</param>
/// <param name="ChangesPending">Writes left for the next run (deadline or change budget).</param>
/// <param name="ApiCalls">AWS API calls made: logical calls (one per method invocation or page, the report's <c>calls</c>), retries not included (they are the report's <c>attempts</c> and <c>retries</c>).</param>
/// <param name="Throttles">Attempts AWS answered with a throttling error (a retried call can count more than once).</param>
internal sealed record RunCounts(
    int DriftFound,
    int ChangesApplied,
    int ChangesFailed,
    int ChangesPending,
    int ApiCalls,
    int Throttles);

/// <summary>
/// The metrics of one run, as one EMF line with the dimension FunctionName. The names here are the ones template.yaml's
/// alarms use: keep them in step.
/// </summary>
/// <param name="Succeeded">Whether the run finished its work (a dry run that found drift has succeeded).</param>
/// <param name="Duration">Wall-clock time of the invocation.</param>
/// <param name="Counts">The engine's counts; null when the run failed before it could count (the zeros are then not
/// published, so they do not hide the failure in averages).</param>
internal sealed record RunMetrics(bool Succeeded, TimeSpan Duration, RunCounts? Counts)
{
    /// <summary>Metric names: one place, shared with template.yaml and docs/lambda.md.</summary>
    internal static class Names
    {
        /// <summary>1 per run.</summary>
        public const string Runs = "Runs";

        /// <summary>1 per run that succeeded; the "no successful run" alarm watches its Sum.</summary>
        public const string RunsSucceeded = "RunsSucceeded";

        /// <summary>1 per run that failed.</summary>
        public const string RunsFailed = "RunsFailed";

        /// <summary>See <see cref="RunCounts.DriftFound"/>.</summary>
        public const string DriftFound = "DriftFound";

        /// <summary>See <see cref="RunCounts.ChangesApplied"/>.</summary>
        public const string ChangesApplied = "ChangesApplied";

        /// <summary>See <see cref="RunCounts.ChangesFailed"/>.</summary>
        public const string ChangesFailed = "ChangesFailed";

        /// <summary>See <see cref="RunCounts.ChangesPending"/>.</summary>
        public const string ChangesPending = "ChangesPending";

        /// <summary>See <see cref="RunCounts.ApiCalls"/>.</summary>
        public const string ApiCalls = "ApiCalls";

        /// <summary>See <see cref="RunCounts.Throttles"/>.</summary>
        public const string Throttles = "Throttles";

        /// <summary>Run duration in milliseconds.</summary>
        public const string Duration = "Duration";
    }

    /// <summary>Writes this run as one EMF line.</summary>
    public void WriteTo(EmfWriter writer, string functionName, string runId, bool dryRun)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var metrics = new List<MetricDatum>
        {
            new(Names.Runs, 1, MetricUnit.Count),
            new(Names.RunsSucceeded, Succeeded ? 1 : 0, MetricUnit.Count),
            new(Names.RunsFailed, Succeeded ? 0 : 1, MetricUnit.Count),
            new(Names.Duration, Duration.TotalMilliseconds, MetricUnit.Milliseconds),
        };
        if (Counts is { } counts)
        {
            metrics.Add(new(Names.DriftFound, counts.DriftFound, MetricUnit.Count));
            metrics.Add(new(Names.ChangesApplied, counts.ChangesApplied, MetricUnit.Count));
            metrics.Add(new(Names.ChangesFailed, counts.ChangesFailed, MetricUnit.Count));
            metrics.Add(new(Names.ChangesPending, counts.ChangesPending, MetricUnit.Count));
            metrics.Add(new(Names.ApiCalls, counts.ApiCalls, MetricUnit.Count));
            metrics.Add(new(Names.Throttles, counts.Throttles, MetricUnit.Count));
        }

        writer.Write(
            [new("FunctionName", functionName)],
            metrics,
            [new("runId", runId), new("dryRun", dryRun ? "true" : "false")]);
    }
}
