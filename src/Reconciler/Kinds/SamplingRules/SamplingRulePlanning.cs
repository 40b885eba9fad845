using Reconciler.Aws;
using Reconciler.Planning;
using Reconciler.Policies;

namespace Reconciler.Kinds.SamplingRules;

/// <summary>
/// One X-Ray sampling rule per policy with spec.tracing.sampling, named <see cref="XRayNaming.For"/>, matching the
/// policy's REST API stages (<see cref="SamplingRuleMatch"/>). Like X-Ray groups, rules are written only on a complete
/// view, and a rule tagged for a policy that is not loaded is never deleted.
/// </summary>
internal sealed class SamplingRulePlanning : IKindPlanning
{
    /// <inheritdoc />
    public PlanFragment Unobserved(PlanningContext context) => PlanFragment.Empty;

    /// <inheritdoc />
    public PlanFragment Plan(PlanningContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var fragment = new PlanFragmentBuilder();
        var observed = context.Observation.Slot<ObservedSamplingRules>();
        foreach (var selection in context.Selections)
        {
            var others = context.Selections.Where(other => other.Policy.Name != selection.Policy.Name).SelectMany(other => other.Stages);
            PlanPolicy(selection, others, observed, context.Options, fragment);
        }

        if (observed.Listed)
        {
            fragment.Notices.AddRange(XRayOwnedObject.OfUnloadedPolicies(observed.ByName.Values.Select(rule => (rule.Rule.RuleName, rule.Tags)), context, SamplingRuleDiff.Words));
        }

        return fragment.Build();
    }

    private static void PlanPolicy(PolicySelection selection, IEnumerable<ObservedStage> othersStages, ObservedSamplingRules observed, PlanningOptions options, PlanFragmentBuilder fragment)
    {
        var policy = selection.Policy;
        var spec = policy.Section<SamplingSpec>();
        var name = XRayNaming.For(options.Owner, policy.Name);
        var rule = observed.ByName.GetValueOrDefault(name);
        if (!XRayOwnedObject.MayPlan(selection, spec.Wanted, observed.Listed, rule is { Tags: null }, name, SamplingRuleDiff.Words, "the stages it should match are not all known", fragment.Notices))
        {
            return;
        }

        XRaySamplingRule? desired = null;
        if (spec.Wanted)
        {
            var (pattern, refusal) = SamplingRuleMatch.For(selection.Stages, othersStages);
            if (pattern is null)
            {
                fragment.Notices.Add(new PlanNotice(policy.Name, $"Policy {policy.Name} gets no X-Ray sampling rule: {refusal}.{(rule is null ? string.Empty : $" The existing rule {name} is left as it is.")}"));
                return;
            }

            desired = SamplingRuleDiff.Desired(name, spec.FixedRate, spec.ReservoirSize, spec.Priority, pattern);
        }

        XRayOwnedObject.Record(
            SamplingRuleDiff.Diff(name, desired, rule, policy.Name, options.Owner),
            ChangeKind.SamplingRule,
            name,
            rule?.Rule.RuleArn,
            policy,
            action => action switch
            {
                ChangeAction.Create => new CreateSamplingRule(desired!, XRayOwnedObject.Tags(options.Owner, policy.Name)),
                ChangeAction.Update => new UpdateSamplingRule(desired!),
                _ => new DeleteSamplingRule(name),
            },
            fragment);
    }
}
