using Reconciler.Planning;

namespace Reconciler.Actuation;

/// <summary>
/// Why a change was not started, in one wording for the applier's outcomes, the report and the logs: a person who
/// reads "pending" anywhere reads the same sentence.
/// </summary>
internal static class PendingReasons
{
    /// <summary>The sentence for a change held back by <paramref name="reason"/>.</summary>
    public static string For(StopReason? reason) => reason switch
    {
        StopReason.Deadline => "not started: the run's deadline came; the next run picks it up",
        StopReason.ChangeBudget => "not started: maxChangesPerRun reached; the next run picks it up",
        StopReason.ErrorRatio => "not started: more than half of the attempted changes failed for account-wide reasons (credentials, access, endpoint, throttling), so the run stopped writing",
        StopReason.Cancelled => "not started: the run was cancelled",
        null => "not started in this run",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "unknown stop reason"),
    };
}
