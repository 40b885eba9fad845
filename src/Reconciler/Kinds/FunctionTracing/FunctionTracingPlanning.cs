using Reconciler.Planning;
using Reconciler.Policies;

namespace Reconciler.Kinds.FunctionTracing;

/// <summary>
/// Lambda TracingConfig.Mode per function, gathered over every policy that selects it (see
/// <see cref="TracingAgreement"/>), and what no write can fix: aliases serving published versions traced otherwise
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
            var wanted = wishes.Select(w => (w.Policy, Value: w.Mode.ToString())).ToList();
            if (TracingAgreement.Disagree(ChangeKind.FunctionTracing, function.FunctionName, "tracing", wanted, function.Arn, fragment))
            {
                continue;
            }

            var mode = wishes.First().Mode;
            var fields = Diffing.FunctionTracing(function.Tracing, mode);
            if (fields.Count > 0)
            {
                var owner = TracingAgreement.Attribution(wanted);
                fragment.Changes.Add(new PlannedChange(
                    owner.Name, ChangeKind.FunctionTracing, ChangeAction.Update, function.FunctionName, function.Arn,
                    fields, new SetFunctionTracing(function.FunctionName, mode), owner.Mode == PolicyMode.Enforce));
                TracingAgreement.MarkDrifted(wanted, function.Arn, fields, fragment.Book);
            }
        }

        PublishedVersions.Assess(context.Selections, fragment.Notices, fragment.Book);
        return fragment.Build();
    }
}
