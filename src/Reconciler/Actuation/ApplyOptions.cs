namespace Reconciler.Actuation;

/// <summary>The guards of one apply.</summary>
/// <param name="Deadline">No write starts at or after this instant; what is left is reported as pending.</param>
/// <param name="MaxChanges">At most this many writes per run (maxChangesPerRun); the rest is pending.</param>
/// <param name="MaxConcurrency">Writes in flight at once; the clients' rate limiters still pace each API.</param>
/// <param name="MinAttemptsBeforeErrorRatio">
/// The error-ratio guard (stop when more than half of the attempted changes failed account-wide: credentials, access,
/// endpoint, throttling; see FailureScopes and docs/guards.md) only judges after this many attempts, so one early
/// failure does not stop a run.
/// </param>
internal sealed record ApplyOptions(
    DateTimeOffset Deadline,
    int MaxChanges = ApplyOptions.DefaultMaxChanges,
    int MaxConcurrency = 8,
    int MinAttemptsBeforeErrorRatio = 6)
{
    /// <summary>maxChangesPerRun when nothing else is configured.</summary>
    public const int DefaultMaxChanges = 500;
}
