using Reconciler.Aws;
using Reconciler.Discovery;
using Reconciler.Planning;
using Reconciler.Policies;

namespace Reconciler.Tests.Discovery;

public class AliasReaderTests
{
    private static readonly Dictionary<string, string> Tracing = new(StringComparer.Ordinal)
    {
        ["$LATEST"] = "Active",
        ["1"] = "PassThrough",
        ["2"] = "Active",
        ["10"] = "Active",
    };

    [Fact]
    public void Routes_WeightedAlias_PrimaryGetsWhatTheOthersLeave()
    {
        var routes = AliasReader.Routes([Alias("live", "2", ("1", 0.25))], Tracing);

        Assert.Equal(
            [new AliasRoute("live", "1", LambdaTracingMode.PassThrough, 0.25), new AliasRoute("live", "2", LambdaTracingMode.Active, 0.75)],
            routes);
    }

    [Fact]
    public void Routes_SeveralAliases_SortedByAliasThenVersionNumber()
    {
        var routes = AliasReader.Routes([Alias("prod", "10"), Alias("beta", "2", ("10", 0.5)), Alias("canary", "$LATEST")], Tracing);

        Assert.Equal(
            ["beta:2", "beta:10", "canary:$LATEST", "prod:10"],
            routes.Select(route => $"{route.AliasName}:{route.Version}"));
    }

    [Fact]
    public void Routes_VersionNotListed_TracingUnknown()
    {
        var route = Assert.Single(AliasReader.Routes([Alias("live", "7")], Tracing));

        Assert.Null(route.Tracing);
    }

    private static AliasConfiguration Alias(string name, string version, params (string Version, double Weight)[] others) =>
        new($"arn:aws:lambda:us-east-1:123456789012:function:f:{name}", name, version, others.ToDictionary(o => o.Version, o => o.Weight));
}
