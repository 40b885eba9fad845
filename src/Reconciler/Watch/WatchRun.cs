using Reconciler.Actuation;
using Reconciler.Aws;
using Reconciler.Planning;
using Reconciler.Reconciliation;
using Reconciler.Reporting;
using Reconciler.Telemetry;

namespace Reconciler.Watch;

/// <summary>One delivered message: its id (the SQS messageId, or the line number of an events file) and its body.</summary>
internal sealed record WatchMessage(string ItemId, string Body);

/// <summary>What became of one message.</summary>
internal enum WatchItemStatus
{
    /// <summary>Its resources were observed and reconciled (in sync, or corrected).</summary>
    Reconciled,

    /// <summary>Something it concerns failed or is left for later: it goes back to the queue.</summary>
    Failed,

    /// <summary>It needs no work (made by this reconciler, a failed call, another Region, nothing managed).</summary>
    Ignored,

    /// <summary>It could not be read; it goes back to the queue and, after a few tries, to the dead-letter queue.</summary>
    Unreadable,
}

/// <summary>One message's outcome, with the event it carried: who changed what, and when.</summary>
/// <param name="Policies">The policies it concerned (reconciled or failed items); empty otherwise.</param>
internal sealed record WatchItem(
    string ItemId,
    WatchItemStatus Status,
    string Detail,
    ChangeEvent? Event = null,
    IReadOnlyList<string>? Policies = null);

/// <summary>A watch run's outcome: each message's, and the reconcile it led to (null when no message needed one).</summary>
internal sealed record WatchResult(IReadOnlyList<WatchItem> Items, ReconcileResult? Reconcile)
{
    /// <summary>The messages to hand back to the queue (partial batch response).</summary>
    public IReadOnlyList<string> FailedItems =>
        [.. Items.Where(item => item.Status is WatchItemStatus.Failed or WatchItemStatus.Unreadable).Select(item => item.ItemId)];
}

/// <summary>
/// A watch run (docs/watch.md): reads a batch of CloudTrail events, drops those that need nothing (this reconciler's
/// own writes, failed calls, other Regions, duplicates), observes just what the rest touched, and reconciles it with
/// the ordinary planner, ownership proof and applier. One resource's failure fails only the messages that concern it.
/// </summary>
internal sealed class WatchRun(IAwsClients aws, string region, TimeProvider time, RunLogger log)
{
    /// <summary>Runs <paramref name="messages"/> as one batch under <paramref name="request"/> (apply, dry run, deadline, prefix).</summary>
    public async Task<WatchResult> RunAsync(IReadOnlyList<WatchMessage> messages, ReconcileRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(request);
        var items = new List<WatchItem>();
        var changes = new List<(WatchMessage Message, ChangeEvent Event)>();
        foreach (var message in messages)
        {
            switch (ChangeEventReader.Read(message.Body))
            {
                case EventReading.Change change:
                    changes.Add((message, change.Event));
                    break;
                case EventReading.Ignored ignored:
                    items.Add(new WatchItem(message.ItemId, WatchItemStatus.Ignored, ignored.Reason));
                    break;
                case EventReading.Unreadable unreadable:
                    log.Warning("Could not read message {ItemId}: {Reason}", message.ItemId, unreadable.Reason);
                    items.Add(new WatchItem(message.ItemId, WatchItemStatus.Unreadable, unreadable.Reason));
                    break;
            }
        }

        var self = changes.Count == 0 ? null : await OwnArnAsync(cancellationToken);
        var toRun = new List<(WatchMessage Message, ChangeEvent Event)>();
        var firstById = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (message, change) in changes)
        {
            if (IgnoreReason(change, self) is { } reason)
            {
                items.Add(new WatchItem(message.ItemId, WatchItemStatus.Ignored, reason, change));
                continue;
            }

            if (!firstById.TryAdd(DeduplicationKey(change), message.ItemId))
            {
                log.Information("Message {ItemId} repeats event {EventId} of message {First}; it is reconciled once", message.ItemId, change.Id, firstById[DeduplicationKey(change)]);
            }

            toRun.Add((message, change));
        }

        var unique = toRun.GroupBy(pair => DeduplicationKey(pair.Event)).Select(group => group.First().Event).ToList();
        var targets = WatchTargets.Of(unique, request.Policies, request.AlarmNamePrefix);
        var skipped = targets.Skipped.ToDictionary(pair => pair.Event.Id, pair => pair.Reason, StringComparer.Ordinal);
        if (targets.IsEmpty)
        {
            items.AddRange(toRun.Select(pair => new WatchItem(pair.Message.ItemId, WatchItemStatus.Ignored, skipped.GetValueOrDefault(pair.Event.Id) ?? "it names nothing this deployment manages", pair.Event)));
            var ordered = Ordered(items, messages);
            return new WatchResult(ordered, await UnreadableOnlyAsync(ordered, request, cancellationToken));
        }

        log.Information(
            "Watch batch: {Events} events to reconcile ({Functions} functions, {Stages} stages, {Whole} policies whole)",
            unique.Count, targets.Functions.Count, targets.Stages.Count, targets.WholePolicies.Count);
        FocusedObservation? focused = null;
        var result = await new ReconcileRun(aws, region, time, log).RunAsync(
            request,
            async (reader, ct) =>
            {
                focused = await new FocusedObservationCollector(reader, region, request.AlarmNamePrefix).CollectAsync(request.Policies, targets, ct);
                return (focused.Collected, focused.Focused);
            },
            cancellationToken);

        var failing = FailingPolicies(result);
        foreach (var (message, change) in toRun)
        {
            if (skipped.TryGetValue(change.Id, out var reason))
            {
                items.Add(new WatchItem(message.ItemId, WatchItemStatus.Ignored, reason, change));
                continue;
            }

            var concerned = Concerned(change, targets, focused);
            var failed = failing.Everything || concerned.Overlaps(failing.Policies);
            items.Add(new WatchItem(
                message.ItemId,
                failed ? WatchItemStatus.Failed : WatchItemStatus.Reconciled,
                failed
                    ? $"left for a retry: {(failing.Everything ? "part of the account could not be read" : "a change of policy " + string.Join(", ", concerned.Intersect(failing.Policies).Order(StringComparer.Ordinal)) + " failed or is pending")}"
                    : concerned.Count == 0 ? "no loaded policy selects what it touched" : $"reconciled for policy {string.Join(", ", concerned.Order(StringComparer.Ordinal))}",
                change,
                [.. concerned.Order(StringComparer.Ordinal)]));
        }

        var all = Ordered(items, messages);
        return new WatchResult(all, WatchReport.Attach(result, all));
    }

    /// <summary>
    /// A batch that reconciles nothing still reports the events it could not read (they go back to the queue and,
    /// after its last try, to the dead-letter queue): a report with no entries, its errors naming each one.
    /// </summary>
    private async Task<ReconcileResult?> UnreadableOnlyAsync(IReadOnlyList<WatchItem> items, ReconcileRequest request, CancellationToken cancellationToken)
    {
        if (!items.Any(item => item.Status == WatchItemStatus.Unreadable))
        {
            return null;
        }

        var startedAt = time.GetUtcNow();
        var callsBefore = aws.Counters.Snapshot();
        var account = await IdentityAsync(cancellationToken);
        var context = new RunContext(log.RunId, startedAt, time.GetUtcNow(), string.IsNullOrEmpty(account?.Account) ? "unknown" : account.Account, region, request.DryRun || !request.Apply);
        var empty = new Plan([], [], [], []);
        var report = RunReportBuilder.Build(context, request.Policies, empty, apply: null, ApiCallCounts.Since(aws.Counters.Snapshot(), callsBefore), []);
        return WatchReport.Attach(new ReconcileResult(report, empty, null, []), items);
    }

    /// <summary>Why an event needs no work, or null.</summary>
    internal string? IgnoreReason(ChangeEvent change, string? self)
    {
        if (change.ErrorCode is { } errorCode)
        {
            return $"the call failed ({errorCode}), so it changed nothing";
        }

        if (change.Region is { } eventRegion && eventRegion != region)
        {
            return $"it happened in {eventRegion}; this deployment reconciles {region}";
        }

        return self is not null && change.Author.Arn == self
            ? $"it was made by this reconciler ({self}); its own writes are never reconciled again"
            : null;
    }

    // EventBridge keeps an event's id when it delivers it again; CloudTrail's eventID names the call itself.
    private static string DeduplicationKey(ChangeEvent change) => change.CloudTrailEventId ?? change.Id;

    private async Task<string?> OwnArnAsync(CancellationToken cancellationToken) => (await IdentityAsync(cancellationToken))?.Arn;

    private async Task<CallerIdentity?> IdentityAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await aws.Sts.GetCallerIdentityAsync(cancellationToken);
        }
        catch (AwsServiceException error)
        {
            // Without it no event is dropped as the reconciler's own: reconciling an in-sync resource writes nothing.
            log.Warning("Could not identify this reconciler's own identity: {ErrorCode}: {Reason}; no event is skipped as its own", error.ErrorCode, error.ErrorMessage);
            return null;
        }
    }

    private static (bool Everything, HashSet<string> Policies) FailingPolicies(ReconcileResult result)
    {
        var policies = new HashSet<string>(StringComparer.Ordinal);
        var everything = false;
        foreach (var error in result.Errors)
        {
            if (error.PolicyName is { } policy)
            {
                policies.Add(policy);
            }
            else
            {
                everything = true;
            }
        }

        foreach (var outcome in result.Apply?.Outcomes ?? [])
        {
            if (outcome.Status is ChangeStatus.Failed or ChangeStatus.Pending)
            {
                policies.Add(outcome.Change.PolicyName);
            }
        }

        return (everything, policies);
    }

    private static HashSet<string> Concerned(ChangeEvent change, WatchTargets targets, FocusedObservation? focused)
    {
        var concerned = new HashSet<string>(StringComparer.Ordinal);
        concerned.UnionWith(targets.WholePolicies.Where(pair => pair.Value.Contains(change.Id)).Select(pair => pair.Key));
        foreach (var touched in change.Touched)
        {
            var key = touched is TouchedLogGroup logGroup && WatchTargets.LambdaLogGroup(logGroup.LogGroupName) is { } owner
                ? new TouchedFunction(owner)
                : touched;
            if (focused?.Concerned.GetValueOrDefault(key) is { } policies)
            {
                concerned.UnionWith(policies);
            }
        }

        return concerned;
    }

    private static List<WatchItem> Ordered(List<WatchItem> items, IReadOnlyList<WatchMessage> messages)
    {
        var position = messages.Select((message, index) => (message.ItemId, index)).GroupBy(pair => pair.ItemId).ToDictionary(group => group.Key, group => group.First().index, StringComparer.Ordinal);
        return [.. items.OrderBy(item => position.GetValueOrDefault(item.ItemId))];
    }
}
