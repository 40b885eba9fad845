using Reconciler.Policies;

namespace Reconciler.Reporting;

/// <summary>The policy's report.when, decided from what the run found for that policy.</summary>
internal static class ReportTriggers
{
    /// <summary>
    /// always: every run. onChange: anything drifted, corrected, failed, pending or in conflict, or a step failed.
    /// onError: a change or a step failed.
    /// </summary>
    /// <param name="statuses">The statuses of the policy's entries.</param>
    /// <param name="hasErrors">Whether a run-level error concerns this policy (or the whole run).</param>
    /// <param name="watchRun">A watch run (docs/watch.md) reports less: only what it corrected, found drifted and left
    /// alone (audit), or failed, whatever report.when says beyond onError, because it runs for every batch of change
    /// events and what stayed in sync is not news.</param>
    public static bool ShouldPublish(ReportWhen when, IEnumerable<EntryStatus> statuses, bool hasErrors, bool watchRun = false)
    {
        ArgumentNullException.ThrowIfNull(statuses);
        var list = statuses as IReadOnlyCollection<EntryStatus> ?? [.. statuses];
        if (watchRun && when != ReportWhen.OnError)
        {
            return hasErrors || list.Any(s => s is EntryStatus.Corrected or EntryStatus.Drifted or EntryStatus.Failed);
        }

        return when switch
        {
            ReportWhen.Always => true,
            ReportWhen.OnError => hasErrors || list.Contains(EntryStatus.Failed),
            _ => hasErrors || list.Any(s => s is EntryStatus.Corrected or EntryStatus.Drifted or EntryStatus.Failed
                or EntryStatus.Pending or EntryStatus.Conflict),
        };
    }
}
