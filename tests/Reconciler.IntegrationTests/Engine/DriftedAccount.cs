using System.Text.Json.Nodes;
using Reconciler.Aws;
using Reconciler.Discovery;
using Reconciler.IntegrationTests.Harness;
using Reconciler.Planning;
using Reconciler.Policies;

namespace Reconciler.IntegrationTests.Engine;

/// <summary>
/// One test's own drifted account inside the shared moto: names and tag values carry a unique suffix, alarms a unique
/// prefix, so no two tests ever see each other's resources.
/// </summary>
internal sealed class DriftedAccount
{
    private DriftedAccount(string suffix)
    {
        Suffix = suffix;
        App = "app-" + suffix;
        PolicyName = "pol-" + suffix;
        AlarmPrefix = "rt" + suffix;
        Dashboard = "dash-" + suffix;
        FunctionA = "fn-a-" + suffix;
        FunctionB = "fn-b-" + suffix;
        OutOfScopeFunction = "fn-out-" + suffix;
        ApiName = "api-" + suffix;
    }

    public string Suffix { get; }

    public string App { get; }

    public string PolicyName { get; }

    public string AlarmPrefix { get; }

    public string Dashboard { get; }

    public string FunctionA { get; }

    public string FunctionB { get; }

    public string OutOfScopeFunction { get; }

    public string ApiName { get; }

    public string ApiId { get; private set; } = string.Empty;

    public string FunctionAlarm(string function) => AlarmNaming.ForFunction(AlarmPrefix, PolicyName, function, "error-rate");

    public string StageAlarm(string stage) => AlarmNaming.ForStage(AlarmPrefix, PolicyName, ApiName, stage, "5xx-rate");

    public string OrphanAlarm => FunctionAlarm("fn-gone-" + Suffix);

    public string ForeignAlarm => FunctionAlarm(FunctionA) + "-copy";

    /// <summary>
    /// Two functions in PassThrough for the policy, one out of scope (other tag value), a REST API with stages prod
    /// and dev without tracing. No alarms or dashboard yet: <see cref="AddAlarmAndDashboardDriftAsync"/> adds them.
    /// </summary>
    public static async Task<DriftedAccount> SeedResourcesAsync(MotoFixture moto)
    {
        var account = new DriftedAccount(MotoFixture.UniqueSuffix());
        var tags = new Dictionary<string, string> { ["app"] = account.App };
        await moto.Seeder.CreateFunctionAsync(account.FunctionA, tags);
        await moto.Seeder.CreateFunctionAsync(account.FunctionB, tags);
        await moto.Seeder.CreateFunctionAsync(account.OutOfScopeFunction, new Dictionary<string, string> { ["app"] = "other-" + account.Suffix });
        account.ApiId = await moto.Seeder.CreateRestApiAsync(account.ApiName, tags, ["prod", "dev"]);
        return account;
    }

    /// <summary>
    /// Takes the alarm and dashboard the planner renders for <paramref name="policies"/> and leaves drifted copies:
    /// function A's ErrorRate alarm with threshold 10 instead of 5, an owned orphan (a function that does not exist),
    /// a foreign look-alike without the marker, and the dashboard with one widget edited by hand (marker kept).
    /// </summary>
    public async Task AddAlarmAndDashboardDriftAsync(IAwsClients aws, IReadOnlyList<ObservabilityPolicy> policies)
    {
        var first = await Engine.PlanAsync(aws, policies, AlarmPrefix);
        var desired = Payload<PutAlarm>(first.Plan, FunctionAlarm(FunctionA)).Alarm;
        var dashboard = Payload<PutDashboard>(first.Plan, Dashboard);

        await aws.CloudWatch.PutMetricAlarmAsync(AlarmMapping.ToRequest(desired with { Threshold = 10 }), CancellationToken.None);
        await aws.CloudWatch.PutMetricAlarmAsync(
            AlarmMapping.ToRequest(desired with
            {
                AlarmName = OrphanAlarm,
                AlarmDescription = OwnershipMarker.AlarmDescription(AlarmPrefix, PolicyName, "Rule error-rate (ErrorRate) on a function deleted since."),
            }),
            CancellationToken.None);
        await aws.CloudWatch.PutMetricAlarmAsync(
            AlarmMapping.ToRequest(desired with { AlarmName = ForeignAlarm, AlarmDescription = "Made by hand by the app team.", Threshold = 42, Tags = [] }),
            CancellationToken.None);

        var body = JsonNode.Parse(dashboard.Body)!;
        var edited = body["widgets"]!.AsArray().First(w => w!["type"]!.GetValue<string>() == "metric")!;
        edited["properties"]!["title"] = "Edited by hand";
        await aws.CloudWatch.PutDashboardAsync(Dashboard, body.ToJsonString(), CancellationToken.None);

        // The reconciler tags what it creates; an edited dashboard keeps those tags, so its update is provably ours.
        var dashboardArn = first.Plan.Changes.Single(c => c.Target == Dashboard).ResourceArn!;
        await aws.CloudWatch.TagResourceAsync(dashboardArn, [.. dashboard.Tags.Select(t => new Tag(t.Key, t.Value))], CancellationToken.None);
    }

    private static T Payload<T>(Plan plan, string target)
        where T : ChangePayload =>
        plan.Changes.Where(c => c.Target == target).Select(c => c.Payload).OfType<T>().SingleOrDefault()
        ?? throw new InvalidOperationException($"the plan has no {typeof(T).Name} for {target}: {string.Join(", ", plan.Changes.Select(c => c.Target))}");
}
