using Reconciler.Planning;

namespace Reconciler.Kinds.Dashboards;

/// <summary>
/// How one policy's dashboard is diffed: its rendered body against the observed one, compared as JSON by meaning
/// (<see cref="DashboardDiffing"/>). An existing dashboard is written only when it is the policy's
/// (<see cref="Conflicts.NotOwned"/>) and was rendered for this run's Region (<see cref="Conflicts.RenderedElsewhere"/>).
/// The kind never deletes a dashboard. Whether the dashboard was observed at all, and from a complete scope, is the
/// planning step's to decide before asking.
/// </summary>
internal static class DashboardDiff
{
    /// <summary>Create when absent; otherwise a conflict, in sync, or an update with the marker the tags must confirm.</summary>
    /// <param name="desired">The rendered dashboard (its policy, name and body).</param>
    /// <param name="observedBody">The body GetDashboard returned, or null when the dashboard does not exist.</param>
    /// <param name="options">The run's owner id and Region.</param>
    public static KindDiff Diff(DesiredDashboard desired, string? observedBody, PlanningOptions options)
    {
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(options);
        if (observedBody is null)
        {
            return new KindDiff.Create([new FieldDiff("widgets", null, $"{desired.WidgetCount} widgets, {desired.MetricCount} metrics")]);
        }

        var standing = Ownership.OfDashboard(observedBody, options.Owner, out var claim);
        if (Conflicts.NotOwned(desired.Policy, ChangeKind.Dashboard, desired.Name, standing, claim) is { } notOwned)
        {
            return new KindDiff.Conflict(ConflictKind.NotOwned, notOwned);
        }

        if (Conflicts.RenderedElsewhere(desired.Policy, desired.Name, standing, observedBody, options) is { } elsewhere)
        {
            return new KindDiff.Conflict(ConflictKind.OtherRegion, elsewhere);
        }

        var fields = DashboardDiffing.Diff(observedBody, desired.Body);
        return fields.Count == 0
            ? new KindDiff.InSync()
            : new KindDiff.Update(fields, standing == Standing.Unmarked ? null : claim);
    }
}
