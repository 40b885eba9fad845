using Reconciler.Planning;
using Reconciler.Policies;

namespace Reconciler.Kinds.Dashboards;

/// <summary>
/// Compares each policy's rendered dashboard with the observed body (<see cref="DashboardDiff"/>). Ownership is read from the
/// marker text widget; a dashboard without it is adopted only when spec.alarms.adopt is true (one adopt flag for
/// alarms and dashboards, so a policy either takes over existing objects or never does).
/// The alarm widget lists the alarms each policy owns, so dashboards plan after alarms
/// (<see cref="PlanningContext.OwnedAlarms"/>).
/// </summary>
internal sealed class DashboardPlanning : IKindPlanning
{
    /// <inheritdoc />
    public PlanFragment Unobserved(PlanningContext context) => PlanFragment.Empty;

    /// <inheritdoc />
    public PlanFragment Plan(PlanningContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (selections, observation, options) = (context.Selections, context.Observation, context.Options);
        var ownedAlarms = context.OwnedAlarms;
        var fragment = new PlanFragmentBuilder();
        var (changes, conflicts, notices) = (fragment.Changes, fragment.Conflicts, fragment.Notices);
        var unique = WithoutNameCollisions(selections.Select(s => s.Policy), conflicts);
        foreach (var policy in unique)
        {
            var spec = policy.Dashboard!;
            if (!observation.Slot<ObservedDashboards>().ByName.TryGetValue(spec.Name, out var observed))
            {
                notices.Add(new PlanNotice(policy.Name, $"Dashboard {spec.Name} was not observed this run (GetDashboard failed or was not attempted), so it is left unchanged; the next run that reads it will reconcile it."));
                continue;
            }

            var selection = selections.First(s => ReferenceEquals(s.Policy, policy));
            if (selection.IncompleteReason is { } reason)
            {
                // The body graphs every selected resource and lists every owned alarm: rendered from a partial view it
                // would drop the graphs and alarms of everything discovery missed, a deletion in all but name.
                notices.Add(new PlanNotice(policy.Name, $"Dashboard {spec.Name} is left unchanged because {reason}; rendered from a partial view it would lose the graphs of resources that were not seen. The next complete run reconciles it."));
                continue;
            }

            var desired = DashboardRendering.Render(
                selection, spec, ownedAlarms.TryGetValue(policy.Name, out var names) ? names : [], options, notices);
            var arn = options.AccountId is null ? null : Arns.Dashboard(options.Region, options.AccountId, spec.Name);
            var enforced = policy.Mode == PolicyMode.Enforce;
            var payload = new PutDashboard(spec.Name, desired.Body, OwnershipMarker.Tags(options.Owner, policy.Name));

            if (observed is not null && options.AccountId is null && spec.Widgets.Any(widget => widget.Type == WidgetType.AlarmStatus))
            {
                // Alarm widgets list alarm ARNs, which need the account id: an update without it would empty them.
                notices.Add(new PlanNotice(policy.Name, $"Dashboard {spec.Name} is left unchanged because the account id is unknown (STS GetCallerIdentity failed), so its alarm widget could not list the alarms' ARNs. The next run that identifies the account reconciles it."));
                continue;
            }

            var diff = DashboardDiff.Diff(desired, observed?.Body, options);
            switch (diff)
            {
                case KindDiff.Create create:
                    changes.Add(new PlannedChange(
                        policy.Name, ChangeKind.Dashboard, ChangeAction.Create, spec.Name, arn, create.Fields, payload, enforced));
                    break;
                case KindDiff.Conflict conflict:
                    conflicts.Add(new PlanConflict(conflict.Kind, spec.Name, [policy.Name], conflict.Reason, ChangeKind.Dashboard));
                    break;
                case KindDiff.Update update:
                    changes.Add(new PlannedChange(
                        policy.Name, ChangeKind.Dashboard, ChangeAction.Update, spec.Name, arn, update.Fields, payload, enforced,
                        update.Claim is { } claim ? new OwnershipCheck(claim, null) : null));
                    break;
                case KindDiff.InSync:
                    break;
                default:
                    throw new InvalidOperationException($"a dashboard plans no {diff.GetType().Name}");
            }
        }

        return fragment.Build();
    }

    /// <summary>
    /// Policies whose dashboard name no other policy uses; a <see cref="ConflictKind.NameCollision"/> for the others.
    /// </summary>
    private static List<ObservabilityPolicy> WithoutNameCollisions(
        IEnumerable<ObservabilityPolicy> policies, List<PlanConflict> conflicts)
    {
        var unique = new List<ObservabilityPolicy>();
        foreach (var group in policies.Where(p => p.Dashboard is not null).GroupBy(p => p.Dashboard!.Name, StringComparer.Ordinal))
        {
            var named = group.OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
            if (named.Count == 1)
            {
                unique.Add(named[0]);
                continue;
            }

            conflicts.Add(new PlanConflict(
                ConflictKind.NameCollision,
                group.Key,
                [.. named.Select(p => p.Name)],
                $"Policies {string.Join(", ", named.Select(p => $"{p.Name} ({p.Source.File})"))} all name the dashboard {group.Key}; it is neither created nor changed. Give each policy its own dashboard name.",
                ChangeKind.Dashboard));
        }

        return unique;
    }
}
