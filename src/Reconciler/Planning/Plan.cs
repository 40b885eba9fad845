using Reconciler.Policies;

namespace Reconciler.Planning;

/// <summary>
/// The pure result of comparing desired with observed state. Every list is sorted (by target, then field) so that
/// plans and reports are deterministic and diffable.
/// </summary>
/// <param name="Changes">Writes that would bring the account to the desired state, audit-mode ones included.</param>
/// <param name="Conflicts">Things the reconciler was asked to do but must not: reported, never applied.</param>
/// <param name="Resources">Every resource each policy considered, with its state (in sync, drifted, excluded…).</param>
/// <param name="Notices">Decisions a reader should know about, such as prunes skipped for incomplete observation.</param>
internal sealed record Plan(
    IReadOnlyList<PlannedChange> Changes,
    IReadOnlyList<PlanConflict> Conflicts,
    IReadOnlyList<ResourceAssessment> Resources,
    IReadOnlyList<PlanNotice> Notices)
{
    /// <summary>True when nothing differs and nothing conflicts.</summary>
    public bool InSync => Changes.Count == 0 && Conflicts.Count == 0;
}

/// <summary>What a change writes.</summary>
internal enum ChangeKind
{
    /// <summary>Lambda TracingConfig.Mode of one function.</summary>
    FunctionTracing,

    /// <summary>tracingEnabled of one REST API stage.</summary>
    StageTracing,

    /// <summary>One CloudWatch alarm.</summary>
    Alarm,

    /// <summary>One CloudWatch dashboard.</summary>
    Dashboard,

    /// <summary>Lambda LoggingConfig (format and levels) of one function.</summary>
    FunctionLogging,

    /// <summary>The retention of one CloudWatch Logs log group (created with it when missing).</summary>
    LogRetention,

    /// <summary>A policy's X-Ray group.</summary>
    TraceGroup,

    /// <summary>A policy's X-Ray sampling rule.</summary>
    SamplingRule,
}

/// <summary>Create (+), update (~) or delete (-).</summary>
internal enum ChangeAction
{
    /// <summary>The object does not exist yet.</summary>
    Create,

    /// <summary>The object exists and some fields differ.</summary>
    Update,

    /// <summary>An owned object that no policy wants any more (pruning).</summary>
    Delete,
}

/// <summary>One field that differs: its path, the observed and the desired value, both rendered for people.</summary>
internal sealed record FieldDiff(string Field, string? Before, string? After);

/// <summary>
/// One write. <see cref="Target"/> is what a person recognises: a function name, "api/stage", an alarm or dashboard
/// name. <see cref="Enforced"/> is false for changes of audit-mode policies: planned and reported, never applied.
/// <see cref="OwnershipCheck"/> is set on updates and deletes of objects the plan takes for its own on the strength of
/// their marker: the object's tags must confirm the claim before the change may stay in the plan (see
/// <see cref="OwnershipProof"/>).
/// </summary>
internal sealed record PlannedChange(
    string PolicyName,
    ChangeKind Kind,
    ChangeAction Action,
    string Target,
    string? ResourceArn,
    IReadOnlyList<FieldDiff> Fields,
    ChangePayload Payload,
    bool Enforced,
    OwnershipCheck? OwnershipCheck = null)
{
    /// <summary>
    /// What a person should know before this change is applied because it cannot be undone (a shorter log retention
    /// deletes older log events); shown in the plan and the report. Null for ordinary changes.
    /// </summary>
    public string? Caution { get; init; }
}

/// <summary>
/// What an existing object's tags must confirm before it is updated or deleted: the claim its marker makes, and the
/// resource (function or stage) an alarm watches, so a refused change can mark that resource as in conflict.
/// </summary>
internal sealed record OwnershipCheck(OwnershipClaim Claim, string? SubjectArn);

/// <summary>
/// The exact write to make, as the kind's writer needs it. Each kind declares its own payload records in its folder
/// (<c>Kinds/&lt;Kind&gt;/…Payloads.cs</c>) and registers them in <c>ManagedKinds</c>.
/// </summary>
internal abstract record ChangePayload;

/// <summary>Why something was not planned.</summary>
internal enum ConflictKind
{
    /// <summary>Two policies want different values of the same field of one resource.</summary>
    PoliciesDisagree,

    /// <summary>An alarm or dashboard with the desired name exists and the reconciler does not own it.</summary>
    NotOwned,

    /// <summary>Two desired objects render to the same name.</summary>
    NameCollision,

    /// <summary>
    /// The object cannot be written from this run's Region: an alarm whose actions are in another Region or partition
    /// (CloudWatch refuses it), or a dashboard (global to the account) rendered by the deployment in another Region.
    /// </summary>
    OtherRegion,
}

/// <summary>
/// A conflict: reported, and none of the writes involved is applied. <see cref="TargetKind"/> says what
/// <see cref="Target"/> names (an alarm, a dashboard, a function, a stage), so the report files it under the right entry.
/// </summary>
internal sealed record PlanConflict(
    ConflictKind Kind,
    string Target,
    IReadOnlyList<string> Policies,
    string Reason,
    ChangeKind TargetKind);

/// <summary>The state of one resource under one policy.</summary>
internal enum ResourceState
{
    /// <summary>Matches the policy.</summary>
    InSync,

    /// <summary>Part of it could not be observed (a listing failed), so whether it matches is not known.</summary>
    Unknown,

    /// <summary>Differs from the policy; the plan has changes for it.</summary>
    Drifted,

    /// <summary>Selected by tags, then excluded by name or tag.</summary>
    Excluded,

    /// <summary>Involved in a conflict.</summary>
    Conflict,
}

/// <summary>One resource a policy considered.</summary>
internal sealed record ResourceAssessment(
    string PolicyName,
    ResourceType Type,
    string Arn,
    string Name,
    ResourceState State,
    string? Reason);

/// <summary>A decision worth telling, e.g. "pruning skipped for policy X: discovery was cut short".</summary>
internal sealed record PlanNotice(string PolicyName, string Message);
