namespace Reconciler.Reporting;

/// <summary>The facts about a run that the plan does not carry, passed to <see cref="RunReportBuilder"/>.</summary>
/// <param name="RunId">The per-run correlation id, also used in logs.</param>
/// <param name="FinishedAt">When reporting started; read from the run's TimeProvider by the caller.</param>
/// <param name="DryRun">True when nothing was written whatever the policies say (CLI plan, --dry-run).</param>
internal sealed record RunContext(
    string RunId,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    string AccountId,
    string Region,
    bool DryRun);
