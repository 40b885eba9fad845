using System.Globalization;
using Reconciler.Planning;
using Reconciler.Policies;

namespace Reconciler.Kinds.TraceGroups;

/// <summary>
/// One X-Ray group per policy that asks for it (spec.tracing.group: true), named <see cref="XRayNaming.For"/>, whose
/// filter expression selects the policy's functions and stages. It follows the scope: a function that joins or leaves
/// updates the expression. Groups are created, updated and pruned only on a complete view: when the groups could not
/// be listed, a group's tags could not be read, or the policy's scope is incomplete, nothing is written and a notice
/// says why. A group tagged for a policy that is not loaded is never deleted.
/// </summary>
internal sealed class TraceGroupPlanning : IKindPlanning
{
    /// <inheritdoc />
    public PlanFragment Unobserved(PlanningContext context) => PlanFragment.Empty;

    /// <inheritdoc />
    public PlanFragment Plan(PlanningContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var fragment = new PlanFragmentBuilder();
        var observed = context.Observation.Slot<ObservedTraceGroups>();
        foreach (var selection in context.Selections)
        {
            PlanPolicy(selection, observed, context.Options, fragment);
        }

        if (observed.Listed)
        {
            fragment.Notices.AddRange(XRayOwnedObject.OfUnloadedPolicies(observed.ByName.Values.Select(group => (group.Name, group.Tags)), context, TraceGroupDiff.Words));
        }

        return fragment.Build();
    }

    private static void PlanPolicy(PolicySelection selection, ObservedTraceGroups observed, PlanningOptions options, PlanFragmentBuilder fragment)
    {
        var policy = selection.Policy;
        var wanted = policy.Section<TraceGroupSpec>().Wanted;
        var name = XRayNaming.For(options.Owner, policy.Name);
        var group = observed.ByName.GetValueOrDefault(name);
        if (!XRayOwnedObject.MayPlan(selection, wanted, observed.Listed, group is { Tags: null }, name, TraceGroupDiff.Words, "its filter expression would miss resources that were not seen", fragment.Notices))
        {
            return;
        }

        string? filter = null;
        if (wanted)
        {
            var (expression, leftOut) = TraceGroupFilter.For(selection.Functions, selection.Stages);
            if (expression is null)
            {
                fragment.Notices.Add(new PlanNotice(policy.Name, $"Policy {policy.Name} asks for an X-Ray group but selects no function or stage, so there is nothing for the group to show; {(group is null ? "none is created" : $"the group {name} is left as it is")}."));
                return;
            }

            if (leftOut > 0)
            {
                var total = selection.Functions.Count + selection.Stages.Count;
                fragment.Notices.Add(new PlanNotice(policy.Name, string.Create(CultureInfo.InvariantCulture, $"The X-Ray group {name} covers {total - leftOut} of the {total} functions and stages of policy {policy.Name}: one term per resource would make its filter expression longer than {TraceGroupFilter.MaxLength} characters (this project's budget; AWS documents no limit), so the last {leftOut} in name order (functions first, then stages) are left out of its service map. Split the policy to give each part a complete group.")));
            }

            filter = expression;
        }

        XRayOwnedObject.Record(
            TraceGroupDiff.Diff(name, filter, group, policy.Name, options.Owner),
            ChangeKind.TraceGroup,
            name,
            group?.Arn,
            policy,
            action => action switch
            {
                ChangeAction.Create => new CreateTraceGroup(name, filter!, XRayOwnedObject.Tags(options.Owner, policy.Name)),
                ChangeAction.Update => new UpdateTraceGroup(name, group!.Arn, filter!),
                _ => new DeleteTraceGroup(name, group!.Arn),
            },
            fragment);
    }
}
