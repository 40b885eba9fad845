using Reconciler.Aws;
using Reconciler.Kinds.SamplingRules;
using Reconciler.Planning;
using Reconciler.Policies;
using Reconciler.Reporting;
using Reconciler.Tests.Kinds.TraceGroups;
using static Reconciler.Tests.Planning.PlanningFixtures;

namespace Reconciler.Tests.Kinds.SamplingRules;

/// <summary>The sampling rule kind through the whole planner.</summary>
public class SamplingRulePlanningTests
{
    private const string RuleName = "reconciler-project-management";

    private static ObservabilityPolicy SamplingPolicy(SamplingSpec? spec = null) =>
        TracingOnly(PolicyName, null, true).WithSection(spec ?? new SamplingSpec(true, 0.05, 1, 9000));

    private static Observation Listed(Observation observation, params ObservedSamplingRule[] rules) =>
        observation.WithSlot(new ObservedSamplingRules(true, rules.ToDictionary(r => r.Rule.RuleName, StringComparer.Ordinal)));

    [Fact]
    public void CreatePlan_PolicyWithSampling_CreatesATaggedRuleForItsStages()
    {
        var plan = Planner.CreatePlan([SamplingPolicy()], Listed(Observe()), Options);

        var change = Assert.Single(plan.Changes, c => c.Kind == ChangeKind.SamplingRule);
        var create = Assert.IsType<CreateSamplingRule>(change.Payload);
        Assert.Equal(new XRaySamplingRule(RuleName, null, "*", 9000, 0.05, 1, "ProjectManagementAPI/*", "AWS::ApiGateway::Stage", "*", "*", "*"), create.Rule);
        Assert.Contains(create.Tags, tag => tag.Key == OwnershipMarker.PolicyTagKey && tag.Value == PolicyName);
        Assert.Contains($"  + sampling rule {RuleName}", PlanTextRenderer.Render(plan), StringComparison.Ordinal);
    }

    [Fact]
    public void CreatePlan_RuleWithTheNameTaggedForAnotherPolicy_IsAConflictAndUntouched()
    {
        var drifted = SamplingRuleDiff.Desired(RuleName, 0.5, 1, 9000, "ProjectManagementAPI/*") with { RuleArn = "arn:rule" };

        var plan = Planner.CreatePlan([SamplingPolicy()], Listed(Observe(), new ObservedSamplingRule(drifted, TraceGroupDiffTests.Tags("ours"))), Options);

        Assert.DoesNotContain(plan.Changes, c => c.Kind == ChangeKind.SamplingRule);
        Assert.Contains(plan.Conflicts, c => c.Target == RuleName);
    }

    [Fact]
    public void CreatePlan_OwnedRuleDrifted_UpdatesOnlyThatMember()
    {
        var drifted = SamplingRuleDiff.Desired(RuleName, 0.5, 1, 9000, "ProjectManagementAPI/*") with { RuleArn = "arn:rule" };
        var tags = OwnTags();

        var change = Assert.Single(Planner.CreatePlan([SamplingPolicy()], Listed(Observe(), new ObservedSamplingRule(drifted, tags)), Options).Changes, c => c.Kind == ChangeKind.SamplingRule);

        Assert.Equal(ChangeAction.Update, change.Action);
        Assert.Equal("fixedRate", Assert.Single(change.Fields).Field);
        Assert.Equal(0.05, Assert.IsType<UpdateSamplingRule>(change.Payload).Rule.FixedRate);
    }

    [Fact]
    public void CreatePlan_SamplingRemovedFromThePolicy_DeletesTheOwnedRule()
    {
        var owned = SamplingRuleDiff.Desired(RuleName, 0.05, 1, 9000, "ProjectManagementAPI/*") with { RuleArn = "arn:rule" };

        var change = Assert.Single(Planner.CreatePlan([TracingOnly(PolicyName, null, true)], Listed(Observe(), new ObservedSamplingRule(owned, OwnTags())), Options).Changes, c => c.Kind == ChangeKind.SamplingRule);

        Assert.Equal((ChangeAction.Delete, (ChangePayload)new DeleteSamplingRule(RuleName)), (change.Action, change.Payload));
    }

    [Fact]
    public void CreatePlan_StagesShareNoPattern_WritesNoRuleAndSaysWhy()
    {
        var observation = Listed(Observe([Scope(stages: [Stage("orders", "prod", restApiId: "ordersapi1"), Stage("billing", "prod", restApiId: "billingap1")])]));

        var plan = Planner.CreatePlan([SamplingPolicy()], observation, Options);

        Assert.DoesNotContain(plan.Changes, c => c.Kind == ChangeKind.SamplingRule);
        Assert.Contains(plan.Notices, n => n.Message.StartsWith($"Policy {PolicyName} gets no X-Ray sampling rule: its stages (billing/prod, orders/prod) share no common start", StringComparison.Ordinal));
    }

    private static Dictionary<string, string> OwnTags() => new()
    {
        [OwnershipMarker.ManagedByTagKey] = OwnershipMarker.ManagerName,
        [OwnershipMarker.OwnerTagKey] = "reconciler",
        [OwnershipMarker.PolicyTagKey] = PolicyName,
    };
}
