using Reconciler.Planning;
using Reconciler.Policies;

namespace Reconciler.Kinds.Alarms;

/// <summary>
/// Deletes owned alarms no policy wants any more, and only when that is certainly safe: the alarm's marker names this
/// deployment and a policy of this run, the alarm listing was complete, and that policy's scope was observed
/// completely; even then the delete waits for the alarm's tags to confirm the marker (<see cref="OwnershipProof"/>).
/// Alarms of policies that are not loaded are never deleted (a missing or half-deployed policy directory must not wipe
/// alarms). Foreign alarms (no marker) and alarms of other deployments (whose prefix may start with this one's) are
/// never touched nor mentioned. Alarms with a marker of an earlier version, which did not name its deployment, are
/// never deleted: that they are this deployment's cannot be proven.
/// </summary>
internal static class Pruning
{
    private const int NamesInNotice = 5;

    /// <summary>The deletes and notices for observed alarms not in <paramref name="desiredNames"/>.</summary>
    public static PlanFragment Plan(
        IReadOnlyList<PolicySelection> selections,
        IReadOnlySet<string> desiredNames,
        Observation observation,
        PlanningOptions options)
    {
        var fragment = new PlanFragmentBuilder();
        var (changes, notices) = (fragment.Changes, fragment.Notices);
        var loaded = selections.ToDictionary(s => s.Policy.Name, StringComparer.Ordinal);
        var candidates = observation.Alarms.Values
            .Where(a => !desiredNames.Contains(a.AlarmName))
            .Select(a => (Alarm: a, Standing: Ownership.OfAlarm(a, options.Owner, out var claim), Claim: claim))
            .Where(o => o.Standing is Standing.Ours or Standing.OursLegacy && !options.IsOutsideRun(o.Claim.PolicyName))
            .ToList();
        var orphansByPolicy = candidates
            .Where(o => o.Standing == Standing.Ours)
            .GroupBy(o => o.Claim.PolicyName, StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g => g.OrderBy(o => o.Alarm.AlarmName, StringComparer.Ordinal).Select(o => (o.Alarm, o.Claim)).ToList(),
                StringComparer.Ordinal);

        foreach (var legacy in candidates.Where(o => o.Standing == Standing.OursLegacy).GroupBy(o => o.Claim.PolicyName, StringComparer.Ordinal))
        {
            var alarms = legacy.Select(o => o.Alarm).OrderBy(a => a.AlarmName, StringComparer.Ordinal).ToList();
            notices.Add(new PlanNotice(legacy.Key, $"{Count(alarms)} of policy {legacy.Key} no longer wanted {(alarms.Count == 1 ? "carries" : "carry")} a marker written by an earlier version of the reconciler, which did not name its deployment, so it cannot be proven that this deployment ({options.Owner}) made {(alarms.Count == 1 ? "it" : "them")}; left in place: {Names(alarms)}. Delete {(alarms.Count == 1 ? "it" : "them")} by hand if no deployment needs {(alarms.Count == 1 ? "it" : "them")}."));
        }

        foreach (var (owner, orphans) in orphansByPolicy.Where(o => !loaded.ContainsKey(o.Key)).Select(o => (o.Key, o.Value.Select(a => a.Alarm).ToList())))
        {
            notices.Add(new PlanNotice(owner, $"{Count(orphans)} carry the marker of policy {owner}, which is not loaded, so they are left in place (a missing policy file never deletes alarms): {Names(orphans)}. If {owner} was retired on purpose, delete them by hand; if not, restore its policy file."));
        }

        foreach (var selection in selections)
        {
            var policy = selection.Policy;
            var claimed = orphansByPolicy.TryGetValue(policy.Name, out var found) ? found : [];
            var orphans = claimed.Select(o => o.Alarm).ToList();

            if (!observation.AlarmsComplete)
            {
                notices.Add(new PlanNotice(policy.Name, $"Pruning skipped for policy {policy.Name} because the alarm listing (DescribeAlarms) failed or was cut short, so a missing alarm cannot be told from a deleted one. {Count(orphans)} no longer wanted were seen and kept{(orphans.Count == 0 ? string.Empty : ": " + Names(orphans))}. The next complete run removes them."));
                continue;
            }

            if (selection.IncompleteReason is { } reason)
            {
                notices.Add(new PlanNotice(policy.Name, $"Pruning skipped for policy {policy.Name} because {reason}; resources that were not seen might still be wanted. {Count(orphans)} no longer wanted were kept{(orphans.Count == 0 ? string.Empty : ": " + Names(orphans))}. The next complete run removes them."));
                continue;
            }

            foreach (var (orphan, _) in claimed)
            {
                // The diff decides from the marker alone; the checks above are the scope's (listing, completeness).
                if (AlarmDiff.Diff(desired: null, orphan, policy, options.Owner) is not KindDiff.Delete delete)
                {
                    continue;
                }

                changes.Add(new PlannedChange(
                    policy.Name,
                    ChangeKind.Alarm,
                    ChangeAction.Delete,
                    orphan.AlarmName,
                    options.AccountId is null ? null : Arns.Alarm(options.Region, options.AccountId, orphan.AlarmName),
                    delete.Fields,
                    new DeleteAlarm(orphan.AlarmName),
                    policy.Mode == PolicyMode.Enforce,
                    new OwnershipCheck(delete.Claim, null)));
            }
        }

        return fragment.Build();
    }

    private static string Count(List<AlarmDefinition> alarms) => alarms.Count == 1 ? "1 owned alarm" : $"{alarms.Count} owned alarms";

    private static string Names(List<AlarmDefinition> alarms) =>
        string.Join(", ", alarms.Take(NamesInNotice).Select(a => a.AlarmName))
        + (alarms.Count > NamesInNotice ? $" and {alarms.Count - NamesInNotice} more" : string.Empty);
}
