using Reconciler.Kinds.SamplingRules;
using Reconciler.Kinds.TraceGroups;
using Reconciler.Policies;
using Reconciler.Verification.TraceArrival;

namespace Reconciler.Tests.Policies;

/// <summary>spec.tracing.group, .sampling and .verify, read by the loader with file, line and column.</summary>
public class TracingSectionsTests
{
    private static readonly string[] Selector = ["  selector:", "    tags: { app: test }", "    resourceTypes: [lambda:function, apigateway:stage]"];

    private static string Policy(params string[] tracingLines) =>
        string.Join('\n', new[] { "apiVersion: reconciler.observability/v1", "kind: ObservabilityPolicy", "metadata:", "  name: test", "spec:" }
            .Concat(Selector)
            .Append("  tracing:")
            .Concat(tracingLines.Select(line => "    " + line))) + "\n";

    private static ObservabilityPolicy Load(params string[] tracingLines)
    {
        var result = PolicyLoader.LoadText("t.yaml", Policy(tracingLines));
        Assert.Empty(result.Errors);
        return Assert.Single(result.Policies);
    }

    private static string Error(params string[] tracingLines) =>
        Assert.Single(PolicyLoader.LoadText("t.yaml", Policy(tracingLines)).Errors).ToString();

    [Fact]
    public void Load_AllThreeSections_ReadsThem()
    {
        var policy = Load("lambda: Active", "group: true", "sampling: { fixedRate: 0.1, reservoirSize: 2, priority: 100 }", "verify: { window: 30, minInvocations: 5 }");

        Assert.Equal(new TraceGroupSpec(true), policy.Section<TraceGroupSpec>());
        Assert.Equal(new SamplingSpec(true, 0.1, 2, 100), policy.Section<SamplingSpec>());
        Assert.Equal(new TraceVerifySpec(true, 30, 5), policy.Section<TraceVerifySpec>());
        Assert.Equal(new TracingSpec(LambdaTracingMode.Active, null), policy.Tracing);
    }

    [Fact]
    public void Load_SectionsLeftOut_AreAbsentAndDefaultsApplyToOptionalFields()
    {
        var bare = Load("lambda: Active");
        var defaults = Load("sampling: { fixedRate: 0 }", "verify: {}");

        Assert.False(bare.Section<TraceGroupSpec>().Wanted);
        Assert.False(bare.Section<SamplingSpec>().Wanted);
        Assert.False(bare.Section<TraceVerifySpec>().Wanted);
        Assert.Equal(new SamplingSpec(true, 0, SamplingSpec.DefaultReservoirSize, SamplingSpec.DefaultPriority), defaults.Section<SamplingSpec>());
        Assert.Equal(new TraceVerifySpec(true, TraceVerifySpec.DefaultWindowMinutes, TraceVerifySpec.DefaultMinInvocations), defaults.Section<TraceVerifySpec>());
    }

    [Theory]
    [InlineData("group: yes please", "t.yaml:10:12: spec.tracing.group: expected true or false")]
    [InlineData("sampling: { fixedRate: 5 }", "t.yaml:10:28: spec.tracing.sampling.fixedRate: must be from 0 to 1 (a share, not a percentage: 5% is 0.05), got 5")]
    [InlineData("sampling: { reservoirSize: 1 }", "t.yaml:10:15: spec.tracing.sampling.fixedRate: is required")]
    [InlineData("sampling: { fixedRate: 0.05, priority: 10000 }", "t.yaml:10:44: spec.tracing.sampling.priority: must be from 1 to 9999")]
    [InlineData("sampling: { fixedRate: 0.05, rate: 1 }", "t.yaml:10:34: spec.tracing.sampling: unknown key \"rate\"")]
    [InlineData("verify: { window: 2 }", "t.yaml:10:23: spec.tracing.verify.window: must be at least 5, got 2")]
    [InlineData("verify: { window: 2000 }", "t.yaml:10:23: spec.tracing.verify.window: is in minutes and must be at most 1440 (one day), got 2000")]
    [InlineData("verify: { minInvocations: 0 }", "t.yaml:10:31: spec.tracing.verify.minInvocations: must be at least 1, got 0")]
    public void Load_BadField_NamesFileLineColumnAndField(string line, string wantStart)
    {
        var error = Error(line);

        Assert.True(error.StartsWith(wantStart, StringComparison.Ordinal), $"want it to start with:\n{wantStart}\ngot:\n{error}");
    }

    [Fact]
    public void Load_SamplingWithoutStagesSelected_SaysLambdaSamplingCannotBeSet()
    {
        var text = Policy("sampling: { fixedRate: 0.05 }").Replace("resourceTypes: [lambda:function, apigateway:stage]", "resourceTypes: [lambda:function]", StringComparison.Ordinal);

        var error = Assert.Single(PolicyLoader.LoadText("t.yaml", text).Errors).ToString();

        Assert.Contains("spec.tracing.sampling: applies to apigateway:stage, but spec.selector.resourceTypes leaves it out", error, StringComparison.Ordinal);
    }
}
