using Reconciler.Aws;
using Reconciler.Planning;

namespace Reconciler.Kinds.TraceGroups;

/// <summary>CreateGroup of a policy's X-Ray group, with the ownership tags.</summary>
internal sealed record CreateTraceGroup(string GroupName, string FilterExpression, IReadOnlyList<Tag> Tags) : ChangePayload;

/// <summary>UpdateGroup of an owned X-Ray group: its new filter expression.</summary>
internal sealed record UpdateTraceGroup(string GroupName, string GroupArn, string FilterExpression) : ChangePayload;

/// <summary>DeleteGroup of an owned X-Ray group no policy asks for any more.</summary>
internal sealed record DeleteTraceGroup(string GroupName, string GroupArn) : ChangePayload;
