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
        LambdaTracingMode observed)
    {
        ArgumentOutOfRangeException.ThrowIfZero(wanted.Count);
        if (TracingAgreement.Disagreement(functionName, Field, wanted.Select(w => (w.Policy, w.Mode.ToString()))) is { } reason)
        {
            return new KindDiff.Conflict(ConflictKind.PoliciesDisagree, reason);
        }

        var desired = wanted[0].Mode;
        return desired == observed
            ? new KindDiff.InSync()
            : new KindDiff.Update([new FieldDiff(Field, observed.ToString(), desired.ToString())], Claim: null);
    }
}
