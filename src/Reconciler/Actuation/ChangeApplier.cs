using Reconciler.Aws;
using Reconciler.Discovery;
using Reconciler.Planning;
using Reconciler.Policies;

namespace Reconciler.Actuation;

/// <summary>
/// Carries out a plan: tracing and alarm writes side by side (they draw on separate AWS quotas, so neither waits for
/// the other), then dashboards (their alarm widgets list the alarms), then prunes (a renamed alarm exists under its new
/// name before the old one goes). Each stream starts its writes in plan order, concurrent within the clients' rate
/// limits, every write behind the <see cref="ApplyGuard"/>. The change budget is handed out in plan order before
/// anything starts, so which changes wait for the next run does not depend on timing. Every change ends as applied,
/// failed, skipped or pending: none is lost.
/// </summary>
internal sealed class ChangeApplier(IAwsClients aws, TimeProvider time)
{
    /// <summary>DeleteAlarms takes at most this many names a call.</summary>
    private const int DeleteBatchSize = 100;

    /// <summary>Applies the enforced changes of <paramref name="plan"/>; audit-mode ones are skipped.</summary>
    public async Task<ApplyResult> ApplyAsync(Plan plan, ApplyOptions options, CancellationToken cancellationToken)
    {
        var guard = new ApplyGuard(options, time);
        var outcomes = new Dictionary<PlannedChange, ChangeOutcome>(ReferenceEqualityComparer.Instance);
        foreach (var change in plan.Changes.Where(change => !change.Enforced))
        {
            outcomes[change] = new ChangeOutcome(change, ChangeStatus.Skipped, null, "audit mode: reported, not applied");
        }

        var enforced = plan.Changes.Where(change => change.Enforced).ToList();
        foreach (var change in enforced.Skip(options.MaxChanges))
        {
            outcomes[change] = new ChangeOutcome(change, ChangeStatus.Pending, null, PendingReason(StopReason.ChangeBudget));
            guard.BudgetExhausted();
        }

        var budgeted = enforced.Take(options.MaxChanges).ToList();
        await Task.WhenAll(
            ApplyPhaseAsync(Singles(budgeted.Where(c => c.Kind is ChangeKind.FunctionTracing or ChangeKind.StageTracing)), guard, options, outcomes, cancellationToken),
            ApplyPhaseAsync(Singles(budgeted.Where(c => c.Kind == ChangeKind.Alarm && c.Action != ChangeAction.Delete)), guard, options, outcomes, cancellationToken));
        await ApplyPhaseAsync(Singles(budgeted.Where(c => c.Kind == ChangeKind.Dashboard)), guard, options, outcomes, cancellationToken);

        // One DeleteAlarms call removes up to 100 alarms.
        await ApplyPhaseAsync([.. budgeted.Where(c => c.Kind == ChangeKind.Alarm && c.Action == ChangeAction.Delete).Chunk(DeleteBatchSize)], guard, options, outcomes, cancellationToken);

        return new ApplyResult([.. plan.Changes.Select(change => outcomes[change])], guard.Stopped);
    }

    private static IReadOnlyList<IReadOnlyList<PlannedChange>> Singles(IEnumerable<PlannedChange> changes) =>
        [.. changes.Select(change => (IReadOnlyList<PlannedChange>)[change])];

    private async Task ApplyPhaseAsync(
        IReadOnlyList<IReadOnlyList<PlannedChange>> batches,
        ApplyGuard guard,
        ApplyOptions options,
        Dictionary<PlannedChange, ChangeOutcome> outcomes,
        CancellationToken cancellationToken)
    {
        using var slots = new SemaphoreSlim(options.MaxConcurrency);
        var running = new List<Task<IReadOnlyList<ChangeOutcome>>>();
        foreach (var batch in batches)
        {
            await slots.WaitAsync(CancellationToken.None);
            if (!guard.TryStart(cancellationToken))
            {
                slots.Release();
                running.Add(Task.FromResult(Pending(batch, guard.Stopped)));
                continue;
            }

            running.Add(RunAsync(batch, guard, slots, cancellationToken));
        }

        var finished = await Task.WhenAll(running);
        lock (outcomes)
        {
            foreach (var outcome in finished.SelectMany(batch => batch))
            {
                outcomes[outcome.Change] = outcome;
            }
        }
    }

    private async Task<IReadOnlyList<ChangeOutcome>> RunAsync(IReadOnlyList<PlannedChange> batch, ApplyGuard guard, SemaphoreSlim slots, CancellationToken cancellationToken)
    {
        try
        {
            await WriteAsync(batch, cancellationToken);
            guard.Finished(batch.Count, succeeded: true);
            return [.. batch.Select(change => new ChangeOutcome(change, ChangeStatus.Applied, null, null))];
        }
        catch (AwsServiceException error)
        {
            guard.Finished(batch.Count, succeeded: false);
            return [.. batch.Select(change => new ChangeOutcome(change, ChangeStatus.Failed, error.ErrorCode, error.ErrorMessage))];
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The write may or may not have landed; the next run observes again and finishes it either way.
            return [.. batch.Select(change => new ChangeOutcome(change, ChangeStatus.Pending, null, "interrupted by cancellation before AWS answered; the next run checks it again"))];
        }
        finally
        {
            slots.Release();
        }
    }

    private Task WriteAsync(IReadOnlyList<PlannedChange> batch, CancellationToken cancellationToken)
    {
        if (batch.Count > 1 || batch[0].Payload is DeleteAlarm)
        {
            var names = batch.Select(change => ((DeleteAlarm)change.Payload).AlarmName).ToList();
            return aws.CloudWatch.DeleteAlarmsAsync(names, cancellationToken);
        }

        return batch[0].Payload switch
        {
            SetFunctionTracing tracing => aws.Lambda.UpdateFunctionConfigurationAsync(
                new UpdateFunctionConfigurationRequest(tracing.FunctionName, tracing.Mode == LambdaTracingMode.Active ? "Active" : "PassThrough"),
                cancellationToken),
            SetStageTracing stage => aws.ApiGateway.UpdateStageAsync(
                new UpdateStageRequest(stage.RestApiId, stage.StageName, [new PatchOperation("replace", "/tracingEnabled", stage.Enabled ? "true" : "false")]),
                cancellationToken),
            PutAlarm put => PutAlarmAsync(batch[0], put.Alarm, cancellationToken),
            PutDashboard dashboard => PutDashboardAsync(batch[0], dashboard, cancellationToken),
            var other => throw new InvalidOperationException($"No writer for {other.GetType().Name}"),
        };
    }

    private async Task PutAlarmAsync(PlannedChange change, AlarmDefinition alarm, CancellationToken cancellationToken)
    {
        await aws.CloudWatch.PutMetricAlarmAsync(AlarmMapping.ToRequest(alarm), cancellationToken);

        // PutMetricAlarm applies tags only when it creates the alarm. Whenever an existing one is written (an adopted
        // alarm, or one whose tags someone removed) the ownership tags are set again; updates are rare, so this is cheap.
        if (change.Action == ChangeAction.Update && change.ResourceArn is { } arn)
        {
            await aws.CloudWatch.TagResourceAsync(arn, [.. alarm.Tags.Select(tag => new Tag(tag.Key, tag.Value))], cancellationToken);
        }
    }

    private async Task PutDashboardAsync(PlannedChange change, PutDashboard dashboard, CancellationToken cancellationToken)
    {
        var messages = await aws.CloudWatch.PutDashboardAsync(dashboard.DashboardName, dashboard.Body, cancellationToken);
        if (messages.Count > 0)
        {
            // CloudWatch saved the body but flagged parts of it: surface that as a failure a person will read.
            var detail = string.Join("; ", messages.Select(m => m.DataPath is null ? m.Message : $"{m.DataPath}: {m.Message}"));
            throw new AwsServiceException("monitoring", "PutDashboard", "DashboardValidationWarning", detail, 200, null, AwsErrorKind.Terminal);
        }

        // The marker text widget is what ownership is read from; the tags make it visible to tag-based tooling and IAM.
        if (change.ResourceArn is { } arn)
        {
            await aws.CloudWatch.TagResourceAsync(arn, [.. dashboard.Tags.Select(tag => new Tag(tag.Key, tag.Value))], cancellationToken);
        }
    }

    private static IReadOnlyList<ChangeOutcome> Pending(IReadOnlyList<PlannedChange> batch, StopReason? reason) =>
        [.. batch.Select(change => new ChangeOutcome(change, ChangeStatus.Pending, null, PendingReason(reason)))];

    private static string PendingReason(StopReason? reason) => reason switch
    {
        StopReason.Deadline => "not started: the run's deadline came; the next run picks it up",
        StopReason.ChangeBudget => "not started: maxChangesPerRun reached; the next run picks it up",
        StopReason.ErrorRatio => "not started: more than half of the attempted changes failed, so the run stopped writing",
        StopReason.Cancelled => "not started: the run was cancelled",
        _ => "not started",
    };
}
