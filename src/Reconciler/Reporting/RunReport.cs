using System.Text.Json.Serialization;

namespace Reconciler.Reporting;

/// <summary>
/// What one run did, for people (rendered as text) and machines (serialized as JSON, schema
/// <see cref="SchemaVersionV1"/>, documented in docs/report-schema.md). Every list is sorted so that two reports of
/// the same account state are byte-for-byte equal. Build it with <see cref="RunReportBuilder"/>.
/// </summary>
/// <param name="Summary">Counts over the whole run, also when <see cref="Truncated"/> says entries were left out.</param>
/// <param name="Policies">Per policy, per resource: the status and the field-level changes.</param>
/// <param name="Pending">What the next run will pick up: changes not started (deadline, budget, guard).</param>
/// <param name="StopReason">Why apply stopped early, or null when it went through the whole plan.</param>
/// <param name="Truncated">Set only when entries were left out to fit a size limit (SNS: 256 KiB).</param>
internal sealed record RunReport(
    string SchemaVersion,
    string RunId,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    string AccountId,
    string Region,
    RunMode Mode,
    ReportSummary Summary,
    IReadOnlyList<PolicyReport> Policies,
    IReadOnlyList<ReportConflict> Conflicts,
    IReadOnlyList<ReportNotice> Notices,
    IReadOnlyList<ReportError> Errors,
    IReadOnlyList<ReportApiCall> ApiCalls,
    IReadOnlyList<PendingWork> Pending,
    ReportStopReason? StopReason,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ReportTruncation? Truncated = null)
{
    /// <summary>The schema of this shape. Additive changes keep it; anything else gets a new version.</summary>
    public const string SchemaVersionV1 = "reconciler.observability/report-v1";

    /// <summary>
    /// What the run's read-only checks found (today: notification paths, see docs/notification-checks.md), sorted by
    /// subject (for one subject, in the order docs/notification-checks.md lists the codes). Never affects the exit
    /// code. Additive to report-v1: readers that do not know it ignore it.
    /// </summary>
    public IReadOnlyList<Verification.RunWarning> Warnings { get; init; } = [];

    /// <summary>
    /// The revision of report-v1 this message follows: each revision only adds (optional fields, entry kinds), as
    /// docs/report-schema.md lists. 1 adds the logGroup entry kind and changes[].caution; 2 the xrayGroup and
    /// samplingRule entry kinds; 3 the trigger of a watch run.
    /// </summary>
    public int SchemaMinorVersion { get; init; } = CurrentMinorVersion;

    /// <summary>
    /// For a watch run, the change events that started it; null (and absent from the JSON) for every other run.
    /// Additive to report-v1 (revision 3).
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ReportTrigger? Trigger { get; init; }

    /// <summary>The revision this build writes.</summary>
    public const int CurrentMinorVersion = 3;
}

/// <summary>How the run treated drift.</summary>
internal enum RunMode
{
    /// <summary>At least one policy corrects drift.</summary>
    [JsonStringEnumMemberName("enforce")]
    Enforce,

    /// <summary>Every policy is in audit mode: drift is reported, never corrected.</summary>
    [JsonStringEnumMemberName("audit")]
    Audit,

    /// <summary>Nothing was written, whatever the policies say (CLI plan, --dry-run).</summary>
    [JsonStringEnumMemberName("dryRun")]
    DryRun,
}

/// <summary>The one-word outcome of a run, the first thing a reader sees.</summary>
internal enum ReportOutcome
{
    /// <summary>Everything matches the policies.</summary>
    [JsonStringEnumMemberName("inSync")]
    InSync,

    /// <summary>Drift was found and all of it was corrected.</summary>
    [JsonStringEnumMemberName("corrected")]
    Corrected,

    /// <summary>Drift (or a conflict) remains: audit, dry run, pending work. Nothing failed.</summary>
    [JsonStringEnumMemberName("drifted")]
    Drifted,

    /// <summary>A change or a step of the run failed.</summary>
    [JsonStringEnumMemberName("failed")]
    Failed,
}

/// <summary>The outcome and the counts behind it.</summary>
/// <param name="Resources">Entries (resources, alarms, dashboards) by status.</param>
/// <param name="Changes">Planned changes by how they ended.</param>
/// <param name="Errors">Run-level errors (discovery, observation), not counted in <paramref name="Changes"/>.</param>
internal sealed record ReportSummary(
    ReportOutcome Outcome,
    EntryCounts Resources,
    ChangeCounts Changes,
    int Conflicts,
    int Errors);

/// <summary>Entries by status; <see cref="Total"/> is their sum.</summary>
internal sealed record EntryCounts(
    int Total,
    int InSync,
    int Corrected,
    int Drifted,
    int Failed,
    int Pending,
    int Conflict,
    int Excluded,
    int Unknown = 0);

/// <summary>Planned changes by how they ended; <see cref="Total"/> is their sum.</summary>
/// <param name="Planned">Not attempted by design: plan-only run, audit mode or dry run.</param>
/// <param name="Skipped">Not attempted because a guard stopped the run; the next run picks them up.</param>
internal sealed record ChangeCounts(
    int Total,
    int Applied,
    int Failed,
    int Pending,
    int Skipped,
    int Planned);

/// <summary>One policy's part of the run.</summary>
/// <param name="Source">"file:line:column" of the policy document.</param>
/// <param name="Entries">Sorted by kind, then name.</param>
internal sealed record PolicyReport(
    string Name,
    string Source,
    RunMode Mode,
    IReadOnlyList<ReportEntry> Entries);

/// <summary>What an entry is.</summary>
internal enum EntryKind
{
    /// <summary>A Lambda function.</summary>
    [JsonStringEnumMemberName("lambdaFunction")]
    LambdaFunction,

    /// <summary>A REST API stage, named "api/stage".</summary>
    [JsonStringEnumMemberName("apiGatewayStage")]
    ApiGatewayStage,

    /// <summary>A CloudWatch alarm.</summary>
    [JsonStringEnumMemberName("alarm")]
    Alarm,

    /// <summary>A CloudWatch dashboard.</summary>
    [JsonStringEnumMemberName("dashboard")]
    Dashboard,

    /// <summary>A CloudWatch Logs log group, named by its log group name.</summary>
    [JsonStringEnumMemberName("logGroup")]
    LogGroup,

    /// <summary>An X-Ray group, named by its group name.</summary>
    [JsonStringEnumMemberName("xrayGroup")]
    XRayGroup,

    /// <summary>An X-Ray sampling rule, named by its rule name.</summary>
    [JsonStringEnumMemberName("samplingRule")]
    SamplingRule,
}

/// <summary>Where one resource ended up after this run.</summary>
internal enum EntryStatus
{
    /// <summary>Matches the policy; nothing to do.</summary>
    [JsonStringEnumMemberName("inSync")]
    InSync,

    /// <summary>Part of it could not be read this run, so whether it matches the policy is not known.</summary>
    [JsonStringEnumMemberName("unknown")]
    Unknown,

    /// <summary>Drifted and every change was applied.</summary>
    [JsonStringEnumMemberName("corrected")]
    Corrected,

    /// <summary>Drifted and not corrected on purpose (audit, dry run, plan).</summary>
    [JsonStringEnumMemberName("drifted")]
    Drifted,

    /// <summary>At least one change failed.</summary>
    [JsonStringEnumMemberName("failed")]
    Failed,

    /// <summary>A change was not started; the next run picks it up.</summary>
    [JsonStringEnumMemberName("pending")]
    Pending,

    /// <summary>Involved in a conflict; left alone until a person resolves it.</summary>
    [JsonStringEnumMemberName("conflict")]
    Conflict,

    /// <summary>Selected by tags, then excluded by the policy.</summary>
    [JsonStringEnumMemberName("excluded")]
    Excluded,
}

/// <summary>One resource (or alarm, or dashboard) under one policy.</summary>
/// <param name="Arn">The ARN when known (alarms and dashboards to be created have none yet).</param>
/// <param name="Reason">Why it is excluded or in conflict, when it is.</param>
internal sealed record ReportEntry(
    EntryKind Kind,
    string Name,
    string? Arn,
    EntryStatus Status,
    string? Reason,
    IReadOnlyList<ReportChange> Changes);

/// <summary>Create, update or delete.</summary>
internal enum ReportChangeAction
{
    /// <summary>The object did not exist.</summary>
    [JsonStringEnumMemberName("create")]
    Create,

    /// <summary>Some fields differed.</summary>
    [JsonStringEnumMemberName("update")]
    Update,

    /// <summary>An owned object no policy wants any more.</summary>
    [JsonStringEnumMemberName("delete")]
    Delete,
}

/// <summary>How one change ended.</summary>
internal enum ReportChangeStatus
{
    /// <summary>Written and acknowledged by AWS.</summary>
    [JsonStringEnumMemberName("applied")]
    Applied,

    /// <summary>AWS refused it or retries ran out; errorCode says why.</summary>
    [JsonStringEnumMemberName("failed")]
    Failed,

    /// <summary>Not started (deadline, change budget); the next run picks it up.</summary>
    [JsonStringEnumMemberName("pending")]
    Pending,

    /// <summary>Not started because a guard stopped the run; the next run picks it up.</summary>
    [JsonStringEnumMemberName("skipped")]
    Skipped,

    /// <summary>Not attempted by design: plan-only run, audit mode or dry run.</summary>
    [JsonStringEnumMemberName("planned")]
    Planned,
}

/// <summary>One write and how it ended.</summary>
/// <param name="Operation">The AWS operation that makes (or would make) it, e.g. "PutMetricAlarm".</param>
/// <param name="ErrorCode">The AWS error code when it failed, e.g. "LimitExceeded".</param>
/// <param name="Summary">For text renderers: the one-line summary of a new alarm (<see cref="AlarmSummary"/>),
/// built from its typed definition. Not part of the JSON report, whose fields already say everything.</param>
internal sealed record ReportChange(
    ReportChangeAction Action,
    string Operation,
    ReportChangeStatus Status,
    IReadOnlyList<ReportFieldChange> Fields,
    string? ErrorCode,
    string? Message,
    [property: JsonIgnore] string? Summary = null)
{
    /// <summary>
    /// Set when the change cannot be undone and a person should know before apply (a shorter log retention deletes
    /// older log events); absent otherwise. Added in report-v1 revision 1.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Caution { get; init; }
}

/// <summary>One field: its observed and desired value, rendered for people (null: absent).</summary>
internal sealed record ReportFieldChange(string Field, string? Before, string? After);

/// <summary>Something the reconciler must not do on its own; a person decides.</summary>
/// <param name="Kind">policiesDisagree | notOwned | nameCollision | otherRegion.</param>
internal sealed record ReportConflict(
    string Kind,
    string Target,
    IReadOnlyList<string> Policies,
    string Reason);

/// <summary>A decision worth telling, e.g. a prune skipped because discovery was cut short.</summary>
internal sealed record ReportNotice(string Policy, string Message);

/// <summary>A step of the run that failed outside any single change (discovery, observation, identity).</summary>
/// <param name="Policy">The policy it concerns, or null for the whole run.</param>
/// <param name="Step">The step, e.g. "discovery", "observation".</param>
internal sealed record ReportError(
    string? Policy,
    string Step,
    string? Service,
    string? Operation,
    string? ErrorCode,
    string Message);

/// <summary>One AWS operation's counts for the run.</summary>
internal sealed record ReportApiCall(
    string Service,
    string Operation,
    bool Write,
    long Calls,
    long Attempts,
    long Retries,
    long Throttles,
    long Failures);

/// <summary>A change the next run will pick up, and why this run did not make it.</summary>
internal sealed record PendingWork(
    string Policy,
    EntryKind Kind,
    string Target,
    ReportChangeAction Action,
    string Reason);

/// <summary>Why apply stopped starting new writes.</summary>
internal enum ReportStopReason
{
    /// <summary>The run's deadline came near.</summary>
    [JsonStringEnumMemberName("deadline")]
    Deadline,

    /// <summary>maxChangesPerRun was reached.</summary>
    [JsonStringEnumMemberName("changeBudget")]
    ChangeBudget,

    /// <summary>Too many of the attempted changes failed.</summary>
    [JsonStringEnumMemberName("errorRatio")]
    ErrorRatio,

    /// <summary>The run was cancelled.</summary>
    [JsonStringEnumMemberName("cancelled")]
    Cancelled,
}

/// <summary>How many entries were left out to fit a size limit; the summary still counts them.</summary>
internal sealed record ReportTruncation(int OmittedEntries);
