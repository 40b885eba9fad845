using Reconciler.Kinds.SamplingRules;
using static Reconciler.Tests.Planning.PlanningFixtures;

namespace Reconciler.Tests.Kinds.SamplingRules;

public class SamplingRuleMatchTests
{
    [Fact]
    public void For_OneStage_IsItsExactServiceName()
    {
        Assert.Equal(("orders/prod", null), SamplingRuleMatch.For([Stage("orders", "prod")], []));
    }

    [Fact]
    public void For_StagesOfOneApi_IsTheirCommonStartWithAWildcard()
    {
        Assert.Equal(("orders/*", null), SamplingRuleMatch.For([Stage("orders", "prod"), Stage("orders", "dev")], [Stage("payments", "prod")]));
    }

    [Fact]
    public void For_PatternWouldCatchAnotherPolicysStage_IsRefusedNamingIt()
    {
        var (pattern, refusal) = SamplingRuleMatch.For([Stage("orders", "prod"), Stage("orders", "dev")], [Stage("orders", "canary")]);

        Assert.Null(pattern);
        Assert.Contains("also matches orders/canary, which other policies select", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void For_NoCommonStart_IsRefusedRatherThanMatchingEveryStage()
    {
        var (pattern, refusal) = SamplingRuleMatch.For([Stage("orders", "prod"), Stage("billing", "prod")], []);

        Assert.Null(pattern);
        Assert.Contains("share no common start", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void For_NoStage_SaysLambdaSamplingCannotBeConfigured()
    {
        var (pattern, refusal) = SamplingRuleMatch.For([], []);

        Assert.Null(pattern);
        Assert.Contains("only API Gateway stages use X-Ray sampling rules", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void For_VeryLongCommonStart_StaysWithinSixtyFourCharacters()
    {
        var api = new string('a', 80);

        var (pattern, _) = SamplingRuleMatch.For([Stage(api, "prod"), Stage(api, "dev")], []);

        Assert.Equal(SamplingRuleMatch.MaxServiceNameLength, pattern!.Length);
        Assert.EndsWith("*", pattern, StringComparison.Ordinal);
    }
}
