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
        foreach (var (stage, wanted) in FieldAgreement.Wishes(context.Selections, s => s.Stages, p => p.Tracing.ApiGateway, st => st.Arn))
        {
            FieldAgreement.Record(
                StageTracingDiff.Diff(stage.Label, wanted, stage.TracingEnabled),
                ChangeKind.StageTracing,
                stage.Label,
                StageTracingDiff.Field,
                stage.Arn,
                [.. wanted.Select(w => w.Policy)],
                () => new SetStageTracing(stage.RestApiId, stage.StageName, wanted[0].Value),
                fragment);
        }

        return fragment.Build();
    }
}
