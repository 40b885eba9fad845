using Reconciler.Verification;

namespace Reconciler.Drill;

/// <summary>What a drill found out about one alarm action.</summary>
internal enum ActionOutcome
{
    /// <summary>CloudWatch recorded "Successfully executed action" (and, with --verify-delivery, the message arrived).</summary>
    Delivered,

    /// <summary>CloudWatch recorded "Failed to execute action"; the detail is CloudWatch's error text.</summary>
    Failed,

    /// <summary>Nothing was recorded before the timeout, or the drill was interrupted, or the alarm could not be fired.</summary>
    Unknown,
}

/// <summary>One ALARM action of a drilled alarm.</summary>
/// <param name="ActionArn">The action's ARN (an SNS topic for the alarms the reconciler writes).</param>
/// <param name="Outcome">What the drill proved; null in a preview (nothing was fired).</param>
/// <param name="Detail">CloudWatch's words, or why the outcome is unknown; empty in a preview.</param>
/// <param name="Remedy">What to do about a failure, when its cause is known.</param>
/// <param name="MessageReceived">With --verify-delivery: whether the alarm's message reached the drill's queue.</param>
internal sealed record DrillAction(string ActionArn, ActionOutcome? Outcome, string Detail, string? Remedy = null, bool? MessageReceived = null);

/// <summary>A drilled (or, in a preview, a drillable) alarm.</summary>
/// <param name="AlarmName">The alarm.</param>
/// <param name="PolicyName">The policy whose ownership marker it carries.</param>
/// <param name="PreviousState">Its state before the drill (OK or INSUFFICIENT_DATA).</param>
/// <param name="RestoredState">The state it was set back to; null in a preview or when restoring failed.</param>
/// <param name="Error">Why the alarm could not be fired or restored, when it could not.</param>
/// <param name="Actions">Its ALARM actions, sorted by ARN.</param>
internal sealed record DrilledAlarm(
    string AlarmName,
    string PolicyName,
    string PreviousState,
    string? RestoredState,
    string? Error,
    IReadOnlyList<DrillAction> Actions);

/// <summary>An alarm a --alarm glob (or the owned-alarm prefix) matched that is not drilled, and why.</summary>
internal sealed record SkippedAlarm(string AlarmName, string Reason);

/// <summary>What --verify-delivery created, so a person can remove it if the process is killed.</summary>
/// <param name="QueueUrl">The temporary queue; null when it could not be created.</param>
/// <param name="Subscriptions">The temporary subscriptions' ARNs.</param>
/// <param name="CleanedUp">True when every one of them was removed again.</param>
/// <param name="Problems">What could not be set up or removed, one sentence each.</param>
internal sealed record DeliveryCheckResources(string? QueueUrl, IReadOnlyList<string> Subscriptions, bool CleanedUp, IReadOnlyList<string> Problems);

/// <summary>A drill, run or previewed.</summary>
/// <param name="RunId">The drill's id, also in every state reason it writes.</param>
/// <param name="Executed">False for a preview (no --yes): nothing was changed.</param>
/// <param name="Alarms">The drilled alarms, sorted by name.</param>
/// <param name="Skipped">Matched but not drilled, sorted by name.</param>
/// <param name="UnmatchedGlobs">--alarm globs that matched no alarm at all.</param>
/// <param name="Warnings">The notification-path check of the drilled topics (docs/notification-checks.md).</param>
/// <param name="Delivery">What --verify-delivery created; null without it.</param>
/// <param name="Interrupted">True when Ctrl-C (or the Lambda's deadline) cut the waiting short.</param>
internal sealed record DrillResult(
    string RunId,
    string Region,
    DateTimeOffset StartedAt,
    DateTimeOffset EndedAt,
    bool Executed,
    IReadOnlyList<DrilledAlarm> Alarms,
    IReadOnlyList<SkippedAlarm> Skipped,
    IReadOnlyList<string> UnmatchedGlobs,
    IReadOnlyList<RunWarning> Warnings,
    DeliveryCheckResources? Delivery,
    bool Interrupted = false)
{
    /// <summary>Every drilled action.</summary>
    public IEnumerable<DrillAction> Actions => Alarms.SelectMany(alarm => alarm.Actions);

    /// <summary>
    /// True when the drill ran, drilled at least one action, every action was delivered, every alarm was restored, and
    /// --verify-delivery (if asked for) cleaned up: exit code 0.
    /// </summary>
    public bool AllDelivered =>
        Executed
        && Actions.Any()
        && Actions.All(action => action.Outcome == ActionOutcome.Delivered)
        && Alarms.All(alarm => alarm.RestoredState is not null)
        && (Delivery is null || Delivery.CleanedUp);

    /// <summary>How many actions had <paramref name="outcome"/>.</summary>
    public int Count(ActionOutcome outcome) => Actions.Count(action => action.Outcome == outcome);
}
