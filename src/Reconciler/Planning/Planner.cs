using Reconciler.Kinds;
using Reconciler.Policies;

namespace Reconciler.Planning;

/// <summary>
/// The pure core of a run: renders the desired state of every policy, compares it with what was observed, and
/// returns field-level changes, conflicts, per-resource states and notices. No I/O, no clock, no randomness: the
/// same inputs always give the same plan, so it is tested with tables and golden files.
/// </summary>
internal static class Planner
{
    /// <summary>
    /// Plans the writes that bring the account to the state <paramref name="policies"/> describe.
    /// Each registered kind (<see cref="ManagedKinds.All"/>) plans its own part; the planner merges their fragments.
    /// Changes come in apply order (tracing, alarm puts, dashboards, then deletes), then by target and policy.
    /// </summary>
    public static Plan CreatePlan(
        IReadOnlyList<ObservabilityPolicy> policies, Observation observation, PlanningOptions options)
    {
        ArgumentNullException.ThrowIfNull(policies);
        ArgumentNullException.ThrowIfNull(observation);
        ArgumentNullException.ThrowIfNull(options);

        var changes = new List<PlannedChange>();
        var conflicts = new List<PlanConflict>();
        var notices = new List<PlanNotice>();
        var book = new ResourceBook();

        var scopes = new Dictionary<string, PolicyScope>(StringComparer.Ordinal);
        foreach (var scope in observation.Scopes)
        {
            scopes.TryAdd(scope.PolicyName, scope);
        }

        var selections = new List<PolicySelection>();
        foreach (var policy in policies.OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            var scope = scopes.GetValueOrDefault(policy.Name);
            if (scope is null)
            {
                notices.Add(new PlanNotice(policy.Name, $"Discovery returned no scope for policy {policy.Name} ({policy.Source}), so nothing is planned for its resources and none of its alarms is pruned. Check the discovery errors of this run."));
            }

            var selection = Scoping.Select(policy, scope);
            book.Register(selection);
            selections.Add(selection);
            if (scope is { Complete: true } && !options.IsFocused(policy.Name) && selection.Functions.Count == 0 && selection.Stages.Count == 0)
            {
                notices.Add(new PlanNotice(policy.Name, $"Policy {policy.Name} ({policy.Source}) selects no resource in {options.Region}: {SelectedNothing(selection)}. Check spec.selector (a tag key or value with a typo) and the Region; {(policy.Dashboard is null ? "nothing is managed for it" : $"its dashboard {policy.Dashboard.Name} would graph nothing")}."));
            }
        }

        RegionFidelity.ReportTopicNotices(selections.Select(s => s.Policy), options, notices);

        // Kinds plan in registry order and may hand something to a later kind through the context (alarms tell
        // dashboards which alarms each policy owns). Marks go to the book in that order too: the order of a
        // resource's reasons in the report is the order they were found.
        // Policies a watch run observed only in part are planned by the per-resource kinds alone.
        var context = new PlanningContext(selections, observation, options);
        var wholeView = context.ForPolicyWideKinds();
        PlanningContext For(ManagedKind kind) => kind.Extent == KindExtent.PolicyWide ? wholeView : context;
        var fragments = ManagedKinds.All.Select(kind => kind.Planning.Unobserved(For(kind))).ToList();
        fragments.AddRange(ManagedKinds.All.Select(kind => kind.Planning.Plan(For(kind))));
        foreach (var fragment in fragments)
        {
            changes.AddRange(fragment.Changes);
            conflicts.AddRange(fragment.Conflicts);
            notices.AddRange(fragment.Notices);
            book.Record(fragment.Marks);
        }

        return new Plan(
            [.. changes.OrderBy(ManagedKinds.PlanOrder).ThenBy(c => c.Target, StringComparer.Ordinal).ThenBy(c => c.PolicyName, StringComparer.Ordinal)],
            [.. conflicts.OrderBy(c => c.Target, StringComparer.Ordinal).ThenBy(c => c.Kind).ThenBy(c => string.Join(',', c.Policies), StringComparer.Ordinal)],
            book.Assessments(),
            [.. notices.Distinct().OrderBy(n => n.PolicyName, StringComparer.Ordinal).ThenBy(n => n.Message, StringComparer.Ordinal)]);
    }

    private static string SelectedNothing(PolicySelection selection) =>
        selection.Excluded.Count == 0
            ? "no Lambda function or API Gateway stage carries its selector's tags"
            : $"every match ({selection.Excluded.Count}) is excluded by spec.selector.exclude";
}
