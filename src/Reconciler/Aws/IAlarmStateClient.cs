namespace Reconciler.Aws;

/// <summary>
/// The two CloudWatch calls `reconciler drill` makes: setting an alarm's state, and reading what CloudWatch did about
/// it. The drill engine takes only this, so its fakes implement only these.
/// </summary>
internal interface IAlarmStateClient
{
    /// <summary>
    /// SetAlarmState: puts the alarm into <paramref name="stateValue"/> (OK, ALARM or INSUFFICIENT_DATA) until its next
    /// evaluation; a change of state runs the actions of the new state, as a real transition does.
    /// </summary>
    Task SetAlarmStateAsync(string alarmName, string stateValue, string stateReason, CancellationToken cancellationToken);

    /// <summary>DescribeAlarmHistory, following every NextToken; items in the order CloudWatch returns them.</summary>
    IAsyncEnumerable<AlarmHistoryItem> DescribeAlarmHistoryAsync(DescribeAlarmHistoryRequest request, CancellationToken cancellationToken);
}

/// <summary>
/// DescribeAlarmHistory input. <see cref="HistoryItemType"/>: ConfigurationUpdate, StateUpdate or Action; null for all.
/// <see cref="ScanBy"/>: TimestampDescending (CloudWatch's default) or TimestampAscending.
/// </summary>
internal sealed record DescribeAlarmHistoryRequest(
    string? AlarmName,
    string? HistoryItemType,
    DateTimeOffset? StartDate,
    DateTimeOffset? EndDate = null,
    string? ScanBy = null,
    int MaxRecords = 100);

/// <summary>
/// One alarm history item. For an Action item, <see cref="HistorySummary"/> is "Successfully executed action &lt;arn&gt;"
/// or "Failed to execute action &lt;arn&gt;. Received error: …", and <see cref="HistoryData"/> a JSON object with
/// actionState (Succeeded or Failed), notificationResource (the ARN) and, for failures, error.
/// </summary>
internal sealed record AlarmHistoryItem(
    string AlarmName,
    DateTimeOffset? Timestamp,
    string HistoryItemType,
    string HistorySummary,
    string? HistoryData);
