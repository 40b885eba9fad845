using Reconciler.Actuation;
using Reconciler.Aws;
using Reconciler.Kinds;
using Reconciler.Planning;
using Reconciler.Policies;

namespace Reconciler.Reporting;

/// <summary>
/// Turns what a run saw and did (plan, apply outcomes, call counters, errors) into a <see cref="RunReport"/>.
/// Pure: the same inputs give the same report, sorted the same way.
/// </summary>
internal static class RunReportBuilder
{
    private const string NoOutcomeMessage =
        "apply recorded no outcome for this change; the next run plans it again";

    /// <summary>Builds the report of one run.</summary>
    /// <param name="apply">Null for plan-only runs: every change then shows as planned and its resource as drifted.</param>
    public static RunReport Build(
        RunContext ctx,
        IReadOnlyList<ObservabilityPolicy> policies,
        Plan plan,
        ApplyResult? apply,
        IReadOnlyList<ApiCallCount> calls,
        IReadOnlyList<RunError> errors)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(policies);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(calls);
        ArgumentNullException.ThrowIfNull(errors);

        var policyByName = policies.GroupBy(p => p.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var entries = new Dictionary<EntryKey, EntryDraft>();
        var pending = new List<PendingWork>();

        foreach (var assessment in plan.Resources)
        {
            var draft = Draft(entries, new EntryKey(assessment.PolicyName, KindOf(assessment.Type), assessment.Name));
            draft.Arn ??= assessment.Arn;
            draft.State = assessment.State;
            draft.Reason ??= assessment.Reason;
        }

        foreach (var (change, outcome) in Pair(plan, apply))
        {
            var key = new EntryKey(change.PolicyName, KindOf(change.Kind), change.Target);
            var draft = Draft(entries, key);
            draft.Arn ??= change.ResourceArn;
            var status = StatusOf(change, outcome, apply, ctx.DryRun);
            var message = outcome is null && apply is not null && status == ReportChangeStatus.Pending
                ? NoOutcomeMessage
                : outcome?.Message;
            draft.Changes.Add(new ReportChange(
                ActionOf(change.Action),
                OperationOf(change.Payload),
                status,
                [.. change.Fields.Select(f => new ReportFieldChange(f.Field, f.Before, f.After))],
                outcome?.ErrorCode,
                message,
                AlarmSummary.For(change))
            {
                Caution = change.Caution,
            });
            if (status is ReportChangeStatus.Pending or ReportChangeStatus.Skipped)
            {
                pending.Add(new PendingWork(key.Policy, key.Kind, key.Name, ActionOf(change.Action), message ?? PendingReason(apply?.Stopped)));
            }
        }

        foreach (var conflict in plan.Conflicts)
        {
            foreach (var policyName in conflict.Policies)
            {
                var draft = Draft(entries, new EntryKey(policyName, KindOf(conflict.TargetKind), conflict.Target));
                draft.InConflict = true;
                draft.Reason ??= conflict.Reason;
            }
        }

        var policyNames = policyByName.Keys
            .Concat(entries.Keys.Select(k => k.Policy))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        var policyReports = policyNames.Select(name => new PolicyReport(
                name,
                policyByName.TryGetValue(name, out var policy) ? policy.Source.ToString() : "(not loaded)",
                PolicyModeOf(policy, ctx.DryRun),
                [.. entries.Where(e => e.Key.Policy == name)
                    .Select(e => e.Value.ToEntry(e.Key))
                    .OrderBy(e => e.Kind)
                    .ThenBy(e => e.Name, StringComparer.Ordinal)]))
            .ToList();

        var reportConflicts = plan.Conflicts
            .Select(c => new ReportConflict(
                ConflictKindName(c.Kind),
                c.Target,
                [.. c.Policies.Order(StringComparer.Ordinal)],
                c.Reason))
            .OrderBy(c => c.Target, StringComparer.Ordinal)
            .ThenBy(c => c.Kind, StringComparer.Ordinal)
            .ToList();
        var reportErrors = ReportErrors(errors);

        return new RunReport(
            RunReport.SchemaVersionV1,
            ctx.RunId,
            ctx.StartedAt,
            ctx.FinishedAt,
            ctx.AccountId,
            ctx.Region,
            RunModeOf(policies, ctx.DryRun),
            ReportSummaries.Compute(policyReports, reportConflicts.Count, reportErrors.Count),
            policyReports,
            reportConflicts,
            [.. plan.Notices
                .Select(n => new ReportNotice(n.PolicyName, n.Message))
                .OrderBy(n => n.Policy, StringComparer.Ordinal)
                .ThenBy(n => n.Message, StringComparer.Ordinal)],
            reportErrors,
            [.. calls
                .Select(c => new ReportApiCall(c.Service, c.Operation, c.IsWrite, c.Calls, c.Attempts, c.Retries, c.Throttles, c.Failures))
                .OrderBy(c => c.Service, StringComparer.Ordinal)
                .ThenBy(c => c.Operation, StringComparer.Ordinal)],
            [.. pending
                .OrderBy(p => p.Policy, StringComparer.Ordinal)
                .ThenBy(p => p.Kind)
                .ThenBy(p => p.Target, StringComparer.Ordinal)],
            StopReasonOf(apply?.Stopped));
    }

    /// <summary>
    /// Every change of the plan with its outcome, then any outcome whose change the plan does not hold, so that
    /// nothing apply reports is lost even if the caller passed a different plan instance.
    /// </summary>
    private static IEnumerable<(PlannedChange Change, ChangeOutcome? Outcome)> Pair(Plan plan, ApplyResult? apply)
    {
        var outcomes = new Dictionary<PlannedChange, ChangeOutcome>();
        foreach (var outcome in apply?.Outcomes ?? [])
        {
            outcomes.TryAdd(outcome.Change, outcome);
        }

        var seen = new HashSet<PlannedChange>();
        foreach (var change in plan.Changes)
        {
            seen.Add(change);
            yield return (change, outcomes.GetValueOrDefault(change));
        }

        foreach (var outcome in apply?.Outcomes ?? [])
        {
            if (seen.Add(outcome.Change))
            {
                yield return (outcome.Change, outcome);
            }
        }
    }

    private static ReportChangeStatus StatusOf(PlannedChange change, ChangeOutcome? outcome, ApplyResult? apply, bool dryRun)
    {
        var byDesign = dryRun || !change.Enforced || apply is null;
        return outcome?.Status switch
        {
            ChangeStatus.Applied => ReportChangeStatus.Applied,
            ChangeStatus.Failed => ReportChangeStatus.Failed,
            ChangeStatus.Pending => ReportChangeStatus.Pending,
            ChangeStatus.Skipped => byDesign ? ReportChangeStatus.Planned : ReportChangeStatus.Skipped,
            _ => byDesign ? ReportChangeStatus.Planned : ReportChangeStatus.Pending,
        };
    }

    private static string PendingReason(StopReason? stopped) => PendingReasons.For(stopped);

    private static EntryDraft Draft(Dictionary<EntryKey, EntryDraft> entries, EntryKey key)
    {
        if (!entries.TryGetValue(key, out var draft))
        {
            draft = new EntryDraft();
            entries.Add(key, draft);
        }

        return draft;
    }

    internal static EntryKind KindOf(ResourceType type) => type switch
    {
        ResourceType.LambdaFunction => ManagedKinds.FunctionTracing.ReportKind,
        ResourceType.ApiGatewayStage => ManagedKinds.StageTracing.ReportKind,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "unknown resource type"),
    };

    internal static EntryKind KindOf(ChangeKind kind) => ManagedKinds.Of(kind).ReportKind;

    internal static ReportChangeAction ActionOf(ChangeAction action) => action switch
    {
        ChangeAction.Create => ReportChangeAction.Create,
        ChangeAction.Update => ReportChangeAction.Update,
        _ => ReportChangeAction.Delete,
    };

    private static string OperationOf(ChangePayload payload) => ManagedKinds.OperationOf(payload);

    private static string ConflictKindName(ConflictKind kind) => kind switch
    {
        ConflictKind.PoliciesDisagree => "policiesDisagree",
        ConflictKind.NotOwned => "notOwned",
        ConflictKind.OtherRegion => "otherRegion",
        _ => "nameCollision",
    };

    private static RunMode PolicyModeOf(ObservabilityPolicy? policy, bool dryRun) =>
        dryRun ? RunMode.DryRun : policy?.Mode == PolicyMode.Audit ? RunMode.Audit : RunMode.Enforce;

    private static RunMode RunModeOf(IReadOnlyList<ObservabilityPolicy> policies, bool dryRun) =>
        dryRun ? RunMode.DryRun
        : policies.Count > 0 && policies.All(p => p.Mode == PolicyMode.Audit) ? RunMode.Audit
        : RunMode.Enforce;

    private static ReportStopReason? StopReasonOf(StopReason? stopped) => stopped switch
    {
        StopReason.Deadline => ReportStopReason.Deadline,
        StopReason.ChangeBudget => ReportStopReason.ChangeBudget,
        StopReason.ErrorRatio => ReportStopReason.ErrorRatio,
        StopReason.Cancelled => ReportStopReason.Cancelled,
        _ => null,
    };

    private sealed record EntryKey(string Policy, EntryKind Kind, string Name);

    /// <summary>Mutable only while one entry is being assembled inside <see cref="Build"/>.</summary>
    private sealed class EntryDraft
    {
        public string? Arn { get; set; }

        public ResourceState? State { get; set; }

        public string? Reason { get; set; }

        public bool InConflict { get; set; }

        public List<ReportChange> Changes { get; } = [];

        public ReportEntry ToEntry(EntryKey key)
        {
            var changes = Changes.OrderBy(c => c.Action).ThenBy(c => c.Operation, StringComparer.Ordinal).ToList();
            return new ReportEntry(key.Kind, key.Name, Arn, StatusOf(changes), Reason, changes);
        }

        // Worst first: a failure must never hide behind a conflict or a correction of the same resource.
        private EntryStatus StatusOf(List<ReportChange> changes) =>
            changes.Any(c => c.Status == ReportChangeStatus.Failed) ? EntryStatus.Failed
            : InConflict || State == ResourceState.Conflict ? EntryStatus.Conflict
            : changes.Any(c => c.Status is ReportChangeStatus.Pending or ReportChangeStatus.Skipped) ? EntryStatus.Pending
            : changes.Any(c => c.Status == ReportChangeStatus.Planned) ? EntryStatus.Drifted
            : changes.Count > 0 ? EntryStatus.Corrected
            : State switch
            {
                ResourceState.Drifted => EntryStatus.Drifted,
                ResourceState.Excluded => EntryStatus.Excluded,
                ResourceState.Unknown => EntryStatus.Unknown,
                _ => EntryStatus.InSync,
            };
    }

    /// <summary>The run's errors as the report lists them: by policy, step, service, operation, then message.</summary>
    internal static List<ReportError> ReportErrors(IEnumerable<RunError> errors) =>
        [.. errors
            .Select(e => new ReportError(e.PolicyName, e.Step, e.Service, e.Operation, e.ErrorCode, e.Message))
            .OrderBy(e => e.Policy ?? string.Empty, StringComparer.Ordinal)
            .ThenBy(e => e.Step, StringComparer.Ordinal)
            .ThenBy(e => e.Service ?? string.Empty, StringComparer.Ordinal)
            .ThenBy(e => e.Operation ?? string.Empty, StringComparer.Ordinal)
            .ThenBy(e => e.Message, StringComparer.Ordinal)];
}
