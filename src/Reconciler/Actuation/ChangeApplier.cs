using Reconciler.Aws;
using Reconciler.Discovery;
using Reconciler.Kinds;
using Reconciler.Planning;
using Reconciler.Policies;

namespace Reconciler.Actuation;

/// <summary>
/// Carries out a plan in the stages the kinds declare (<see cref="ManagedKinds"/>): today tracing and alarm writes
/// side by side (they draw on separate AWS quotas, so neither waits for the other), then dashboards (their alarm widgets
/// list the alarms), then prunes (a renamed alarm exists under its new name before the old one goes). Each stream
/// starts its writes in plan order, concurrent within the clients' rate limits, every write behind the
/// <see cref="ApplyGuard"/>. The change budget is handed out in plan order before
/// anything starts, so which changes wait for the next run does not depend on timing. Every change ends as applied,
/// failed, skipped or pending: none is lost. A refusal of one resource fails only that change (see
/// <see cref="FailureScopes"/>); written alarms are read back so a field CloudWatch stores otherwise shows at once.
/// </summary>
internal sealed class ChangeApplier(IAwsClients aws, TimeProvider time)
{
    /// <summary>DescribeAlarms with AlarmNames takes at most this many names a call.</summary>
    private const int ReadBackBatchSize = 100;

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

        // Stages come from the kinds' declarations: within a stage each kind is its own stream (kinds of one stage
        // draw on separate quotas, so none waits for another), and a stage starts when the one before it has ended.
        foreach (var stage in budgeted.GroupBy(ManagedKinds.ApplyStage).OrderBy(stage => stage.Key))
        {
            await Task.WhenAll(stage.GroupBy(change => change.Kind).Select(stream =>
                ApplyStreamAsync(ManagedKinds.Of(stream.Key), [.. stream], guard, options, outcomes, cancellationToken)));
        }

        return new ApplyResult([.. plan.Changes.Select(change => outcomes[change])], guard.Stopped);
    }

    /// <summary>
    /// One kind's changes of one stage, in plan order: deletes in batches of the kind's <see cref="ManagedKind.DeleteBatchSize"/>,
    /// everything else one by one; written alarms are then read back.
    /// </summary>
    private async Task ApplyStreamAsync(
        ManagedKind kind,
        IReadOnlyList<PlannedChange> changes,
        ApplyGuard guard,
        ApplyOptions options,
        Dictionary<PlannedChange, ChangeOutcome> outcomes,
        CancellationToken cancellationToken)
    {
        var deletes = changes.Where(change => change.Action == ChangeAction.Delete).ToList();
        var writes = changes.Where(change => change.Action != ChangeAction.Delete).ToList();
        await ApplyPhaseAsync([.. Singles(writes), .. deletes.Chunk(kind.DeleteBatchSize)], guard, options, outcomes, cancellationToken);

        var puts = writes.Where(change => change.Payload is PutAlarm).ToList();
        if (puts.Count > 0)
        {
            await ReadBackAsync(puts, options, outcomes, cancellationToken);
        }
    }

    /// <summary>
    /// Reads the written alarms back (one DescribeAlarms per 100) and notes every field CloudWatch stored otherwise
    /// than it was sent: such a field would be planned again every run, and this shows it in the run that wrote it.
    /// A converged run writes no alarm, so it reads nothing here.
    /// </summary>
    private async Task ReadBackAsync(
        IReadOnlyList<PlannedChange> puts,
        ApplyOptions options,
        Dictionary<PlannedChange, ChangeOutcome> outcomes,
        CancellationToken cancellationToken)
    {
        List<PlannedChange> written;
        lock (outcomes)
        {
            written = [.. puts.Where(change => outcomes.TryGetValue(change, out var outcome) && outcome.Status == ChangeStatus.Applied)];
        }

        foreach (var chunk in written.Chunk(ReadBackBatchSize))
        {
            if (cancellationToken.IsCancellationRequested || time.GetUtcNow() >= options.Deadline)
            {
                return;
            }

            var stored = new Dictionary<string, AlarmDefinition>(StringComparer.Ordinal);
            try
            {
                var request = new DescribeAlarmsRequest(AlarmNames: [.. chunk.Select(change => ((PutAlarm)change.Payload).Alarm.AlarmName)], MaxRecords: ReadBackBatchSize);
                await foreach (var alarm in aws.CloudWatch.DescribeAlarmsAsync(request, cancellationToken))
                {
                    stored[alarm.AlarmName] = AlarmMapping.ToDefinition(alarm);
                }
            }
            catch (AwsServiceException)
            {
                // The check is a courtesy: the next run's observation compares the same fields anyway.
                continue;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }

            foreach (var change in chunk)
            {
                // An alarm missing from the answer may be CloudWatch not showing a fresh write yet; the next run sees.
                if (!stored.TryGetValue(((PutAlarm)change.Payload).Alarm.AlarmName, out var read)
                    || Diffing.Alarm(read, ((PutAlarm)change.Payload).Alarm) is not { Count: > 0 } diffs)
                {
                    continue;
                }

                var note = string.Join("; ", diffs.Select(d => $"CloudWatch stored {d.Field} as {d.Before ?? "(none)"}, not {d.After ?? "(none)"} as sent"))
                    + "; the next run would write it again";
                lock (outcomes)
                {
                    var outcome = outcomes[change];
                    outcomes[change] = outcome with { Message = outcome.Message is null ? note : $"{outcome.Message}; {note}" };
                }
            }
        }
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
            return batch[0].Payload is DeleteAlarm
                ? await DeleteAsync(batch, guard, cancellationToken)
                : [await WriteOneAsync(batch[0], guard, cancellationToken)];
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

    private async Task<ChangeOutcome> WriteOneAsync(PlannedChange change, ApplyGuard guard, CancellationToken cancellationToken)
    {
        try
        {
            var detail = await WriteAsync(change, cancellationToken);
            guard.Finished(1, accountWideFailure: false);
            return new ChangeOutcome(change, ChangeStatus.Applied, null, detail);
        }
        catch (AwsServiceException error)
        {
            var scope = FailureScopes.Of(error);
            guard.Finished(1, accountWideFailure: scope == FailureScope.Account);
            return scope == FailureScope.Busy
                ? new ChangeOutcome(change, ChangeStatus.Pending, error.ErrorCode, FailureMessages.Busy(change, error))
                : new ChangeOutcome(change, ChangeStatus.Failed, error.ErrorCode, FailureMessages.Refused(change, error));
        }
    }

    /// <summary>
    /// Deletes a batch with one DeleteAlarms call. CloudWatch refuses the whole call when one alarm cannot go (a
    /// composite alarm depends on it), so a refusal that is not account-wide is narrowed down: the alarms the message
    /// names are set aside, otherwise the batch is halved until the blockers stand alone, and the rest is deleted.
    /// </summary>
    private async Task<IReadOnlyList<ChangeOutcome>> DeleteAsync(IReadOnlyList<PlannedChange> batch, ApplyGuard guard, CancellationToken cancellationToken)
    {
        try
        {
            await aws.CloudWatch.DeleteAlarmsAsync([.. batch.Select(NameOf)], cancellationToken);
            guard.Finished(batch.Count, accountWideFailure: false);
            return [.. batch.Select(change => new ChangeOutcome(change, ChangeStatus.Applied, null, null))];
        }
        catch (AwsServiceException error)
        {
            var scope = FailureScopes.Of(error);
            if (scope != FailureScope.Account && error.ErrorCode == "ResourceNotFound")
            {
                // CloudWatch deletes the names it knows and complains about the others: gone either way.
                guard.Finished(batch.Count, accountWideFailure: false);
                return [.. batch.Select(change => new ChangeOutcome(change, ChangeStatus.Applied, null, $"CloudWatch said some of these alarms did not exist ({error.ErrorMessage}); the next run checks again"))];
            }

            if (scope == FailureScope.Account || batch.Count == 1)
            {
                guard.Finished(batch.Count, accountWideFailure: scope == FailureScope.Account);
                return [.. batch.Select(change => new ChangeOutcome(change, ChangeStatus.Failed, error.ErrorCode, FailureMessages.Refused(change, error)))];
            }

            var named = FailureMessages.BlockedByComposite(error);
            var blocked = batch.Where(change => named.Contains(NameOf(change))).ToList();
            if (blocked.Count > 0)
            {
                guard.Finished(blocked.Count, accountWideFailure: false);
                var outcomes = blocked.Select(change => new ChangeOutcome(change, ChangeStatus.Failed, error.ErrorCode, FailureMessages.BlockedDelete(NameOf(change), error))).ToList();
                outcomes.AddRange(await DeleteRestAsync([.. batch.Except(blocked)], guard, cancellationToken));
                return outcomes;
            }

            var half = batch.Count / 2;
            return [.. await DeleteRestAsync([.. batch.Take(half)], guard, cancellationToken), .. await DeleteRestAsync([.. batch.Skip(half)], guard, cancellationToken)];
        }
    }

    private async Task<IReadOnlyList<ChangeOutcome>> DeleteRestAsync(IReadOnlyList<PlannedChange> batch, ApplyGuard guard, CancellationToken cancellationToken) =>
        batch.Count == 0 ? []
        : guard.TryStart(cancellationToken) ? await DeleteAsync(batch, guard, cancellationToken)
        : Pending(batch, guard.Stopped);

    private static string NameOf(PlannedChange change) => ((DeleteAlarm)change.Payload).AlarmName;

    /// <summary>Makes one write; returns what a person should know about a write AWS accepted with reservations.</summary>
    private async Task<string?> WriteAsync(PlannedChange change, CancellationToken cancellationToken)
    {
        switch (change.Payload)
        {
            case SetFunctionTracing tracing:
                await aws.Lambda.UpdateFunctionConfigurationAsync(
                    new UpdateFunctionConfigurationRequest(tracing.FunctionName, tracing.Mode == LambdaTracingMode.Active ? "Active" : "PassThrough"),
                    cancellationToken);
                return null;
            case SetStageTracing stage:
                await aws.ApiGateway.UpdateStageAsync(
                    new UpdateStageRequest(stage.RestApiId, stage.StageName, [new PatchOperation("replace", "/tracingEnabled", stage.Enabled ? "true" : "false")]),
                    cancellationToken);
                return null;
            case PutAlarm put:
                await PutAlarmAsync(change, put.Alarm, cancellationToken);
                return null;
            case PutDashboard dashboard:
                return await PutDashboardAsync(change, dashboard, cancellationToken);
            default:
                throw new InvalidOperationException($"No writer for {change.Payload.GetType().Name}");
        }
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

    private async Task<string?> PutDashboardAsync(PlannedChange change, PutDashboard dashboard, CancellationToken cancellationToken)
    {
        // On a 200, DashboardValidationMessages are warnings: CloudWatch saved the body, some widgets may not render.
        var messages = await aws.CloudWatch.PutDashboardAsync(dashboard.DashboardName, dashboard.Body, cancellationToken);

        // The marker text widget is what ownership is read from; the tags make it visible to tag-based tooling and IAM.
        // They are set whatever the warnings say: the next run sees no diff in the body and would never tag it.
        if (change.ResourceArn is { } arn)
        {
            await aws.CloudWatch.TagResourceAsync(arn, [.. dashboard.Tags.Select(tag => new Tag(tag.Key, tag.Value))], cancellationToken);
        }

        return messages.Count == 0
            ? null
            : "saved with warnings from CloudWatch, some widgets may not render: "
                + string.Join("; ", messages.Select(m => m.DataPath is null ? m.Message : $"{m.DataPath}: {m.Message}"));
    }

    private static IReadOnlyList<ChangeOutcome> Pending(IReadOnlyList<PlannedChange> batch, StopReason? reason) =>
        [.. batch.Select(change => new ChangeOutcome(change, ChangeStatus.Pending, null, PendingReason(reason)))];

    private static string PendingReason(StopReason? reason) => PendingReasons.For(reason);
}
