using Reconciler.Planning;
using Reconciler.Reconciliation;

namespace Reconciler.IntegrationTests.Faults;

/// <summary>Checks that one run accounted for every planned change, in its outcomes and in its report.</summary>
internal static class RunAccounting
{
    /// <summary>
    /// Every planned change has exactly one outcome (Applied, Failed, Skipped or Pending), and the report's change
    /// counts add up to the plan's change count and agree with the outcomes.
    /// </summary>
    public static void AssertEveryChangeAccountedFor(ReconcileResult result, string context)
    {
        var apply = result.Apply ?? throw new Xunit.Sdk.XunitException($"{context}: the run did not apply.");
        Assert.True(
            apply.Outcomes.Count == result.Plan.Changes.Count,
            $"{context}: {result.Plan.Changes.Count} planned changes but {apply.Outcomes.Count} outcomes.");
        var planned = result.Plan.Changes.ToHashSet(ReferenceEqualityComparer.Instance);
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        foreach (var outcome in apply.Outcomes)
        {
            Assert.True(planned.Contains(outcome.Change), $"{context}: an outcome for {outcome.Change.Target} that was never planned.");
            Assert.True(seen.Add(outcome.Change), $"{context}: {outcome.Change.Kind} {outcome.Change.Target} has more than one outcome.");
        }

        var counts = result.Report.Summary.Changes;
        Assert.True(
            counts.Total == result.Plan.Changes.Count,
            $"{context}: the report counts {counts.Total} changes, the plan has {result.Plan.Changes.Count}.");
        Assert.Equal(counts.Total, counts.Applied + counts.Failed + counts.Pending + counts.Skipped + counts.Planned);
        Assert.Equal(Count(apply, ChangeStatus.Applied), counts.Applied);
        Assert.Equal(Count(apply, ChangeStatus.Failed), counts.Failed);
        Assert.Equal(Count(apply, ChangeStatus.Pending), counts.Pending);
        Assert.Equal(Count(apply, ChangeStatus.Skipped), counts.Skipped + counts.Planned);
    }

    public static int Count(ApplyResult apply, ChangeStatus status) => apply.Outcomes.Count(outcome => outcome.Status == status);
}
