using Reconciler.Planning;
using Reconciler.Policies;

namespace Reconciler.Kinds.FunctionTracing;

/// <summary>
/// Lambda TracingConfig.Mode per function, gathered over every policy that selects it and diffed by
/// <see cref="FunctionTracingDiff"/>, and what no write can fix: aliases serving published versions traced otherwise
/// (<see cref="PublishedVersions"/>).
/// </summary>
internal sealed class FunctionTracingPlanning : IKindPlanning
{
    /// <inheritdoc />
    public PlanFragment Unobserved(PlanningContext context) => PlanFragment.Empty;

    /// <inheritdoc />
    public PlanFragment Plan(PlanningContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var fragment = new PlanFragmentBuilder();
        var wishesByFunction = context.Selections
            .Where(s => s.Policy.Tracing.Lambda is not null)
            .SelectMany(s => s.Functions.Select(f => (Resource: f, s.Policy, Mode: s.Policy.Tracing.Lambda!.Value)))
            .GroupBy(w => w.Resource.Arn, StringComparer.Ordinal);

        foreach (var wishes in wishesByFunction)
        {
            var function = wishes.First().Resource;
            var wanted = wishes.Select(w => (w.Policy, w.Mode)).ToList();
            var policies = wanted.Select(w => w.Policy).ToList();
            var diff = FunctionTracingDiff.Diff(function.FunctionName, wanted, function.Tracing);
            switch (diff)
            {
                case KindDiff.Conflict conflict:
                    TracingAgreement.AddConflict(
                        ChangeKind.FunctionTracing, function.FunctionName, FunctionTracingDiff.Field, conflict.Reason,
                        policies, function.Arn, fragment);
                    break;
                case KindDiff.Update update:
                    var mode = wanted[0].Mode;
                    var owner = TracingAgreement.Attribution(policies);
                    fragment.Changes.Add(new PlannedChange(
                        owner.Name, ChangeKind.FunctionTracing, ChangeAction.Update, function.FunctionName, function.Arn,
                        update.Fields, new SetFunctionTracing(function.FunctionName, mode), owner.Mode == PolicyMode.Enforce));
                    TracingAgreement.MarkDrifted(policies, function.Arn, update.Fields, fragment.Book);
                    break;
                case KindDiff.InSync:
                    break;
                default:
                    throw new InvalidOperationException($"function tracing plans no {diff.GetType().Name}");
            }
        }

        PublishedVersions.Assess(context.Selections, fragment.Notices, fragment.Book);
        return fragment.Build();
    }
}
