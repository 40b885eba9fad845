using System.Text.RegularExpressions;
using Reconciler.Actuation;
using Reconciler.Aws;
using Reconciler.Discovery;
using Reconciler.Planning;

namespace Reconciler.Kinds.Alarms;

/// <summary>
/// Writes alarms with PutMetricAlarm (then their tags), deletes them in batches with DeleteAlarms, and reads written
/// ones back so a field CloudWatch stores otherwise than sent shows in the run that wrote it.
/// </summary>
internal sealed partial class AlarmWriter : KindWriter
{
    /// <summary>DescribeAlarms with AlarmNames takes at most this many names a call.</summary>
    private const int ReadBackBatchSize = 100;

    /// <inheritdoc />
    public override async Task<string?> WriteAsync(PlannedChange change, IAwsWriter aws, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(aws);
        var alarm = Put(change).Alarm;
        await aws.PutMetricAlarmAsync(AlarmMapping.ToRequest(alarm), cancellationToken);

        // PutMetricAlarm applies tags only when it creates the alarm. Whenever an existing one is written (an adopted
        // alarm, or one whose tags someone removed) the ownership tags are set again; updates are rare, so this is cheap.
        if (change.Action == ChangeAction.Update && change.ResourceArn is { } arn)
        {
            await aws.TagResourceAsync(arn, [.. alarm.Tags.Select(tag => new Tag(tag.Key, tag.Value))], cancellationToken);
        }

        return null;
    }

    /// <summary>
    /// Deletes a batch with one DeleteAlarms call. CloudWatch refuses the whole call when one alarm cannot go (a
    /// composite alarm depends on it), so a refusal that is not account-wide is narrowed down: the alarms the message
    /// names are set aside, otherwise the batch is halved until the blockers stand alone, and the rest is deleted.
    /// </summary>
    public override async Task<IReadOnlyList<ChangeOutcome>> DeleteAsync(
        IReadOnlyList<PlannedChange> batch, IAwsWriter aws, ApplyGuard guard, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(aws);
        ArgumentNullException.ThrowIfNull(guard);
        try
        {
            await aws.DeleteAlarmsAsync([.. batch.Select(NameOf)], cancellationToken);
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
                return [.. batch.Select(change => new ChangeOutcome(change, ChangeStatus.Failed, error.ErrorCode, Refused(change, error)))];
            }

            var named = BlockedByComposite(error);
            var blocked = batch.Where(change => named.Contains(NameOf(change))).ToList();
            if (blocked.Count > 0)
            {
                guard.Finished(blocked.Count, accountWideFailure: false);
                var outcomes = blocked.Select(change => new ChangeOutcome(change, ChangeStatus.Failed, error.ErrorCode, BlockedDelete(NameOf(change), error))).ToList();
                outcomes.AddRange(await DeleteRestAsync([.. batch.Except(blocked)], aws, guard, cancellationToken));
                return outcomes;
            }

            var half = batch.Count / 2;
            return [.. await DeleteRestAsync([.. batch.Take(half)], aws, guard, cancellationToken), .. await DeleteRestAsync([.. batch.Skip(half)], aws, guard, cancellationToken)];
        }
    }

    /// <summary>
    /// Reads the written alarms back (one DescribeAlarms per 100) and notes every field CloudWatch stored otherwise
    /// than it was sent: such a field would be planned again every run, and this shows it in the run that wrote it.
    /// A converged run writes no alarm, so it reads nothing here.
    /// </summary>
    public override async Task ReadBackAsync(
        IReadOnlyList<PlannedChange> written,
        IAwsWriter aws,
        Func<bool> outOfTime,
        Action<PlannedChange, string> note,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(written);
        ArgumentNullException.ThrowIfNull(aws);
        ArgumentNullException.ThrowIfNull(outOfTime);
        ArgumentNullException.ThrowIfNull(note);
        foreach (var chunk in written.Chunk(ReadBackBatchSize))
        {
            if (outOfTime())
            {
                return;
            }

            var stored = new Dictionary<string, AlarmDefinition>(StringComparer.Ordinal);
            try
            {
                var request = new DescribeAlarmsRequest(AlarmNames: [.. chunk.Select(change => Put(change).Alarm.AlarmName)], MaxRecords: ReadBackBatchSize);
                await foreach (var alarm in aws.DescribeAlarmsAsync(request, cancellationToken))
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
                if (!stored.TryGetValue(Put(change).Alarm.AlarmName, out var read)
                    || Diffing.Alarm(read, Put(change).Alarm) is not { Count: > 0 } diffs)
                {
                    continue;
                }

                note(change, string.Join("; ", diffs.Select(d => $"CloudWatch stored {d.Field} as {d.Before ?? "(none)"}, not {d.After ?? "(none)"} as sent"))
                    + "; the next run would write it again");
            }
        }
    }

    /// <inheritdoc />
    public override string Refused(PlannedChange change, AwsServiceException error)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(error);
        return change.Payload is DeleteAlarm delete && BlockedByComposite(error).Contains(delete.AlarmName)
            ? BlockedDelete(delete.AlarmName, error)
            : error.ErrorMessage;
    }

    /// <summary>
    /// The alarm names a DeleteAlarms refusal says composite alarms depend on ("Cannot delete a,b as there are
    /// composite alarm(s) depending on them."); empty when the error is not that refusal. AWS names the blocked
    /// alarms, not the composites.
    /// </summary>
    public static IReadOnlySet<string> BlockedByComposite(AwsServiceException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var match = CompositeDependency().Match(error.ErrorMessage);
        return match.Success
            ? match.Groups["names"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal)
            : new HashSet<string>(StringComparer.Ordinal);
    }

    /// <summary>The message of an alarm that a composite alarm keeps from being deleted.</summary>
    public static string BlockedDelete(string alarmName, AwsServiceException error) =>
        $"CloudWatch will not delete {alarmName}: a composite alarm's rule depends on it ({error.ErrorCode}: {error.ErrorMessage}). "
        + $"Find the composite with 'aws cloudwatch describe-alarms --alarm-types CompositeAlarm --parents-of-alarm-name {alarmName}', "
        + "take this alarm out of its AlarmRule or delete the composite; the next run deletes it.";

    private async Task<IReadOnlyList<ChangeOutcome>> DeleteRestAsync(
        IReadOnlyList<PlannedChange> batch, IAwsWriter aws, ApplyGuard guard, CancellationToken cancellationToken) =>
        batch.Count == 0 ? []
        : guard.TryStart(cancellationToken) ? await DeleteAsync(batch, aws, guard, cancellationToken)
        : [.. batch.Select(change => new ChangeOutcome(change, ChangeStatus.Pending, null, PendingReasons.For(guard.Stopped)))];

    // The kind plans only these payloads; anything else is a planning bug, never a write to guess at.
    private static PutAlarm Put(PlannedChange change) =>
        change.Payload as PutAlarm ?? throw new InvalidOperationException($"an alarm write carries {change.Payload.GetType().Name}, not PutAlarm");

    private static string NameOf(PlannedChange change) =>
        (change.Payload as DeleteAlarm ?? throw new InvalidOperationException($"an alarm delete carries {change.Payload.GetType().Name}, not DeleteAlarm")).AlarmName;

    [GeneratedRegex(@"^Cannot delete (?<names>.+?) as there are composite alarm\(s\) depending on (it|them)\.?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex CompositeDependency();
}
