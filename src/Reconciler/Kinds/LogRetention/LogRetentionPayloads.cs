using Reconciler.Planning;

namespace Reconciler.Kinds.LogRetention;

/// <summary>
/// CreateLogGroup with the ownership tags, then PutRetentionPolicy: a selected function's log group that does not
/// exist yet, created before the function's first log line so that line is already under retention.
/// </summary>
internal sealed record CreateLogGroup(string LogGroupName, int RetentionDays, IReadOnlyList<ResourceTag> Tags) : ChangePayload;

/// <summary>PutRetentionPolicy on an existing log group.</summary>
internal sealed record SetLogRetention(string LogGroupName, int RetentionDays) : ChangePayload;
