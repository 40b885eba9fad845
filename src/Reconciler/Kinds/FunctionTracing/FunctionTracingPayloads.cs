using Reconciler.Planning;
using Reconciler.Policies;

namespace Reconciler.Kinds.FunctionTracing;

/// <summary>UpdateFunctionConfiguration with TracingConfig.Mode.</summary>
public sealed record SetFunctionTracing(string FunctionName, LambdaTracingMode Mode) : ChangePayload;
