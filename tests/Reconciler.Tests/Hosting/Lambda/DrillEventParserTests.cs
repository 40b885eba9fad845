using Reconciler.Hosting.Lambda;

namespace Reconciler.Tests.Hosting.Lambda;

public sealed class DrillEventParserTests
{
    [Theory]
    [InlineData("""{"drill": {"policy": "orders", "alarms": ["*-error-rate"]}}""", "orders", "*-error-rate")]
    [InlineData("""{"drill": {}}""", null, "")]
    [InlineData("""{"drill": {"alarms": ["a-*", "b-?"]}}""", null, "a-*,b-?")]
    public void TryParse_DrillEvent_PolicyAndGlobs(string raw, string? policy, string globs)
    {
        Assert.True(LambdaEventParser.TryParse(raw, out var parsed, out var error), error);

        Assert.Equal(policy, parsed!.Drill!.PolicyName);
        Assert.Equal(policy, parsed.PolicyName);
        Assert.Equal(globs, string.Join(',', parsed.Drill.Alarms));
        Assert.False(parsed.DryRun);
    }

    [Theory]
    [InlineData("""{"drill": {}, "dryRun": true}""", "takes only \"drill\"")]
    [InlineData("""{"drill": true}""", "must be an object")]
    [InlineData("""{"drill": {"policy": "Orders!"}}""", "drill.policy")]
    [InlineData("""{"drill": {"alarms": "x"}}""", "drill.alarms")]
    [InlineData("""{"drill": {"alarm": ["x"]}}""", "unknown field \"drill.alarm\"")]
    public void TryParse_MalformedDrillEvent_RefusedWithTheReason(string raw, string fragment)
    {
        Assert.False(LambdaEventParser.TryParse(raw, out _, out var error));

        Assert.Contains(fragment, error, StringComparison.Ordinal);
        Assert.Contains("Nothing was changed", error, StringComparison.Ordinal);
    }
}
