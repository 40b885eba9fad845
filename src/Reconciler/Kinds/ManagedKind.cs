using Reconciler.Aws;
using Reconciler.Planning;
using Reconciler.Policies;
using Reconciler.Reporting;

namespace Reconciler.Kinds;

/// <summary>
/// Everything the rest of the engine needs to know about one kind of managed thing: how plans and reports name it,
/// how its desired state is planned (<see cref="Planning"/>), how its changes are written (<see cref="Writer"/>), when its writes run, which AWS call carries each of its
/// payloads, and which AWS operations it reads with (and so which IAM actions and quota groups it uses). The planner
/// runs the kinds' planning in registry order, the applier builds its phases from it, the report builder names entries
/// and operations from it, and the template test derives IAM from it.
/// </summary>
/// <param name="Kind">The change kind it declares.</param>
/// <param name="Label">The word plans and reports print before the name: "lambda", "apigateway", "alarm", "dashboard".</param>
/// <param name="ReportKind">The kind its entries have in the JSON report.</param>
/// <param name="PlanOrder">Position in the plan (and so in apply order) among creates and updates; deletes come last.</param>
/// <param name="ApplyStage">
/// Creates and updates run in stages, lowest first; kinds sharing a stage run side by side (they draw on separate
/// AWS quotas). A later stage may depend on an earlier one: dashboards list the alarms written before them.
/// </param>
/// <param name="Planning">Renders the kind's desired state from the policies and the observation, and diffs it.</param>
/// <param name="Writer">Carries out the kind's changes: its writes, deletes, read-back and refusal messages.</param>
/// <param name="Writes">Which AWS operation carries each payload type of this kind.</param>
/// <param name="Reads">The AWS operations observation uses for this kind (discovery's and its <see cref="Observer"/>'s).</param>
/// <param name="DeleteBatchSize">How many deletes one call takes (DeleteAlarms: 100); 1 for kinds deleted one by one.</param>
internal sealed record ManagedKind(
    ChangeKind Kind,
    string Label,
    EntryKind ReportKind,
    int PlanOrder,
    int ApplyStage,
    IKindPlanning Planning,
    KindWriter Writer,
    IReadOnlyList<KindWrite> Writes,
    IReadOnlyList<KindOperation> Reads,
    int DeleteBatchSize = 1)
{
    /// <summary>
    /// How the kind reads its own part of the account into its observation slot, after scopes and alarms are known;
    /// null for kinds that read only what discovery already gives (functions, stages, alarms).
    /// </summary>
    public KindObservation? Observer { get; init; }

    /// <summary>
    /// Whether one of its objects follows from one resource (tracing, an alarm) or from a policy's whole selection (a
    /// dashboard, an X-Ray group): a watch run that looked at a few resources plans only the per-resource kinds for them.
    /// </summary>
    public KindExtent Extent { get; init; } = KindExtent.PerResource;

    /// <summary>
    /// For a policy-wide kind: whether a policy wants an object of this kind (its dashboard, its X-Ray group). A watch
    /// event that changes which resources such a policy selects reconciles that policy whole.
    /// </summary>
    public Func<ObservabilityPolicy, bool> WantedBy { get; init; } = static _ => false;
}

/// <summary>What one object of a kind is rendered from.</summary>
internal enum KindExtent
{
    /// <summary>One resource: observing that resource is enough to plan it.</summary>
    PerResource,

    /// <summary>A policy's whole selection: planned only from a whole view of the policy.</summary>
    PolicyWide,
}

/// <summary>One AWS operation: the service (as the clients name it) and the operation name.</summary>
internal sealed record KindOperation(AwsService Service, string Operation);

/// <summary>The AWS operations that carry one payload type: the write itself, then any follow-up (tags).</summary>
internal sealed record KindWrite(Type Payload, IReadOnlyList<KindOperation> Operations)
{
    /// <summary>The operation a report names for this payload: the first, the write itself.</summary>
    public string OperationName => Operations[0].Operation;
}
