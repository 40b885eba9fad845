using Reconciler.Planning;

namespace Reconciler.Kinds;

/// <summary>
/// How one kind's desired state is rendered from the policies and the observation and compared with what exists.
/// Pure, like the whole planner: fragments in, no I/O, no clock.
/// </summary>
internal interface IKindPlanning
{
    /// <summary>
    /// Marks the resources whose state for this kind could not be observed (a failed listing): run for every kind
    /// before any kind plans, right after the selections are registered.
    /// </summary>
    PlanFragment Unobserved(PlanningContext context);

    /// <summary>
    /// The kind's changes, conflicts, notices and marks. Kinds plan in <see cref="ManagedKinds.All"/> order; a kind
    /// may fill a slot of <paramref name="context"/> a later kind reads.
    /// </summary>
    PlanFragment Plan(PlanningContext context);
}
