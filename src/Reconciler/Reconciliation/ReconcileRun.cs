using Reconciler.Actuation;
using Reconciler.Aws;
using Reconciler.Discovery;
using Reconciler.Planning;
using Reconciler.Reporting;
using Reconciler.Telemetry;
using Reconciler.Verification;
using Reconciler.Verification.TraceArrival;

namespace Reconciler.Reconciliation;

/// <summary>An observation in place of the whole account's: what it observed, and the policies it holds only in part.</summary>
internal delegate Task<(CollectedObservation Collected, IReadOnlySet<string>? Focused)> ObserveStep(IAccountReader reader, CancellationToken cancellationToken);

/// <summary>
/// One pass of the loop: identify the account, discover and observe, plan (pure), apply (guarded), report.
/// Level-triggered: it remembers nothing between runs, and a second run over a converged account writes nothing.
/// </summary>
internal sealed class ReconcileRun(IAwsClients aws, string region, TimeProvider time, RunLogger log)
{
    // Everything before the plan only reads, so it gets only the reads; the applier and the counters need the clients.
    private readonly AwsAccountReader reader = new(aws);

    /// <summary>Runs once. AWS failures end up in the report; only cancellation and programming errors throw.</summary>
    public Task<ReconcileResult> RunAsync(ReconcileRequest request, CancellationToken cancellationToken) =>
        RunAsync(request, observe: null, cancellationToken);

    /// <summary>
    /// Runs once with <paramref name="observe"/> in place of the whole-account observation (a watch run's focused
    /// one, which also names the policies it holds only in part). The read-only checks run only for whole runs.
    /// </summary>
    public async Task<ReconcileResult> RunAsync(ReconcileRequest request, ObserveStep? observe, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var startedAt = time.GetUtcNow();
        var errors = new List<RunError>();
        var callsBefore = aws.Counters.Snapshot();
        var (accountId, collected, focused) = await ObserveAsync(request, observe, errors, cancellationToken);
        foreach (var (policyName, failure) in collected.Failures)
        {
            log.Warning("Could not read {What} for policy {Policy}: {Reason}; nothing is pruned where the view is incomplete", failure.What, policyName ?? "(all)", failure.Message);
            errors.Add(RunError.FromObservation(policyName, "observation", failure));
        }

        var planned = Planner.CreatePlan(request.Policies, collected.Observation, new PlanningOptions(request.AlarmNamePrefix, region, accountId, request.PoliciesOutsideRun, focused));
        var plan = await ProveOwnershipAsync(planned, request.AlarmNamePrefix, errors, cancellationToken);
        log.Information("Planned {ChangeCount} changes and found {ConflictCount} conflicts", plan.Changes.Count, plan.Conflicts.Count);
        var warnings = observe is not null
            ? []
            : (await CheckNotificationPathsAsync(request, collected.Observation, plan, accountId, cancellationToken))
                .Concat(await CheckTraceArrivalAsync(request, collected.Observation, cancellationToken))
                .ToList();

        ApplyResult? applied = null;
        if (request.Apply && !request.DryRun)
        {
            applied = await new ChangeApplier(new AwsWriter(aws), time).ApplyAsync(plan, new ApplyOptions(request.Deadline, request.MaxChanges), cancellationToken);
            LogOutcomes(applied);
        }

        var context = new RunContext(log.RunId, startedAt, time.GetUtcNow(), accountId ?? "unknown", region, DryRun: applied is null);
        var report = RunReportBuilder.Build(context, request.Policies, plan, applied, ApiCallCounts.Since(aws.Counters.Snapshot(), callsBefore), errors)
            with
        { Warnings = warnings };
        return new ReconcileResult(report, plan, applied, errors) { Warnings = warnings };
    }

    /// <summary>
    /// Reads each SNS topic the owned alarms (as planned) and the policies' reports rely on, once, and says what would
    /// keep a notification from reaching anyone. Read-only; a topic that cannot be read is a warning, not an error.
    /// </summary>
    private async Task<IReadOnlyList<RunWarning>> CheckNotificationPathsAsync(
        ReconcileRequest request, Observation observation, Plan plan, string? accountId, CancellationToken cancellationToken)
    {
        var topics = NotificationTargets.Of(request.Policies, observation, plan, request.AlarmNamePrefix, region, request.ReportTopics);
        if (topics.Count == 0)
        {
            return [];
        }

        var reads = await new NotificationPathReader(aws.Sns).ReadAsync(topics, cancellationToken);
        var warnings = topics
            .SelectMany(topic => NotificationPathCheck.Assess(topic, reads[topic.TopicArn], region, accountId ?? string.Empty))
            .ToList();
        foreach (var warning in warnings)
        {
            log.Warning("Notification path {Topic}: {Cause} Fix: {Remedy}", warning.Subject, warning.Cause, warning.Remedy);
        }

        return warnings;
    }

    /// <summary>
    /// For the policies with spec.tracing.verify, reads how often their traced functions and stages were invoked and
    /// which of them X-Ray saw, once per distinct window, and warns about each one invoked often enough that never sent
    /// a trace. Read-only; a failed read is a warning that the check could not run, not an error.
    /// </summary>
    private async Task<IReadOnlyList<RunWarning>> CheckTraceArrivalAsync(ReconcileRequest request, Observation observation, CancellationToken cancellationToken)
    {
        var warnings = new List<RunWarning>();
        var reader = new TraceArrivalReader(aws.CloudWatch, aws.XRay);
        foreach (var window in TraceArrivalTargets.Of(request.Policies, observation).GroupBy(resource => resource.Spec.WindowMinutes).OrderBy(group => group.Key))
        {
            var resources = window.ToList();
            var evidence = await reader.ReadAsync(resources, time.GetUtcNow(), cancellationToken);
            var arrivals = TraceArrivalCheck.Assess(resources, evidence);
            log.Information(
                "Trace arrival over {Window} minutes: {Arriving} traced resources sent traces, {Silent} invoked but silent, {TooFew} below minInvocations, {Idle} not invoked, {Unverified} unverified",
                window.Key,
                arrivals.Count(a => a.Verdict == TraceVerdict.TracesArrive),
                arrivals.Count(a => a.Verdict == TraceVerdict.Silent),
                arrivals.Count(a => a.Verdict == TraceVerdict.TooFewInvocations),
                arrivals.Count(a => a.Verdict == TraceVerdict.NoInvocations),
                arrivals.Count(a => a.Verdict == TraceVerdict.Unverified));
            foreach (var warning in TraceArrivalCheck.Warnings(arrivals, evidence))
            {
                log.Warning("Trace arrival {Subject}: {Cause} Fix: {Remedy}", warning.Subject, warning.Cause, warning.Remedy);
                warnings.Add(warning);
            }
        }

        return warnings;
    }

    /// <summary>
    /// Reads the tags of every object the plan would update or delete because of its marker, and drops (as conflicts
    /// or notices) the changes the tags do not confirm. Nothing is read when no such change is planned.
    /// </summary>
    private async Task<Plan> ProveOwnershipAsync(Plan plan, string owner, List<RunError> errors, CancellationToken cancellationToken)
    {
        var arns = OwnershipProof.ArnsToRead(plan);
        if (arns.Count == 0)
        {
            return plan;
        }

        var read = await new OwnershipTagReader(reader).ReadAsync(arns, cancellationToken);
        foreach (var (arn, failure) in read.Failures.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            var policy = plan.Changes.First(change => change.ResourceArn == arn).PolicyName;
            log.Warning("Could not read the ownership tags of {Arn}: {Reason}; it is left unchanged this run", arn, failure.Message);
            errors.Add(RunError.FromObservation(policy, "ownership check", failure));
        }

        return OwnershipProof.Apply(
            plan,
            read.Tags,
            read.Failures.ToDictionary(f => f.Key, f => f.Value.Message, StringComparer.Ordinal),
            owner);
    }

    /// <summary>
    /// Identifies the account and observes it, stopping at the run's deadline too: reads cut short by it leave every
    /// scope incomplete (so nothing is pruned or overwritten) and are reported as a failed observation, not as an
    /// interruption by the user.
    /// </summary>
    private async Task<(string? AccountId, CollectedObservation Collected, IReadOnlySet<string>? Focused)> ObserveAsync(
        ReconcileRequest request, ObserveStep? observe, List<RunError> errors, CancellationToken cancellationToken)
    {
        var remaining = request.Deadline - time.GetUtcNow();
        using var deadline = new CancellationTokenSource(
            TimeSpan.FromMilliseconds(Math.Clamp(remaining.TotalMilliseconds, 0, int.MaxValue - 1)), time);
        using var reads = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        string? accountId = null;
        try
        {
            accountId = await IdentifyAccountAsync(errors, reads.Token);
            log.Information("Observing {PolicyCount} policies in {Region}", request.Policies.Count, region);
            if (observe is not null)
            {
                var (collected, focused) = await observe(reader, reads.Token);
                return (accountId, collected, focused);
            }

            return (accountId, await new ObservationCollector(reader, region, request.AlarmNamePrefix).CollectAsync(request.Policies, reads.Token), null);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            var reason = $"the run's deadline ({request.Deadline.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z) came before the account was read; the next run reads it again (raise --deadline if this repeats)";
            var unobserved = new Observation(
                [.. request.Policies.Select(policy => new PolicyScope(policy.Name, [], [], Complete: false, reason))],
                new Dictionary<string, AlarmDefinition>(),
                AlarmsComplete: false);
            return (accountId, new CollectedObservation(unobserved, [(null, new ObservationFailure("observation", reason, null, null, "DeadlineExceeded"))]), null);
        }
    }

    private async Task<string?> IdentifyAccountAsync(List<RunError> errors, CancellationToken cancellationToken)
    {
        try
        {
            var account = (await reader.GetCallerIdentityAsync(cancellationToken)).Account;
            return string.IsNullOrEmpty(account) ? null : account;
        }
        catch (AwsServiceException error)
        {
            log.Warning("Could not identify the account: {ErrorCode}: {Reason}", error.ErrorCode, error.ErrorMessage);
            errors.Add(RunError.FromAws(null, "identity", error));
            return null;
        }
    }

    private void LogOutcomes(ApplyResult applied)
    {
        foreach (var outcome in applied.Outcomes)
        {
            var change = outcome.Change;
            switch (outcome.Status)
            {
                case ChangeStatus.Applied:
                    log.Information("Applied {Action} {Kind} {Target} for policy {Policy}", change.Action, change.Kind, change.Target, change.PolicyName);
                    break;
                case ChangeStatus.Failed:
                    log.Warning("Failed {Action} {Kind} {Target} for policy {Policy}: {ErrorCode}: {Reason}", change.Action, change.Kind, change.Target, change.PolicyName, outcome.ErrorCode, outcome.Message);
                    break;
                case ChangeStatus.Pending:
                    log.Information("Left {Action} {Kind} {Target} for the next run: {Reason}", change.Action, change.Kind, change.Target, outcome.Message);
                    break;
            }
        }

        if (applied.Stopped is { } reason)
        {
            log.Warning("Stopped starting writes: {StopReason}", reason);
        }
    }
}
