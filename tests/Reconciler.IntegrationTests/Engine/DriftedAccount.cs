using System.Text.Json.Nodes;
using Reconciler.Aws;
using Reconciler.Discovery;
using Reconciler.IntegrationTests.Harness;
using Reconciler.Kinds.Alarms;
using Reconciler.Kinds.Dashboards;
using Reconciler.Planning;
using Reconciler.Policies;
using Reconciler.Testing.Policies;

namespace Reconciler.IntegrationTests.Engine;

/// <summary>
/// One test's own drifted account inside the shared moto: names and tag values carry a unique suffix, alarms a unique
/// prefix, so no two tests ever see each other's resources. Build one with <see cref="In"/>: functions in
/// PassThrough tagged for the policy, one function out of scope (other tag value), a REST API with untraced stages
/// dev and prod, and no alarms or dashboard unless the builder or <see cref="AddAlarmAndDashboardDriftAsync"/> adds them.
/// </summary>
internal sealed class DriftedAccount
{
    private ObservabilityPolicy? policy;

    private DriftedAccount(string suffix, int functionCount, bool scalePolicy)
    {
        Suffix = suffix;
        App = "app-" + suffix;
        // ScalePolicy names its policy after the app.
        PolicyName = scalePolicy ? App : "pol-" + suffix;
        AlarmPrefix = "rt" + suffix;
        Dashboard = "dash-" + suffix;
        Functions = [.. Enumerable.Range(0, functionCount).Select(i => $"fn-{(char)('a' + i)}-{suffix}")];
        OutOfScopeFunction = "fn-out-" + suffix;
        ApiName = "api-" + suffix;
    }

    /// <summary>Starts a builder for an account in <paramref name="moto"/>.</summary>
    public static Builder In(MotoFixture moto) => new(moto);

    public string Suffix { get; }

    public string App { get; }

    /// <summary>The name of the policy that reconciles the account: the scale policy's, or the one tests give <see cref="PolicyYaml.Standard"/>.</summary>
    public string PolicyName { get; }

    public string AlarmPrefix { get; }

    public string Dashboard { get; }

    /// <summary>The functions tagged for the policy, fn-a-…, fn-b-…, in order.</summary>
    public IReadOnlyList<string> Functions { get; }

    public string FunctionA => Functions[0];

    public string FunctionB => Functions[1];

    public string OutOfScopeFunction { get; }

    public string ApiName { get; }

    public string ApiId { get; private set; } = string.Empty;

    public IReadOnlyList<string> Stages { get; } = ["dev", "prod"];

    /// <summary>The loaded <see cref="ScalePolicy"/> for this account; only when built <see cref="Builder.WithScalePolicy"/>.</summary>
    public ObservabilityPolicy Policy => policy ?? throw new InvalidOperationException("this account was built without WithScalePolicy(), so it has no loaded policy; write one with PolicyYaml and PolicyName");

    /// <summary>
    /// Someone else's alarm carrying the exact name the scale policy wants for the first function's latency alarm (a
    /// NotOwned conflict, never written); only when built <see cref="Builder.WithConflictingForeignAlarm"/>.
    /// </summary>
    public string? ConflictingAlarm { get; private set; }

    /// <summary>
    /// Planned changes of the scale policy's first run: tracing and 2 alarms per function and per stage, and the
    /// dashboard, less the one alarm <see cref="ConflictingAlarm"/> blocks (a conflict, not a change).
    /// </summary>
    public int ExpectedFirstRunChanges => (Functions.Count * 3) + (Stages.Count * 3) + 1 - (ConflictingAlarm is null ? 0 : 1);

    public string FunctionAlarm(string function) => AlarmNaming.ForFunction(AlarmPrefix, PolicyName, function, "error-rate");

    public string StageAlarm(string stage) => AlarmNaming.ForStage(AlarmPrefix, PolicyName, ApiName, stage, "5xx-rate");

    public string OrphanAlarm => FunctionAlarm("fn-gone-" + Suffix);

    /// <summary>The foreign look-alike <see cref="AddAlarmAndDashboardDriftAsync"/> leaves: a copy of function A's alarm under another name.</summary>
    public string ForeignAlarm => FunctionAlarm(FunctionA) + "-copy";

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

    /// <summary>Chooses what to seed; <see cref="SeedAsync"/> creates it.</summary>
    internal sealed class Builder(MotoFixture moto)
    {
        private int functionCount = 2;
        private bool scalePolicy;
        private IAwsClients? conflictClients;

        /// <summary>How many in-scope functions (2 by default, at most 26).</summary>
        public Builder WithFunctions(int count)
        {
            if (count is < 2 or > 26)
            {
                throw new ArgumentOutOfRangeException(nameof(count), count, "a drifted account has 2 to 26 in-scope functions (fn-a to fn-z)");
            }

            functionCount = count;
            return this;
        }

        /// <summary>Reconciled by <see cref="ScalePolicy"/> (the fault tests' and the benchmark's workload), loaded into <see cref="Policy"/>.</summary>
        public Builder WithScalePolicy()
        {
            scalePolicy = true;
            return this;
        }

        /// <summary>Adds <see cref="ConflictingAlarm"/>, written through <paramref name="clients"/>, which must be fault-free.</summary>
        public Builder WithConflictingForeignAlarm(IAwsClients clients)
        {
            conflictClients = clients;
            return this;
        }

        public async Task<DriftedAccount> SeedAsync()
        {
            if (conflictClients is not null && !scalePolicy)
            {
                throw new InvalidOperationException("WithConflictingForeignAlarm needs WithScalePolicy(): the conflicting name is the scale policy's latency alarm");
            }

            var suffix = MotoFixture.UniqueSuffix();
            var account = new DriftedAccount(suffix, functionCount, scalePolicy);
            if (scalePolicy)
            {
                var loaded = PolicyLoader.LoadText("scale.yaml", ScalePolicy.Yaml(account.App, account.Dashboard));
                Assert.True(loaded.IsValid, string.Join("\n", loaded.Errors));
                account.policy = Assert.Single(loaded.Policies);
                Assert.Equal(account.PolicyName, account.policy.Name);
            }

            var tags = new Dictionary<string, string> { ["app"] = account.App };
            foreach (var function in account.Functions)
            {
                await moto.Seeder.CreateFunctionAsync(function, tags);
            }

            await moto.Seeder.CreateFunctionAsync(account.OutOfScopeFunction, new Dictionary<string, string> { ["app"] = "other-" + suffix });
            account.ApiId = await moto.Seeder.CreateRestApiAsync(account.ApiName, tags, account.Stages);
            if (conflictClients is not null)
            {
                account.ConflictingAlarm = AlarmNaming.ForFunction(account.AlarmPrefix, account.PolicyName, account.FunctionA, "latency");
                await conflictClients.CloudWatch.PutMetricAlarmAsync(
                    new PutMetricAlarmRequest
                    {
                        AlarmName = account.ConflictingAlarm,
                        AlarmDescription = "owned by another team",
                        Namespace = "AWS/Lambda",
                        MetricName = "Duration",
                        Statistic = "Maximum",
                        Dimensions = [new Dimension("FunctionName", account.FunctionA)],
                        Period = 300,
                        EvaluationPeriods = 1,
                        Threshold = 12345,
                        ComparisonOperator = "GreaterThanThreshold",
                    },
                    CancellationToken.None);
            }

            return account;
        }
    }
}
