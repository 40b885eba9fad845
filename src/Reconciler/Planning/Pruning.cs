using Reconciler.Policies;

namespace Reconciler.Planning;

/// <summary>
/// Deletes owned alarms no policy wants any more, and only when that is certainly safe: the alarm carries the marker
/// of a loaded policy, the alarm listing was complete, and that policy's scope was observed completely. Alarms of
/// policies that are not loaded are never deleted (a missing or half-deployed policy directory must not wipe
/// alarms); foreign alarms (no marker) are never touched nor mentioned.
/// </summary>
internal static class Pruning
{
    private const int NamesInNotice = 5;

    /// <summary>Adds deletes and notices for observed alarms not in <paramref name="desiredNames"/>.</summary>
    public static void Plan(
        IReadOnlyList<PolicySelection> selections,
        IReadOnlySet<string> desiredNames,
        Observation observation,
        PlanningOptions options,
        ICollection<PlannedChange> changes,
        ICollection<PlanNotice> notices)
    {
        var loaded = selections.ToDictionary(s => s.Policy.Name, StringComparer.Ordinal);
        var orphansByPolicy = observation.Alarms.Values
            .Where(a => !desiredNames.Contains(a.AlarmName))
            .Select(a => (Alarm: a, Owned: OwnershipMarker.TryReadOwner(a.AlarmDescription, out var owner), Owner: owner))
            .Where(o => o.Owned)
            .GroupBy(o => o.Owner, o => o.Alarm, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(a => a.AlarmName, StringComparer.Ordinal).ToList(), StringComparer.Ordinal);

        foreach (var (owner, orphans) in orphansByPolicy.Where(o => !loaded.ContainsKey(o.Key)))
        {
            notices.Add(new PlanNotice(owner, $"{Count(orphans)} carry the marker of policy {owner}, which is not loaded, so they are left in place (a missing policy file never deletes alarms): {Names(orphans)}. If {owner} was retired on purpose, delete them by hand; if not, restore its policy file."));
        }

        foreach (var selection in selections)
        {
            var policy = selection.Policy;
            var orphans = orphansByPolicy.TryGetValue(policy.Name, out var found) ? found : [];

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

            foreach (var orphan in orphans)
            {
                changes.Add(new PlannedChange(
                    policy.Name,
                    ChangeKind.Alarm,
                    ChangeAction.Delete,
                    orphan.AlarmName,
                    options.AccountId is null ? null : DashboardRendering.AlarmArn(options.Region, options.AccountId, orphan.AlarmName),
                    Diffing.AlarmDeleted(orphan),
                    new DeleteAlarm(orphan.AlarmName),
                    policy.Mode == PolicyMode.Enforce));
            }
        }
    }

    private static string Count(List<AlarmDefinition> alarms) => alarms.Count == 1 ? "1 owned alarm" : $"{alarms.Count} owned alarms";

    private static string Names(List<AlarmDefinition> alarms) =>
        string.Join(", ", alarms.Take(NamesInNotice).Select(a => a.AlarmName))
        + (alarms.Count > NamesInNotice ? $" and {alarms.Count - NamesInNotice} more" : string.Empty);
}
