using Reconciler.Planning;
using Reconciler.Policies;

namespace Reconciler.Kinds.Alarms;

/// <summary>
/// The alarm kind's planning, in this order: render every policy's alarm rules (<see cref="AlarmRendering"/>), set
/// aside names that collide, diff the rest with the observed alarms (<see cref="AlarmDiff"/>: create what is missing,
/// update what the policy owns or adopts and differs, a conflict for what exists without being ours), record the alarms each policy owns for
/// the dashboards, and only then prune (<see cref="Pruning"/>), with every rendered name counting as wanted.
/// </summary>
internal sealed class AlarmPlanning : IKindPlanning
{
    /// <inheritdoc />
    public PlanFragment Unobserved(PlanningContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var fragment = new PlanFragmentBuilder();
        if (!context.Observation.AlarmsComplete)
        {
            foreach (var selection in context.Selections)
            {
                MarkAlarmsUnknown(selection, fragment.Book);
            }
        }

        return fragment.Build();
    }

    /// <inheritdoc />
    public PlanFragment Plan(PlanningContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (observation, options) = (context.Observation, context.Options);
        var collisions = new PlanFragmentBuilder();
        var rendered = context.Selections.SelectMany(s => AlarmRendering.Render(s, options, collisions.Notices)).ToList();
        var desired = WithoutNameCollisions(rendered, collisions);
        var (alarms, owned) = PlanDesired(desired, observation, options);
        context.OwnedAlarms = owned;

        // Every rendered name counts as wanted, colliding ones included: a collision must never delete an alarm.
        var desiredNames = rendered.Select(a => a.Definition.AlarmName).ToHashSet(StringComparer.Ordinal);
        var pruning = Pruning.Plan(context.Selections, desiredNames, observation, options);
        return collisions.Build().Then(alarms).Then(pruning);
    }

    // With the alarm listing failed, a resource with alarm rules may have lost or gained alarms unseen: "in sync" would
    // be a claim nobody checked.
    private static void MarkAlarmsUnknown(PolicySelection selection, ResourceBook book)
    {
        const string Reason = "its alarms could not be read (CloudWatch DescribeAlarms failed)";
        if (selection.Policy.Alarms.Lambda.Count > 0)
        {
            foreach (var function in selection.Functions)
            {
                book.MarkUnknown(selection.Policy.Name, function.Arn, Reason);
            }
        }

        if (selection.Policy.Alarms.ApiGateway.Count > 0)
        {
            foreach (var stage in selection.Stages)
            {
                book.MarkUnknown(selection.Policy.Name, stage.Arn, Reason);
            }
        }
    }

    /// <summary>
    /// Desired alarms with a unique name, and a <see cref="ConflictKind.NameCollision"/> conflict for the rest (none of
    /// the colliding alarms is planned).
    /// </summary>
    private static List<DesiredAlarm> WithoutNameCollisions(IReadOnlyList<DesiredAlarm> desired, PlanFragmentBuilder fragment)
    {
        var unique = new List<DesiredAlarm>();
        foreach (var group in desired.GroupBy(a => a.Definition.AlarmName, StringComparer.Ordinal))
        {
            var alarms = group.ToList();
            if (alarms.Count == 1)
            {
                unique.Add(alarms[0]);
                continue;
            }

            var sources = string.Join(", ", alarms
                .Select(a => $"policy {a.Policy.Name} rule {a.RuleName} on {a.ResourceName}")
                .Order(StringComparer.Ordinal));
            fragment.Conflicts.Add(new PlanConflict(
                ConflictKind.NameCollision,
                group.Key,
                [.. alarms.Select(a => a.Policy.Name).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
                $"{alarms.Count} desired alarms render to the name {group.Key}: {sources}. None of them is created or changed. Rename a rule, or rename a resource whose name differs only in characters alarm names replace with '_'.",
                ChangeKind.Alarm));
            foreach (var alarm in alarms)
            {
                fragment.Book.MarkConflict(alarm.Policy.Name, alarm.ResourceArn, $"alarm name {group.Key} collides");
            }
        }

        return unique;
    }

    /// <summary>
    /// Plans the alarms of <paramref name="desired"/> (already free of name collisions); <c>Owned</c> is the names each
    /// policy owns after conflicts, by policy name.
    /// </summary>
    private static (PlanFragment Fragment, IReadOnlyDictionary<string, IReadOnlyList<string>> Owned) PlanDesired(
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

            var diff = AlarmDiff.Diff(alarm.Definition, observed, policy, options.Owner);
            switch (diff)
            {
                case KindDiff.Create create:
                    changes.Add(new PlannedChange(
                        policy.Name, ChangeKind.Alarm, ChangeAction.Create, name, arn,
                        create.Fields, new PutAlarm(alarm.Definition), enforced));
                    book.MarkDrifted(policy.Name, alarm.ResourceArn, $"alarm {alarm.RuleName} missing");
                    Own(owned, policy.Name, name);
                    break;
                case KindDiff.Conflict conflict:
                    conflicts.Add(new PlanConflict(conflict.Kind, name, [policy.Name], conflict.Reason, ChangeKind.Alarm));
                    book.MarkConflict(policy.Name, alarm.ResourceArn, $"alarm {name} is not owned by this policy");
                    break;
                case KindDiff.Update update:
                    Own(owned, policy.Name, name);
                    var adopted = update.Claim is null;
                    changes.Add(new PlannedChange(
                        policy.Name, ChangeKind.Alarm, ChangeAction.Update, name, arn,
                        update.Fields, new PutAlarm(alarm.Definition), enforced,
                        update.Claim is { } claim ? new OwnershipCheck(claim, alarm.ResourceArn) : null));
                    book.MarkDrifted(
                        policy.Name,
                        alarm.ResourceArn,
                        adopted
                            ? $"alarm {alarm.RuleName} adopted"
                            : $"alarm {alarm.RuleName} differs in {string.Join(", ", update.Fields.Select(f => f.Field))}");
                    break;
                case KindDiff.InSync:
                    Own(owned, policy.Name, name);
                    break;
                default:
                    throw new InvalidOperationException($"a desired alarm plans no {diff.GetType().Name}");
            }
        }

        foreach (var (policyName, count) in unknown)
        {
            notices.Add(new PlanNotice(policyName, $"{(count == 1 ? "1 alarm" : $"{count} alarms")} of policy {policyName} {(count == 1 ? "was" : "were")} neither created nor updated because the alarm listing (CloudWatch DescribeAlarms) failed or was cut short: an alarm with the same name might exist and belong to someone else. Check the run's errors (often a missing cloudwatch:DescribeAlarms permission); the next complete run plans them."));
        }

        return (fragment.Build(), owned.ToDictionary(o => o.Key, o => (IReadOnlyList<string>)o.Value, StringComparer.Ordinal));
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
