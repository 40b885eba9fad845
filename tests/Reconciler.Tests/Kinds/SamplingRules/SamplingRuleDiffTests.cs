using Reconciler.Aws;
using Reconciler.Kinds.SamplingRules;
using Reconciler.Tests.Kinds.TraceGroups;
using static Reconciler.Tests.Kinds.KindDiffText;

namespace Reconciler.Tests.Kinds.SamplingRules;

public class SamplingRuleDiffTests
{
    private const string Name = "reconciler-orders";

    private static readonly XRaySamplingRule Desired = SamplingRuleDiff.Desired(Name, 0.05, 1, 9000, "orders/prod");

    public static TheoryData<string, bool, string, string, string[]> Cases => new()
    {
        // observed: "-" none, "same", "drifted" (rate 1, priority 100); tags as in TraceGroupDiffTests.
        { "missing rule is created", true, "-", "-", ["create", "priority: (none) -> 9000", "fixedRate: (none) -> 0.05", "reservoirSize: (none) -> 1", "serviceName: (none) -> orders/prod", "serviceType: (none) -> AWS::ApiGateway::Stage", "resourceARN: (none) -> *", "host: (none) -> *", "httpMethod: (none) -> *", "urlPath: (none) -> *"] },
        { "owned rule in sync", true, "same", "ours", ["in sync"] },
        { "owned rule drifted is updated member by member", true, "drifted", "ours", ["update claim=none", "priority: 100 -> 9000", "fixedRate: 1 -> 0.05"] },
        { "owned rule no longer wanted is deleted", false, "same", "ours", ["delete claim=reconciler/orders", "priority: 9000 -> (none)", "fixedRate: 0.05 -> (none)", "reservoirSize: 1 -> (none)", "serviceName: orders/prod -> (none)", "serviceType: AWS::ApiGateway::Stage -> (none)", "resourceARN: * -> (none)", "host: * -> (none)", "httpMethod: * -> (none)", "urlPath: * -> (none)"] },
        { "foreign rule is a conflict", true, "same", "none", ["conflict NotOwned"] },
        { "foreign rule not wanted is left alone", false, "drifted", "none", ["in sync"] },
        { "another deployment's rule is never deleted", false, "same", "other-owner", ["in sync"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Diff_Table_ReturnsTheTypedResult(string name, bool wanted, string observed, string tags, string[] want)
    {
        var rule = observed switch
        {
            "-" => null,
            "same" => new ObservedSamplingRule(Desired with { RuleArn = "arn:rule" }, TraceGroupDiffTests.Tags(tags)),
            _ => new ObservedSamplingRule(Desired with { RuleArn = "arn:rule", FixedRate = 1, Priority = 100 }, TraceGroupDiffTests.Tags(tags)),
        };

        var diff = SamplingRuleDiff.Diff(Name, wanted ? Desired : null, rule, "orders", "reconciler");

        Assert.True(want.SequenceEqual(Lines(diff)), $"{name}: want [{string.Join("; ", want)}], got [{string.Join("; ", Lines(diff))}]");
    }
}
