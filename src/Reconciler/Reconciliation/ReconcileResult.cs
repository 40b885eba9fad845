using Reconciler.Planning;
using Reconciler.Reporting;

namespace Reconciler.Reconciliation;

/// <summary>Everything one run produced: the report people and machines read, and the plan and outcomes behind it.</summary>
internal sealed record ReconcileResult(RunReport Report, Plan Plan, ApplyResult? Apply, IReadOnlyList<RunError> Errors)
{
    /// <summary>True when some write failed or some part of the account could not be read.</summary>
    public bool HasFailures => Errors.Count > 0 || (Apply?.Outcomes.Any(outcome => outcome.Status == ChangeStatus.Failed) ?? false);

    /// <summary>What the run's read-only checks found (notification paths, trace arrival); also in <see cref="RunReport.Warnings"/>.</summary>
    public IReadOnlyList<Verification.RunWarning> Warnings { get; init; } = [];

    /// <summary>True when enforced work was left for the next run (deadline, change budget, error ratio).</summary>
    public bool HasPendingWork => Apply?.Outcomes.Any(outcome => outcome.Status == ChangeStatus.Pending) ?? false;
}
