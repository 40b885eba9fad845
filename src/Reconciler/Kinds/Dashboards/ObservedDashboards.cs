using Reconciler.Planning;

namespace Reconciler.Kinds.Dashboards;

/// <summary>
/// The dashboard kind's slot of the observation: each dashboard named by a policy, by name: its current body, or null
/// when it does not exist. A name missing from the map was not observed (GetDashboard failed, or the observation did
/// not run) and is left alone.
/// </summary>
internal sealed record ObservedDashboards(IReadOnlyDictionary<string, ObservedDashboard?> ByName) : IObservationSlot<ObservedDashboards>
{
    /// <inheritdoc />
    public static ObservedDashboards Unobserved { get; } = new(new Dictionary<string, ObservedDashboard?>());
}

/// <summary>A dashboard as GetDashboard returned it.</summary>
internal sealed record ObservedDashboard(string Name, string Body);
