using Reconciler.Planning;
using Reconciler.Policies;

namespace Reconciler.Kinds.StageTracing;

/// <summary>
/// How a stage's tracing is diffed: what every policy selecting it wants against its observed tracingEnabled. A stage
/// always exists and is never the reconciler's to delete, so the result is an update, in sync, or a
/// <see cref="ConflictKind.PoliciesDisagree"/> conflict when the policies want different values.
/// </summary>
internal static class StageTracingDiff
{
    /// <summary>The field a stage's tracing change names.</summary>
    public const string Field = "tracingEnabled";

    /// <summary>The diff of the stage <paramref name="label"/> ("api/stage"); <paramref name="wanted"/> has at least one wish.</summary>
    public static KindDiff Diff(
        string label,
        IReadOnlyList<(ObservabilityPolicy Policy, bool Enabled)> wanted,
        bool observed) =>
        FieldAgreement.Diff(label, Field, wanted, observed, FieldFormat.Boolean);
}
