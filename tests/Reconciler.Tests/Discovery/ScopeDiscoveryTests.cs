using Reconciler.Discovery;
using Reconciler.Planning;
using Reconciler.Policies;

namespace Reconciler.Tests.Discovery;

/// <summary>Which functions and stages a policy's scope holds, and with which tags, against an in-memory account.</summary>
public sealed class ScopeDiscoveryTests
{
    private static readonly Dictionary<string, string> Shop = new() { ["app"] = "shop" };

    [Fact]
    public async Task DiscoverAsync_MatchAll_SelectsEveryListedFunctionAndStageIncludingUntaggedOnes()
    {
        var account = new FakeAccount()
            .WithFunction("orders", tags: Shop)
            .WithFunction("untagged")
            .WithRestApi("api1", "storefront")
            .WithStage("api1", "prod")
            .WithStage("api1", "dev", tags: Shop);

        var scope = (await DiscoverAsync(account, MatchAll())).Scope;

        Assert.True(scope.Complete);
        Assert.Equal(["orders", "untagged"], scope.Functions.Select(f => f.FunctionName));
        Assert.Equal(["storefront/dev", "storefront/prod"], scope.Stages.Select(s => s.DisplayName));
    }

    [Fact]
    public async Task DiscoverAsync_MatchAll_TakesFunctionTagsFromTheTaggingApi()
    {
        var account = new FakeAccount()
            .WithFunction("orders", tags: new Dictionary<string, string> { ["app"] = "shop", ["team"] = "payments" })
            .WithFunction("untagged");

        var scope = (await DiscoverAsync(account, MatchAll())).Scope;

        Assert.Equal(new Dictionary<string, string> { ["app"] = "shop", ["team"] = "payments" }, Function(scope, "orders").Tags);
        Assert.Empty(Function(scope, "untagged").Tags);
        Assert.Equal(1, account.CallCount("GetResources"));
    }

    [Fact]
    public async Task DiscoverAsync_TagSelector_SelectsOnlyMatchingFunctionsWithTheirTracingAndArn()
    {
        var account = new FakeAccount()
            .WithFunction("orders", tags: Shop, tracing: "Active")
            .WithFunction("billing", tags: new Dictionary<string, string> { ["app"] = "ledger" })
            .WithFunction("untagged");

        var scope = (await DiscoverAsync(account, ShopPolicy())).Scope;

        var orders = Assert.Single(scope.Functions);
        Assert.Equal("orders", orders.FunctionName);
        Assert.Equal(FakeAccount.FunctionArn("orders"), orders.Arn);
        Assert.Equal(LambdaTracingMode.Active, orders.Tracing);
    }

    [Fact]
    public async Task DiscoverAsync_StageAndItsApiBothTagged_StageTagsAreTheApisWithTheStagesOwnOnTop()
    {
        var account = new FakeAccount()
            .WithRestApi("api1", "storefront", new Dictionary<string, string> { ["app"] = "shop", ["env"] = "dev", ["team"] = "web" })
            .WithStage("api1", "prod", tags: new Dictionary<string, string> { ["env"] = "prod", ["tier"] = "1" });

        var stage = Assert.Single((await DiscoverAsync(account, ShopPolicy())).Scope.Stages);

        Assert.Equal(
            new Dictionary<string, string> { ["app"] = "shop", ["env"] = "prod", ["team"] = "web", ["tier"] = "1" },
            stage.Tags);
        Assert.Equal(FakeAccount.StageArn("api1", "prod"), stage.Arn);
    }

    [Fact]
    public async Task DiscoverAsync_ApiCarriesTheIgnoreTag_ExclusionSeesItOnItsStages()
    {
        var account = new FakeAccount()
            .WithRestApi("api1", "storefront", new Dictionary<string, string> { ["app"] = "shop", ["observability:ignore"] = "true" })
            .WithStage("api1", "prod")
            .WithStage("api1", "dev", tags: new Dictionary<string, string> { ["observability:ignore"] = "false" });
        var policy = ShopPolicy("exclude: { tags: { \"observability:ignore\": \"true\" } }");

        var selection = Scoping.Select(policy, (await DiscoverAsync(account, policy)).Scope);

        // prod inherits the API's ignore tag; dev's own "false" wins over it, so dev stays in scope.
        Assert.Equal(["storefront/dev"], selection.Stages.Select(s => s.DisplayName));
        var excluded = Assert.Single(selection.Excluded);
        Assert.Equal("storefront/prod", excluded.Name);
        Assert.Contains("excluded by tag: observability:ignore=true", excluded.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DiscoverAsync_RestApiTaggedAsAWhole_BringsAllItsStages()
    {
        var account = new FakeAccount()
            .WithRestApi("api1", "storefront", Shop)
            .WithStage("api1", "prod")
            .WithStage("api1", "dev")
            .WithStage("api1", "canary", tracingEnabled: true)
            .WithRestApi("api2", "backoffice")
            .WithStage("api2", "prod");

        var scope = (await DiscoverAsync(account, ShopPolicy())).Scope;

        Assert.Equal(["storefront/canary", "storefront/dev", "storefront/prod"], scope.Stages.Select(s => s.DisplayName));
        Assert.True(scope.Stages.Single(s => s.StageName == "canary").TracingEnabled);
        Assert.Equal(0, account.CallCount("GetStages", "api2"));
    }

    [Fact]
    public async Task DiscoverAsync_OnlyOneStageTagged_BringsOnlyThatStage()
    {
        var account = new FakeAccount()
            .WithRestApi("api1", "storefront")
            .WithStage("api1", "prod", tags: Shop)
            .WithStage("api1", "dev");

        var scope = (await DiscoverAsync(account, ShopPolicy())).Scope;

        Assert.Equal(["storefront/prod"], scope.Stages.Select(s => s.DisplayName));
    }

    [Fact]
    public async Task DiscoverAsync_TaggingApiStillListsADeletedFunction_SkipsItAndStaysComplete()
    {
        var account = new FakeAccount()
            .WithFunction("orders", tags: Shop)
            .WithFunction("retired", tags: Shop)
            .DeleteFunctionKeepingItsTaggingEntry("retired");

        var scope = (await DiscoverAsync(account, ShopPolicy())).Scope;

        Assert.True(scope.Complete);
        Assert.Equal(["orders"], scope.Functions.Select(f => f.FunctionName));
    }

    [Theory]
    [InlineData("GetResources", null, "Tagging GetResources failed: AccessDeniedException")]
    [InlineData("ListFunctions", null, "Lambda ListFunctions failed: AccessDeniedException")]
    [InlineData("GetRestApis", null, "API Gateway GetRestApis failed: AccessDeniedException")]
    [InlineData("GetStages", "api1", "API Gateway GetStages of REST API api1 failed: AccessDeniedException")]
    public async Task DiscoverAsync_ListingFails_ScopeIncompleteAndNamesTheFailedCall(string operation, string? target, string expected)
    {
        var account = new FakeAccount()
            .WithFunction("orders", tags: Shop)
            .WithRestApi("api1", "storefront", Shop)
            .WithStage("api1", "prod")
            .Failing(operation, target);

        var discovered = await DiscoverAsync(account, ShopPolicy());

        Assert.False(discovered.Scope.Complete);
        Assert.StartsWith(expected, discovered.Scope.IncompleteReason, StringComparison.Ordinal);
        var failure = Assert.Single(discovered.Failures);
        Assert.Equal(operation, failure.Operation);
        Assert.Equal("AccessDeniedException", failure.ErrorCode);
    }

    [Fact]
    public async Task DiscoverAsync_PublishedVersionTracedOtherwiseThanWanted_ReadsItsAliases()
    {
        var account = new FakeAccount()
            .WithFunction("orders", tags: Shop, tracing: "Active", publishedTracing: new Dictionary<string, string> { ["1"] = "PassThrough", ["2"] = "Active" })
            .WithAlias("orders", "live", "1");

        var function = Assert.Single((await DiscoverAsync(account, ShopPolicy("", "tracing: { lambda: Active }"))).Scope.Functions);

        Assert.Equal(1, account.CallCount("ListAliases", "orders"));
        var route = Assert.Single(function.Aliases!.Routes);
        Assert.Equal(new AliasRoute("live", "1", LambdaTracingMode.PassThrough, 1), route);
    }

    [Fact]
    public async Task DiscoverAsync_EveryPublishedVersionTracedAsWanted_ReadsNoAliases()
    {
        var account = new FakeAccount()
            .WithFunction("orders", tags: Shop, tracing: "PassThrough", publishedTracing: new Dictionary<string, string> { ["1"] = "Active" })
            .WithAlias("orders", "live", "1")
            .WithFunction("fresh", tags: Shop, tracing: "PassThrough");

        var scope = (await DiscoverAsync(account, ShopPolicy("", "tracing: { lambda: Active }"))).Scope;

        // $LATEST of both is traced otherwise, but the applier fixes $LATEST; only a published version cannot be.
        Assert.Equal(0, account.CallCount("ListAliases"));
        Assert.All(scope.Functions, function => Assert.Null(function.Aliases));
    }

    [Fact]
    public async Task DiscoverAsync_PolicyLeavesLambdaTracingUnmanaged_ReadsNoAliasesEvenWhenVersionsWereListed()
    {
        // Another policy of the run sets tracing, so the inventory lists versions; this one has no wish to compare with.
        var account = new FakeAccount()
            .WithFunction("orders", tags: Shop, publishedTracing: new Dictionary<string, string> { ["1"] = "PassThrough" })
            .WithAlias("orders", "live", "1");

        var function = Assert.Single((await DiscoverAsync(account, ShopPolicy(), includePublishedVersions: true)).Scope.Functions);

        Assert.Equal(0, account.CallCount("ListAliases"));
        Assert.Null(function.Aliases);
    }

    [Fact]
    public async Task DiscoverAsync_ListAliasesFails_FunctionKeepsTheFailureAndTheScopeIsStillRead()
    {
        var account = new FakeAccount()
            .WithFunction("orders", tags: Shop, tracing: "Active", publishedTracing: new Dictionary<string, string> { ["1"] = "PassThrough" })
            .WithFunction("payments", tags: Shop, tracing: "Active")
            .Failing("ListAliases", "orders");

        var scope = (await DiscoverAsync(account, ShopPolicy("", "tracing: { lambda: Active }"))).Scope;

        Assert.Equal(["orders", "payments"], scope.Functions.Select(f => f.FunctionName));
        var aliases = Function(scope, "orders").Aliases!;
        Assert.Empty(aliases.Routes);
        Assert.StartsWith("Lambda ListAliases of orders failed: AccessDeniedException", aliases.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DiscoverAsync_OnlyFunctionsSelected_ReadsNoApiGateway()
    {
        var account = new FakeAccount()
            .WithFunction("orders", tags: Shop)
            .WithRestApi("api1", "storefront", Shop)
            .WithStage("api1", "prod");

        var scope = (await DiscoverAsync(account, ShopPolicy("resourceTypes: [lambda:function]"))).Scope;

        Assert.Empty(scope.Stages);
        Assert.Equal(0, account.CallCount("GetRestApis") + account.CallCount("GetStages"));
    }

    /// <summary>Discovers one policy; versions are listed, as <see cref="ObservationCollector"/> does, when it sets Lambda tracing.</summary>
    private static async Task<DiscoveredScope> DiscoverAsync(FakeAccount account, ObservabilityPolicy policy, bool? includePublishedVersions = null)
    {
        var inventory = new AccountInventory(account, includePublishedVersions ?? policy.Tracing.Lambda is not null, CancellationToken.None);
        return await new ScopeDiscovery(account, inventory, FakeAccount.Region).DiscoverAsync(policy, CancellationToken.None);
    }

    private static ObservedFunction Function(PolicyScope scope, string name) => scope.Functions.Single(f => f.FunctionName == name);

    private static ObservabilityPolicy MatchAll() => DiscoveryPolicies.Parse("everything", "selector: { matchAll: true }");

    /// <summary>Selects app=shop; <paramref name="selectorExtra"/> goes inside the selector, <paramref name="specExtra"/> under spec.</summary>
    private static ObservabilityPolicy ShopPolicy(string selectorExtra = "", params string[] specExtra) =>
        DiscoveryPolicies.Parse(
            "shop",
            [
                "selector:",
                "  tags: { app: shop }",
                .. selectorExtra.Length == 0 ? Array.Empty<string>() : ["  " + selectorExtra],
                .. specExtra,
            ]);
}
