using Reconciler.Aws;
using Reconciler.Discovery;
using Reconciler.Kinds.Dashboards;
using Reconciler.Planning;
using Reconciler.Policies;

namespace Reconciler.Tests.Discovery;

/// <summary>What one run's observation reads, and how often, for several policies at once, against an in-memory account.</summary>
public sealed class ObservationCollectorTests
{
    private const string Prefix = "reconciler";

    [Fact]
    public async Task CollectAsync_ThreePoliciesOverOneAccount_ListsFunctionsApisAndEachApisStagesOnce()
    {
        var account = new FakeAccount()
            .WithFunction("orders", tags: Tags("app", "shop"))
            .WithFunction("ledger", tags: Tags("app", "books"))
            .WithRestApi("api1", "storefront", Tags("app", "shop"))
            .WithStage("api1", "prod")
            .WithRestApi("api2", "accounts", Tags("app", "books"))
            .WithStage("api2", "prod");
        var policies = new[] { AppPolicy("shop"), AppPolicy("books"), DiscoveryPolicies.Parse("everything", "selector: { matchAll: true }") };

        var scopes = (await CollectAsync(account, policies)).Observation.Scopes;

        Assert.Equal(["shop", "books", "everything"], scopes.Select(s => s.PolicyName));
        Assert.Equal(["orders"], scopes[0].Functions.Select(f => f.FunctionName));
        Assert.Equal(["ledger"], scopes[1].Functions.Select(f => f.FunctionName));
        Assert.Equal(["ledger", "orders"], scopes[2].Functions.Select(f => f.FunctionName));
        Assert.Equal(["accounts/prod", "storefront/prod"], scopes[2].Stages.Select(s => s.DisplayName));
        Assert.Equal(1, account.CallCount("ListFunctions"));
        Assert.Equal(1, account.CallCount("GetRestApis"));
        Assert.Equal(1, account.CallCount("GetStages", "api1"));
        Assert.Equal(1, account.CallCount("GetStages", "api2"));
        Assert.Equal(3, account.CallCount("GetResources"));
    }

    [Fact]
    public async Task CollectAsync_TwoTracingPoliciesSelectTheSameFunction_ReadsItsAliasesOnce()
    {
        var account = new FakeAccount()
            .WithFunction("orders", tags: Tags("app", "shop"), publishedTracing: new Dictionary<string, string> { ["3"] = "PassThrough" })
            .WithAlias("orders", "live", "3");
        var policies = new[]
        {
            AppPolicy("shop", "tracing: { lambda: Active }"),
            DiscoveryPolicies.Parse("everything", "selector: { matchAll: true }", "tracing: { lambda: Active }"),
        };

        var scopes = (await CollectAsync(account, policies)).Observation.Scopes;

        Assert.Equal(1, account.CallCount("ListAliases", "orders"));
        Assert.All(scopes, scope => Assert.Equal("live", Assert.Single(Assert.Single(scope.Functions).Aliases!.Routes).AliasName));
    }

    [Fact]
    public async Task CollectAsync_OnePolicySetsLambdaTracing_ListsPublishedVersionsForTheWholeRun()
    {
        var account = new FakeAccount().WithFunction("orders", tags: Tags("app", "shop"));

        await CollectAsync(account, [AppPolicy("shop"), AppPolicy("traced", "tracing: { lambda: PassThrough }")]);

        Assert.Equal([new FakeCall("ListFunctions", "ALL")], account.Calls.Where(call => call.Operation == "ListFunctions"));
    }

    [Fact]
    public async Task CollectAsync_NoPolicySetsLambdaTracing_ListsOnlyLatestAndReadsNoAliases()
    {
        var account = new FakeAccount()
            .WithFunction("orders", tags: Tags("app", "shop"), publishedTracing: new Dictionary<string, string> { ["1"] = "PassThrough" })
            .WithAlias("orders", "live", "1");

        await CollectAsync(account, [AppPolicy("shop"), AppPolicy("stages", "selector: { tags: { app: shop } }", "tracing: { apiGateway: true }")]);

        Assert.Equal([new FakeCall("ListFunctions", null)], account.Calls.Where(call => call.Operation == "ListFunctions"));
        Assert.Equal(0, account.CallCount("ListAliases"));
    }

    [Fact]
    public async Task CollectAsync_Alarms_ReadOnceByTheManagedPrefixAndItsDash()
    {
        var account = new FakeAccount()
            .WithAlarm(Alarm($"{Prefix}-shop-orders-error-rate"))
            .WithAlarm(Alarm($"{Prefix}2-shop-orders-error-rate"))
            .WithAlarm(Alarm("team-orders-errors"));

        var observation = (await CollectAsync(account, [AppPolicy("shop"), AppPolicy("books")])).Observation;

        Assert.True(observation.AlarmsComplete);
        Assert.Equal([$"{Prefix}-shop-orders-error-rate"], observation.Alarms.Keys);
        Assert.Equal([new FakeCall("DescribeAlarms", Prefix + "-")], account.Calls.Where(call => call.Operation == "DescribeAlarms"));
    }

    [Fact]
    public async Task CollectAsync_DescribeAlarmsFails_AlarmsIncompleteAndTheFailureBelongsToNoPolicy()
    {
        var account = new FakeAccount()
            .WithAlarm(Alarm($"{Prefix}-shop-orders-error-rate"))
            .Failing("DescribeAlarms", errorCode: "ThrottlingException");

        var collected = await CollectAsync(account, [AppPolicy("shop")]);

        Assert.False(collected.Observation.AlarmsComplete);
        Assert.Empty(collected.Observation.Alarms);
        var (policy, failure) = Assert.Single(collected.Failures);
        Assert.Null(policy);
        Assert.StartsWith("CloudWatch DescribeAlarms failed: ThrottlingException", failure.Message, StringComparison.Ordinal);
        Assert.True(Assert.Single(collected.Observation.Scopes).Complete);
    }

    [Fact]
    public async Task CollectAsync_DashboardSharedByTwoPolicies_ReadOnceAndAbsentOneIsNull()
    {
        var account = new FakeAccount().WithDashboard("Shop", "{\"widgets\":[]}");
        var policies = new[]
        {
            AppPolicy("shop", "dashboard: { name: Shop }"),
            AppPolicy("shop-canary", "dashboard: { name: Shop }"),
            AppPolicy("books", "dashboard: { name: Books }"),
        };

        var dashboards = (await CollectAsync(account, policies)).Observation.Slot<ObservedDashboards>().ByName;

        Assert.Equal("{\"widgets\":[]}", dashboards["Shop"]!.Body);
        Assert.True(dashboards.ContainsKey("Books"));
        Assert.Null(dashboards["Books"]);
        Assert.Equal(1, account.CallCount("GetDashboard", "Shop"));
    }

    [Fact]
    public async Task CollectAsync_GetDashboardFails_DashboardLeftUnobservedAndTheFailureNamesItsPolicy()
    {
        var account = new FakeAccount()
            .WithDashboard("Shop", "{}")
            .Failing("GetDashboard", "Shop");

        var collected = await CollectAsync(account, [AppPolicy("shop", "dashboard: { name: Shop }")]);

        // Missing from the map (not null): the planner must not take "unreadable" for "absent" and create it.
        Assert.False(collected.Observation.Slot<ObservedDashboards>().ByName.ContainsKey("Shop"));
        var (policy, failure) = Assert.Single(collected.Failures);
        Assert.Equal("shop", policy);
        Assert.Equal("CloudWatch GetDashboard Shop", failure.What);
    }

    [Fact]
    public async Task CollectAsync_ListFunctionsFails_EveryScopeSelectingFunctionsIsIncompleteWithoutThrowing()
    {
        var account = new FakeAccount()
            .WithFunction("orders", tags: Tags("app", "shop"))
            .Failing("ListFunctions");

        var collected = await CollectAsync(account, [AppPolicy("shop"), AppPolicy("books"), AppPolicy("stages", "selector: { tags: { app: shop }, resourceTypes: [apigateway:stage] }")]);

        Assert.Equal([false, false, true], collected.Observation.Scopes.Select(s => s.Complete));
        Assert.Equal(["shop", "books"], collected.Failures.Select(f => f.PolicyName));
        Assert.Equal(1, account.CallCount("ListFunctions"));
    }

    private static Task<CollectedObservation> CollectAsync(FakeAccount account, IReadOnlyList<ObservabilityPolicy> policies) =>
        new ObservationCollector(account, FakeAccount.Region, Prefix).CollectAsync(policies, CancellationToken.None);

    /// <summary>Selects app=<paramref name="app"/> (the policy's name), plus <paramref name="specLines"/> under spec.</summary>
    private static ObservabilityPolicy AppPolicy(string name, params string[] specLines) =>
        DiscoveryPolicies.Parse(name, specLines.Any(line => line.StartsWith("selector:", StringComparison.Ordinal))
            ? specLines
            : [$"selector: {{ tags: {{ app: {name} }} }}", .. specLines]);

    private static Dictionary<string, string> Tags(string key, string value) => new() { [key] = value };

    private static MetricAlarm Alarm(string name) => new()
    {
        AlarmName = name,
        AlarmDescription = "test alarm",
        Namespace = "AWS/Lambda",
        MetricName = "Errors",
        Statistic = "Sum",
        Dimensions = [new Dimension("FunctionName", "orders")],
        Period = 60,
        EvaluationPeriods = 1,
        Threshold = 1,
        ComparisonOperator = "GreaterThanThreshold",
    };
}
