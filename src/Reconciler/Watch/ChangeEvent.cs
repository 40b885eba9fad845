namespace Reconciler.Watch;

/// <summary>A resource a CloudTrail event says was touched.</summary>
internal abstract record TouchedResource;

/// <summary>A Lambda function, by name.</summary>
internal sealed record TouchedFunction(string FunctionName) : TouchedResource;

/// <summary>A REST API stage, or every stage of the API when <paramref name="StageName"/> is null.</summary>
internal sealed record TouchedStage(string RestApiId, string? StageName) : TouchedResource;

/// <summary>A CloudWatch alarm, by name.</summary>
internal sealed record TouchedAlarm(string AlarmName) : TouchedResource;

/// <summary>A CloudWatch dashboard, by name.</summary>
internal sealed record TouchedDashboard(string DashboardName) : TouchedResource;

/// <summary>A CloudWatch Logs log group, by name.</summary>
internal sealed record TouchedLogGroup(string LogGroupName) : TouchedResource;

/// <summary>
/// Who made a change, as CloudTrail's userIdentity records it: the principal's ARN and, for a role session, the role
/// (sessionContext.sessionIssuer.arn).
/// </summary>
internal sealed record ChangeAuthor(string? Type, string? Arn, string? SessionIssuerArn);

/// <summary>
/// One CloudTrail management event as EventBridge delivered it, reduced to what a watch run needs.
/// </summary>
/// <param name="Id">EventBridge's event id (unique per delivered event; a retried delivery keeps it).</param>
/// <param name="CloudTrailEventId">CloudTrail's eventID of the API call.</param>
/// <param name="EventName">CloudTrail's eventName as recorded ("UpdateFunctionConfiguration20150331v2").</param>
/// <param name="EventTime">When the call was made (eventTime).</param>
/// <param name="Region">The Region of the call (awsRegion).</param>
/// <param name="ErrorCode">CloudTrail's errorCode when the call failed (then it changed nothing).</param>
internal sealed record ChangeEvent(
    string Id,
    string? CloudTrailEventId,
    string EventName,
    WatchedEvent Watched,
    DateTimeOffset? EventTime,
    string? Region,
    ChangeAuthor Author,
    IReadOnlyList<TouchedResource> Touched,
    string? ErrorCode);
