using Reconciler.Planning;
using Reconciler.Policies;

namespace Reconciler.Kinds.FunctionTracing;

/// <summary>
/// How a function's tracing is diffed: what every policy selecting it wants against its observed TracingConfig.Mode.
/// A function always exists and is never the reconciler's to delete, so the result is an update, in sync, or a
/// <see cref="ConflictKind.PoliciesDisagree"/> conflict when the policies want different modes.
/// </summary>
internal static class FunctionTracingDiff
{
    /// <summary>The field a function's tracing change names.</summary>
    public const string Field = "tracing";

    /// <summary>The diff of <paramref name="functionName"/>'s tracing; <paramref name="wanted"/> has at least one wish.</summary>
    public static KindDiff Diff(
        string functionName,
        IReadOnlyList<(ObservabilityPolicy Policy, LambdaTracingMode Mode)> wanted,
        LambdaTracingMode observed) =>
        FieldAgreement.Diff(functionName, Field, wanted, observed, mode => mode.ToString());
}
