using Reconciler.Policies;

namespace Reconciler.Planning;

/// <summary>
/// Compares desired alarms with the observed ones: create what is missing, update what the policy owns (or adopts)
/// and differs, report a conflict for what exists without being ours.
/// </summary>
internal static class AlarmPlanning
{
    /// <summary>
    /// Plans the alarms of <paramref name="desired"/> (already free of name collisions) and returns the names each
    /// policy owns after conflicts, by policy name.
    /// </summary>
    public static IReadOnlyDictionary<string, List<string>> Plan(
        IReadOnlyList<DesiredAlarm> desired,
        Observation observation,
        PlanningOptions options,
        ICollection<PlannedChange> changes,
        ICollection<PlanConflict> conflicts,
        ResourceBook book)
    {
        var owned = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var alarm in desired)
        {
            var policy = alarm.Policy;
            var name = alarm.Definition.AlarmName;
            var arn = options.AccountId is null ? null : DashboardRendering.AlarmArn(options.Region, options.AccountId, name);
            var enforced = policy.Mode == PolicyMode.Enforce;

            if (!observation.Alarms.TryGetValue(name, out var observed))
            {
                changes.Add(new PlannedChange(
                    policy.Name, ChangeKind.Alarm, ChangeAction.Create, name, arn,
                    Diffing.AlarmCreated(alarm.Definition), new PutAlarm(alarm.Definition), enforced));
                book.MarkDrifted(policy.Name, alarm.ResourceArn, $"alarm {alarm.RuleName} missing");
                Own(owned, policy.Name, name);
                continue;
            }

            var hasMarker = OwnershipMarker.TryReadOwner(observed.AlarmDescription, out var markerPolicy);
            if (!Conflicts.MayWrite(policy, "alarm", name, hasMarker, markerPolicy, conflicts))
            {
                book.MarkConflict(policy.Name, alarm.ResourceArn, $"alarm {name} is not owned by this policy");
                continue;
            }

            Own(owned, policy.Name, name);
            var fields = Diffing.Alarm(observed, alarm.Definition);
            if (fields.Count > 0)
            {
                changes.Add(new PlannedChange(
                    policy.Name, ChangeKind.Alarm, ChangeAction.Update, name, arn,
                    fields, new PutAlarm(alarm.Definition), enforced));
                book.MarkDrifted(
                    policy.Name,
                    alarm.ResourceArn,
                    hasMarker
                        ? $"alarm {alarm.RuleName} differs in {string.Join(", ", fields.Select(f => f.Field))}"
                        : $"alarm {alarm.RuleName} adopted");
            }
        }

        return owned;
    }

    private static void Own(Dictionary<string, List<string>> owned, string policy, string alarmName)
    {
        if (!owned.TryGetValue(policy, out var names))
        {
            owned[policy] = names = [];
        }

        names.Add(alarmName);
    }
}
