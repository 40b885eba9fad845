using Reconciler.Policies;

namespace Reconciler.Planning;

/// <summary>
/// Compares desired alarms with the observed ones: create what is missing, update what the policy owns (or adopts)
/// and differs, report a conflict for what exists without being ours.
/// </summary>
internal static class AlarmPlanning
{
    /// <summary>
    /// Plans the alarms of <paramref name="desired"/> (already free of name collisions); <c>Owned</c> is the names each
    /// policy owns after conflicts, by policy name.
    /// </summary>
    public static (PlanFragment Fragment, IReadOnlyDictionary<string, List<string>> Owned) Plan(
        IReadOnlyList<DesiredAlarm> desired, Observation observation, PlanningOptions options)
    {
        var fragment = new PlanFragmentBuilder();
        var (changes, conflicts, notices, book) = (fragment.Changes, fragment.Conflicts, fragment.Notices, fragment.Book);
        var owned = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var unknown = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var alarm in desired)
        {
            var policy = alarm.Policy;
            var name = alarm.Definition.AlarmName;
            var arn = options.AccountId is null ? null : Arns.Alarm(options.Region, options.AccountId, name);
            var enforced = policy.Mode == PolicyMode.Enforce;

            if (OutOfRegion(alarm, options, fragment))
            {
                continue;
            }

            if (!observation.Alarms.TryGetValue(name, out var observed) && !observation.AlarmsComplete)
            {
                // Not seen because the listing failed, not because it is missing: an alarm of that name may exist and
                // belong to someone else, and PutMetricAlarm would silently replace it. Still ours for the dashboard.
                unknown[policy.Name] = unknown.GetValueOrDefault(policy.Name) + 1;
                Own(owned, policy.Name, name);
                continue;
            }

            if (observed is null)
            {
                changes.Add(new PlannedChange(
                    policy.Name, ChangeKind.Alarm, ChangeAction.Create, name, arn,
                    Diffing.AlarmCreated(alarm.Definition), new PutAlarm(alarm.Definition), enforced));
                book.MarkDrifted(policy.Name, alarm.ResourceArn, $"alarm {alarm.RuleName} missing");
                Own(owned, policy.Name, name);
                continue;
            }

            var standing = Ownership.OfAlarm(observed, options.Owner, out var claim);
            if (!Conflicts.MayWrite(policy, ChangeKind.Alarm, name, standing, claim, conflicts))
            {
                book.MarkConflict(policy.Name, alarm.ResourceArn, $"alarm {name} is not owned by this policy");
                continue;
            }

            Own(owned, policy.Name, name);
            var fields = Diffing.Alarm(observed, alarm.Definition);
            if (fields.Count > 0)
            {
                var adopted = standing == Standing.Unmarked;
                changes.Add(new PlannedChange(
                    policy.Name, ChangeKind.Alarm, ChangeAction.Update, name, arn,
                    fields, new PutAlarm(alarm.Definition), enforced,
                    adopted ? null : new OwnershipCheck(claim, alarm.ResourceArn)));
                book.MarkDrifted(
                    policy.Name,
                    alarm.ResourceArn,
                    adopted
                        ? $"alarm {alarm.RuleName} adopted"
                        : $"alarm {alarm.RuleName} differs in {string.Join(", ", fields.Select(f => f.Field))}");
            }
        }

        foreach (var (policyName, count) in unknown)
        {
            notices.Add(new PlanNotice(policyName, $"{(count == 1 ? "1 alarm" : $"{count} alarms")} of policy {policyName} {(count == 1 ? "was" : "were")} neither created nor updated because the alarm listing (CloudWatch DescribeAlarms) failed or was cut short: an alarm with the same name might exist and belong to someone else. Check the run's errors (often a missing cloudwatch:DescribeAlarms permission); the next complete run plans them."));
        }

        return (fragment.Build(), owned);
    }

    // PutMetricAlarm refuses every alarm with an action outside the caller's Region ("Invalid region eu-west-1
    // specified. Only us-east-1 is supported."), so sending it would only fail at apply time, once per alarm. A conflict
    // per alarm rather than one notice per policy: the report then marks each alarm (and the resource it watches) as in
    // conflict, the run's exit status says something needs a person, and the reason names the exact ARN to fix in the
    // policy. The alarm is not owned, so the dashboard does not list an alarm that was never written.
    private static bool OutOfRegion(
        DesiredAlarm alarm, PlanningOptions options, PlanFragmentBuilder fragment)
    {
        var elsewhere = RegionFidelity.ActionsElsewhere(alarm.Definition, options.Region);
        if (elsewhere.Count == 0)
        {
            return false;
        }

        var name = alarm.Definition.AlarmName;
        var actions = string.Join("; ", elsewhere.Select(a => $"{a.Arn} is {a.Where}"));
        fragment.Conflicts.Add(new PlanConflict(
            ConflictKind.OtherRegion,
            name,
            [alarm.Policy.Name],
            $"The alarm {name} (policy {alarm.Policy.Name}, rule {alarm.RuleName} on {alarm.ResourceName}) is neither created nor updated: its action {actions}, but this run is in {options.Region}, and CloudWatch accepts only actions in the alarm's own Region. Use a topic (or other action) in {options.Region} in spec.alarms.actions of {alarm.Policy.Source.File}, or run the policy from that Region.",
            ChangeKind.Alarm));
        fragment.Book.MarkConflict(alarm.Policy.Name, alarm.ResourceArn, $"alarm {alarm.RuleName} has actions outside {options.Region}");
        return true;
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
