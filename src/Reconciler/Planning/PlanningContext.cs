namespace Reconciler.Planning;

/// <summary>
/// What every kind's planning step reads during one <see cref="Planner.CreatePlan"/> call, and the one thing a kind
/// hands to a later one: the alarms each policy owns, which the alarm kind fills and the dashboard kind lists. The
/// slot refuses to be read before it is filled, so planning dashboards before alarms fails loudly instead of
/// rendering dashboards without their alarms.
/// </summary>
internal sealed class PlanningContext(
    IReadOnlyList<PolicySelection> selections, Observation observation, PlanningOptions options)
{
    private OwnedAlarmsHolder owned = new();

    /// <summary>
    /// The view the policy-wide kinds plan from: without the focused policies (<see cref="PlanningOptions.FocusedPolicies"/>),
    /// which count as outside the run there, so a dashboard or X-Ray group is never rendered from a few resources.
    /// It shares the owned alarms with this context. This context itself when no policy is focused.
    /// </summary>
    public PlanningContext ForPolicyWideKinds()
    {
        if (Options.FocusedPolicies is not { Count: > 0 } focused)
        {
            return this;
        }

        var outside = new HashSet<string>(focused, StringComparer.Ordinal);
        outside.UnionWith(Options.PoliciesOutsideRun ?? new HashSet<string>());
        return new PlanningContext(
            [.. Selections.Where(selection => !focused.Contains(selection.Policy.Name))],
            Observation,
            Options with { PoliciesOutsideRun = outside })
        {
            owned = owned,
        };
    }

    /// <summary>Every policy's selection, in policy name order.</summary>
    public IReadOnlyList<PolicySelection> Selections { get; } = selections;

    /// <summary>What discovery observed.</summary>
    public Observation Observation { get; } = observation;

    /// <summary>The run's Region, account, owner id and alarm name prefix.</summary>
    public PlanningOptions Options { get; } = options;

    /// <summary>
    /// The alarm names each policy owns after conflicts, by policy name: set once by the alarm kind's step, read by
    /// the dashboard kind's (its alarm widget lists them).
    /// </summary>
    /// <exception cref="InvalidOperationException">Read before the alarm kind set it, or set twice.</exception>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> OwnedAlarms
    {
        get => owned.Value ?? throw new InvalidOperationException(
            "The owned alarms were read before the alarm kind planned them: the kind that lists alarms (dashboards) must come after alarms in ManagedKinds.All.");
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            if (owned.Value is not null)
            {
                throw new InvalidOperationException("The owned alarms were set twice: only the alarm kind sets them.");
            }

            owned.Value = value;
        }
    }

    private sealed class OwnedAlarmsHolder
    {
        public IReadOnlyDictionary<string, IReadOnlyList<string>>? Value { get; set; }
    }
}
