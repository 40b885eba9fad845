using Reconciler.Planning;
using Reconciler.Policies;

namespace Reconciler.Kinds.FunctionTracing;

/// <summary>UpdateFunctionConfiguration with TracingConfig.Mode.</summary>
internal sealed record SetFunctionTracing(string FunctionName, LambdaTracingMode Mode) : ChangePayload;
