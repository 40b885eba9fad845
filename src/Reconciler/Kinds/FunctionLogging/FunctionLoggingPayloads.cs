using Reconciler.Planning;

namespace Reconciler.Kinds.FunctionLogging;

/// <summary>
/// UpdateFunctionConfiguration with LoggingConfig: the members the policies manage, in Lambda's spelling ("JSON",
/// "INFO"); a null member is not sent, so Lambda keeps its value.
/// </summary>
internal sealed record SetFunctionLogging(string FunctionName, string? LogFormat, string? ApplicationLogLevel, string? SystemLogLevel) : ChangePayload;
