using Reconciler.Planning;
using Reconciler.Policies;

namespace Reconciler.Kinds.StageTracing;

/// <summary>
/// tracingEnabled per REST API stage, gathered over every policy that selects it and diffed by
/// <see cref="StageTracingDiff"/>.
/// </summary>
internal sealed class StageTracingPlanning : IKindPlanning
{
    /// <inheritdoc />
    public PlanFragment Unobserved(PlanningContext context) => PlanFragment.Empty;

    /// <inheritdoc />
    public PlanFragment Plan(PlanningContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var fragment = new PlanFragmentBuilder();
        var wishesByStage = context.Selections
            .Where(s => s.Policy.Tracing.ApiGateway is not null)
            .SelectMany(s => s.Stages.Select(st => (Resource: st, s.Policy, Enabled: s.Policy.Tracing.ApiGateway!.Value)))
            .GroupBy(w => w.Resource.Arn, StringComparer.Ordinal);

        foreach (var wishes in wishesByStage)
        {
            var stage = wishes.First().Resource;
            var wanted = wishes.Select(w => (w.Policy, w.Enabled)).ToList();
            var policies = wanted.Select(w => w.Policy).ToList();
            var diff = StageTracingDiff.Diff(stage.Label, wanted, stage.TracingEnabled);
            switch (diff)
            {
                case KindDiff.Conflict conflict:
                    TracingAgreement.AddConflict(
                        ChangeKind.StageTracing, stage.Label, StageTracingDiff.Field, conflict.Reason, policies, stage.Arn, fragment);
                    break;
                case KindDiff.Update update:
                    var owner = TracingAgreement.Attribution(policies);
                    fragment.Changes.Add(new PlannedChange(
                        owner.Name, ChangeKind.StageTracing, ChangeAction.Update, stage.Label, stage.Arn,
                        update.Fields, new SetStageTracing(stage.RestApiId, stage.StageName, wanted[0].Enabled), owner.Mode == PolicyMode.Enforce));
                    TracingAgreement.MarkDrifted(policies, stage.Arn, update.Fields, fragment.Book);
                    break;
                case KindDiff.InSync:
                    break;
                default:
                    throw new InvalidOperationException($"stage tracing plans no {diff.GetType().Name}");
            }
        }

        return fragment.Build();
    }
}
