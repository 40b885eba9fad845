using Reconciler.Planning;
using Reconciler.Policies;

namespace Reconciler.Kinds.FunctionLogging;

/// <summary>
/// Lambda LoggingConfig (format and levels) per function, gathered over every policy that selects it and manages some
/// member of it, and diffed by <see cref="FunctionLoggingDiff"/>. Only $LATEST can change: a published version keeps
/// the logging configuration it was published with.
/// </summary>
internal sealed class FunctionLoggingPlanning : IKindPlanning
{
    /// <inheritdoc />
    public PlanFragment Unobserved(PlanningContext context) => PlanFragment.Empty;

    /// <inheritdoc />
    public PlanFragment Plan(PlanningContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var fragment = new PlanFragmentBuilder();
        foreach (var (function, wanted) in FieldAgreement.Wishes(context.Selections, s => s.Functions, Managed, f => f.Arn))
        {
            var wishes = wanted.Select(w => (w.Policy, w.Policy.Section<LogsSpec>())).ToList();
            FieldAgreement.Record(
                FunctionLoggingDiff.Diff(function.FunctionName, wishes, function.Logging),
                ChangeKind.FunctionLogging,
                function.FunctionName,
                FunctionLoggingDiff.Field,
                function.Arn,
                [.. wanted.Select(w => w.Policy)],
                () => FunctionLoggingDiff.Payload(function.FunctionName, wishes),
                fragment);
        }

        return fragment.Build();
    }

    // Wishes gathers a value per policy; the diff reads each member from the policy itself.
    private static bool? Managed(ObservabilityPolicy policy) => policy.Section<LogsSpec>().ManagesLoggingConfig ? true : null;
}
