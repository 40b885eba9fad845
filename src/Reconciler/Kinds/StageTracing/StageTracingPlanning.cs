using Reconciler.Planning;
using Reconciler.Policies;

namespace Reconciler.Kinds.StageTracing;

/// <summary>tracingEnabled per REST API stage, gathered over every policy that selects it (see <see cref="TracingAgreement"/>).</summary>
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
            var wanted = wishes.Select(w => (w.Policy, Value: FieldFormat.Boolean(w.Enabled))).ToList();
            if (TracingAgreement.Disagree(ChangeKind.StageTracing, stage.Label, "tracingEnabled", wanted, stage.Arn, fragment))
            {
                continue;
            }

            var enabled = wishes.First().Enabled;
            var fields = Diffing.StageTracing(stage.TracingEnabled, enabled);
            if (fields.Count > 0)
            {
                var owner = TracingAgreement.Attribution(wanted);
                fragment.Changes.Add(new PlannedChange(
                    owner.Name, ChangeKind.StageTracing, ChangeAction.Update, stage.Label, stage.Arn,
                    fields, new SetStageTracing(stage.RestApiId, stage.StageName, enabled), owner.Mode == PolicyMode.Enforce));
                TracingAgreement.MarkDrifted(wanted, stage.Arn, fields, fragment.Book);
            }
        }

        return fragment.Build();
    }
}
