using Reconciler.Planning;

namespace Reconciler.Kinds.Alarms;

/// <summary>PutMetricAlarm (create or update in place), then TagResource with the alarm's tags.</summary>
internal sealed record PutAlarm(AlarmDefinition Alarm) : ChangePayload;

/// <summary>DeleteAlarms of one owned alarm.</summary>
internal sealed record DeleteAlarm(string AlarmName) : ChangePayload;
