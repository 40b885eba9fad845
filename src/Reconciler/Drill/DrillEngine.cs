using Reconciler.Aws;

namespace Reconciler.Drill;

/// <summary>
/// Fires alarms and proves their actions ran: for each alarm, SetAlarmState ALARM with a reason naming the drill,
/// then DescribeAlarmHistory (HistoryItemType Action, since the drill started) every poll interval until each ALARM
/// action has an item or the timeout passes, then SetAlarmState back to the state it was in. Alarms run side by side,
/// at most <see cref="DrillOptions.MaxConcurrentAlarms"/> at a time; the client's rate limiter keeps the calls within
/// SetAlarmState's and DescribeAlarmHistory's quotas. Time comes from <paramref name="time"/>, so tests can run it on
/// a fake clock. AWS refusals become outcomes, never exceptions; only a programming error throws.
/// </summary>
internal sealed class DrillEngine(IAlarmStateClient cloudWatch, TimeProvider time, DrillOptions options)
{
    /// <summary>The drill's reason for ALARM: it says that no one needs to act, and names the run.</summary>
    public static string FireReason(string runId) =>
        $"Drill {runId} by observability-reconciler: this alarm was set to ALARM on purpose to prove its notifications are delivered. No action is needed; its state is restored in a moment.";

    /// <summary>The reason for the restored state.</summary>
    public static string RestoreReason(string runId) =>
        $"Drill {runId} is over: the state from before the drill is restored. The alarm's next evaluation sets its real state.";

    /// <summary>
    /// Drills every target and returns them sorted by name. Cancelling <paramref name="cancellationToken"/> stops
    /// the waiting (the open actions become unknown), but every alarm that was fired is still restored.
    /// </summary>
    /// <param name="startedAt">The drill's start: the history is read from here on (to the second, rounded down).</param>
    /// <param name="witness">With --verify-delivery, what the drill's queue received; else null.</param>
    public async Task<IReadOnlyList<DrilledAlarm>> RunAsync(
        IReadOnlyList<DrillTarget> targets, string runId, DateTimeOffset startedAt, IDeliveryWitness? witness, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(targets);
        using var slots = new SemaphoreSlim(Math.Max(1, options.MaxConcurrentAlarms));
        var since = new DateTimeOffset(startedAt.UtcTicks - (startedAt.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        var drills = targets.Select(async target =>
        {
            try
            {
                await slots.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return NotFired(target, "the drill was interrupted before this alarm was fired; it was not changed");
            }

            try
            {
                return await DrillAsync(target, runId, since, witness, cancellationToken);
            }
            finally
            {
                slots.Release();
            }
        }).ToList();
        var drilled = await Task.WhenAll(drills);
        return [.. drilled.OrderBy(alarm => alarm.AlarmName, StringComparer.Ordinal)];
    }

    private async Task<DrilledAlarm> DrillAsync(DrillTarget target, string runId, DateTimeOffset since, IDeliveryWitness? witness, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return NotFired(target, "the drill was interrupted before this alarm was fired; it was not changed");
        }

        try
        {
            await cloudWatch.SetAlarmStateAsync(target.AlarmName, "ALARM", FireReason(runId), cancellationToken);
        }
        catch (AwsServiceException error)
        {
            return NotFired(target, $"SetAlarmState ALARM was refused ({error.ErrorCode}: {error.ErrorMessage}); the alarm was not changed");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The call may have reached CloudWatch: restore to be safe.
            var restoredEarly = await RestoreAsync(target, runId);
            return new DrilledAlarm(target.AlarmName, target.PolicyName, target.PreviousState, restoredEarly.State, restoredEarly.Error,
                [.. target.AlarmActions.Select(arn => new DrillAction(arn, ActionOutcome.Unknown, "the drill was interrupted while firing the alarm"))]);
        }

        var actions = await AwaitActionsAsync(target, since, witness, cancellationToken);
        var restored = await RestoreAsync(target, runId);
        return new DrilledAlarm(target.AlarmName, target.PolicyName, target.PreviousState, restored.State, restored.Error, actions);
    }

    private async Task<IReadOnlyList<DrillAction>> AwaitActionsAsync(DrillTarget target, DateTimeOffset since, IDeliveryWitness? witness, CancellationToken cancellationToken)
    {
        var firedAt = time.GetTimestamp();
        var verdicts = new Dictionary<string, (ActionOutcome Outcome, string Detail)>(StringComparer.Ordinal);
        var arrived = new HashSet<string>(StringComparer.Ordinal);
        string? lastReadError = null;
        var interrupted = false;
        while (!Settled(target, verdicts, arrived, witness))
        {
            var left = options.Timeout - time.GetElapsedTime(firedAt);
            if (left <= TimeSpan.Zero)
            {
                break;
            }

            try
            {
                await Task.Delay(left < options.PollInterval ? left : options.PollInterval, time, cancellationToken);
                lastReadError = await ReadAsync(target, since, verdicts, cancellationToken);
                if (witness is not null)
                {
                    foreach (var (arn, _) in verdicts.Where(v => v.Value.Outcome == ActionOutcome.Delivered && !arrived.Contains(v.Key)).ToList())
                    {
                        if (await witness.HasArrivedAsync(target.AlarmName, arn, cancellationToken))
                        {
                            arrived.Add(arn);
                        }
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                interrupted = true;
                break;
            }
        }

        var waited = (int)Math.Round(time.GetElapsedTime(firedAt).TotalSeconds);
        return [.. target.AlarmActions.Select(arn => Conclude(arn, verdicts, arrived, witness, interrupted, waited, lastReadError))];
    }

    private async Task<string?> ReadAsync(DrillTarget target, DateTimeOffset since, Dictionary<string, (ActionOutcome, string)> verdicts, CancellationToken cancellationToken)
    {
        var items = new List<AlarmHistoryItem>();
        try
        {
            await foreach (var item in cloudWatch.DescribeAlarmHistoryAsync(new DescribeAlarmHistoryRequest(target.AlarmName, "Action", since, ScanBy: "TimestampAscending"), cancellationToken))
            {
                items.Add(item);
            }
        }
        catch (AwsServiceException error)
        {
            return $"DescribeAlarmHistory failed ({error.ErrorCode}: {error.ErrorMessage})";
        }

        foreach (var (arn, verdict) in ActionHistory.Judge(items, target.AlarmActions))
        {
            verdicts.TryAdd(arn, verdict);
        }

        return null;
    }

    private static bool Settled(DrillTarget target, Dictionary<string, (ActionOutcome Outcome, string)> verdicts, HashSet<string> arrived, IDeliveryWitness? witness) =>
        target.AlarmActions.All(arn => verdicts.TryGetValue(arn, out var verdict)
            && (witness is null || verdict.Outcome != ActionOutcome.Delivered || arrived.Contains(arn)));

    private DrillAction Conclude(
        string arn,
        Dictionary<string, (ActionOutcome Outcome, string Detail)> verdicts,
        HashSet<string> arrived,
        IDeliveryWitness? witness,
        bool interrupted,
        int waited,
        string? lastReadError)
    {
        var why = interrupted ? "the drill was interrupted before CloudWatch recorded this action"
            : lastReadError is not null ? $"no Action history item within {waited} s; the last read: {lastReadError}"
            : $"CloudWatch recorded no Action history item for it within {waited} s (--timeout {(int)options.Timeout.TotalSeconds})";
        if (!verdicts.TryGetValue(arn, out var verdict))
        {
            return new DrillAction(arn, ActionOutcome.Unknown, why);
        }

        if (verdict.Outcome == ActionOutcome.Failed)
        {
            return new DrillAction(arn, ActionOutcome.Failed, verdict.Detail, DrillRemedies.For(verdict.Detail), witness is null ? null : false);
        }

        if (witness is null)
        {
            return new DrillAction(arn, ActionOutcome.Delivered, verdict.Detail);
        }

        return arrived.Contains(arn)
            ? new DrillAction(arn, ActionOutcome.Delivered, verdict.Detail + "; the message arrived at the drill's queue", MessageReceived: true)
            : new DrillAction(
                arn,
                ActionOutcome.Unknown,
                $"{verdict.Detail}, but the message did not arrive at the drill's queue {(interrupted ? "before the drill was interrupted" : $"within {waited} s")}",
                MessageReceived: false);
    }

    // Always runs, also after Ctrl-C: an alarm left in ALARM by a drill would page again on its next transition.
    private async Task<(string? State, string? Error)> RestoreAsync(DrillTarget target, string runId)
    {
        try
        {
            await cloudWatch.SetAlarmStateAsync(target.AlarmName, target.PreviousState, RestoreReason(runId), CancellationToken.None);
            return (target.PreviousState, null);
        }
        catch (AwsServiceException error)
        {
            return (null, $"could not set it back to {target.PreviousState} ({error.ErrorCode}: {error.ErrorMessage}); its next evaluation sets its real state, or run: aws cloudwatch set-alarm-state --alarm-name {target.AlarmName} --state-value {target.PreviousState} --state-reason \"drill over\"");
        }
    }

    private static DrilledAlarm NotFired(DrillTarget target, string why) =>
        new(target.AlarmName, target.PolicyName, target.PreviousState, target.PreviousState, why,
            [.. target.AlarmActions.Select(arn => new DrillAction(arn, ActionOutcome.Unknown, why))]);
}
