using Reconciler.Aws;
using Reconciler.Kinds;
using Reconciler.Planning;

namespace Reconciler.Actuation;

/// <summary>
/// Carries out a plan in the stages the kinds declare (<see cref="ManagedKinds"/>): today tracing and alarm writes
/// side by side (they draw on separate AWS quotas, so neither waits for the other), then dashboards (their alarm widgets
/// list the alarms), then prunes (a renamed alarm exists under its new name before the old one goes). Each stream
/// starts its writes in plan order, concurrent within the clients' rate limits, every write behind the
/// <see cref="ApplyGuard"/>. The change budget is handed out in plan order before
/// anything starts, so which changes wait for the next run does not depend on timing. Every change ends as applied,
/// failed, skipped or pending: none is lost. A refusal of one resource fails only that change (see
/// <see cref="FailureScopes"/>). What each write is, and what is read back after it, is the kind's
/// <see cref="ManagedKind.Writer"/>: the applier names no kind.
/// </summary>
internal sealed class ChangeApplier(IAwsWriter aws, TimeProvider time)
{
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

        // Stages come from the kinds' declarations: within a stage each writer is its own stream (kinds of one stage
        // draw on separate quotas, so none waits for another; kinds that share a writer share its AWS call), and a
        // stage starts when the one before it has ended.
        foreach (var stage in budgeted.GroupBy(ManagedKinds.ApplyStage).OrderBy(stage => stage.Key))
        {
            await Task.WhenAll(stage.GroupBy(change => ManagedKinds.Of(change.Kind).Writer).Select(stream =>
                ApplyStreamAsync(stream.Key, [.. stream], guard, options, outcomes, cancellationToken)));
        }

        return new ApplyResult([.. plan.Changes.Select(change => outcomes[change])], guard.Stopped);
    }

    /// <summary>
    /// One writer's changes of one stage, in plan order: creates and updates one call each, or one call for the changes
    /// that share a <see cref="KindWriter.WriteTogetherKey"/>; deletes in batches of their kind's
    /// <see cref="ManagedKind.DeleteBatchSize"/>; then the writer reads back what it wrote.
    /// </summary>
    private async Task ApplyStreamAsync(
        KindWriter writer,
        IReadOnlyList<PlannedChange> changes,
        ApplyGuard guard,
        ApplyOptions options,
        Dictionary<PlannedChange, ChangeOutcome> outcomes,
        CancellationToken cancellationToken)
    {
        var deletes = changes.Where(change => change.Action == ChangeAction.Delete)
            .GroupBy(change => change.Kind)
            .SelectMany(kind => kind.Chunk(ManagedKinds.Of(kind.Key).DeleteBatchSize));
        var writes = changes.Where(change => change.Action != ChangeAction.Delete).ToList();
        await ApplyPhaseAsync(writer, [.. Calls(writer, writes), .. deletes], guard, options, outcomes, cancellationToken);

        List<PlannedChange> written;
        lock (outcomes)
        {
            written = [.. writes.Where(change => outcomes.TryGetValue(change, out var outcome) && outcome.Status == ChangeStatus.Applied)];
        }

        if (written.Count > 0)
        {
            await writer.ReadBackAsync(
                written,
                aws,
                () => cancellationToken.IsCancellationRequested || time.GetUtcNow() >= options.Deadline,
                (change, note) =>
                {
                    lock (outcomes)
                    {
                        var outcome = outcomes[change];
                        outcomes[change] = outcome with { Message = outcome.Message is null ? note : $"{outcome.Message}; {note}" };
                    }
                },
                cancellationToken);
        }
    }

    /// <summary>The writes' calls in plan order (a combined call stands where its first change stood).</summary>
    private static List<List<PlannedChange>> Calls(KindWriter writer, IEnumerable<PlannedChange> changes)
    {
        var calls = new List<List<PlannedChange>>();
        var byKey = new Dictionary<string, List<PlannedChange>>(StringComparer.Ordinal);
        foreach (var change in changes)
        {
            if (writer.WriteTogetherKey(change) is { } key)
            {
                if (byKey.TryGetValue(key, out var call))
                {
                    call.Add(change);
                    continue;
                }

                byKey[key] = call = [];
                call.Add(change);
                calls.Add(call);
                continue;
            }

            calls.Add([change]);
        }

        return calls;
    }

    private async Task ApplyPhaseAsync(
        KindWriter writer,
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

            running.Add(RunAsync(writer, batch, guard, slots, cancellationToken));
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

    private async Task<IReadOnlyList<ChangeOutcome>> RunAsync(
        KindWriter writer, IReadOnlyList<PlannedChange> batch, ApplyGuard guard, SemaphoreSlim slots, CancellationToken cancellationToken)
    {
        try
        {
            return batch[0].Action == ChangeAction.Delete
                ? await writer.DeleteAsync(batch, aws, guard, cancellationToken)
                : await WriteAsync(writer, batch, guard, cancellationToken);
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

    /// <summary>One AWS call: a single change, or the changes a writer combines. They end the same way.</summary>
    private async Task<IReadOnlyList<ChangeOutcome>> WriteAsync(
        KindWriter writer, IReadOnlyList<PlannedChange> call, ApplyGuard guard, CancellationToken cancellationToken)
    {
        try
        {
            var detail = await writer.WriteTogetherAsync(call, aws, cancellationToken);
            guard.Finished(1, accountWideFailure: false);
            return [.. call.Select(change => new ChangeOutcome(change, ChangeStatus.Applied, null, detail))];
        }
        catch (AwsServiceException error)
        {
            var scope = FailureScopes.Of(error);
            guard.Finished(1, accountWideFailure: scope == FailureScope.Account);
            return
            [
                .. call.Select(change => scope == FailureScope.Busy
                    ? new ChangeOutcome(change, ChangeStatus.Pending, error.ErrorCode, writer.Busy(change, error))
                    : new ChangeOutcome(change, ChangeStatus.Failed, error.ErrorCode, writer.Refused(change, error))),
            ];
        }
    }

    private static IReadOnlyList<ChangeOutcome> Pending(IReadOnlyList<PlannedChange> batch, StopReason? reason) =>
        [.. batch.Select(change => new ChangeOutcome(change, ChangeStatus.Pending, null, PendingReason(reason)))];

    private static string PendingReason(StopReason? reason) => PendingReasons.For(reason);
}
