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
        foreach (var (function, wanted) in FieldAgreement.Wishes(context.Selections, s => s.Functions, p => p.Tracing.Lambda, f => f.Arn))
        {
            FieldAgreement.Record(
                FunctionTracingDiff.Diff(function.FunctionName, wanted, function.Tracing),
                ChangeKind.FunctionTracing,
                function.FunctionName,
                FunctionTracingDiff.Field,
                function.Arn,
                [.. wanted.Select(w => w.Policy)],
                () => new SetFunctionTracing(function.FunctionName, wanted[0].Value),
                fragment);
        }

        PublishedVersions.Assess(context.Selections, fragment.Notices, fragment.Book);
        return fragment.Build();
    }
}
