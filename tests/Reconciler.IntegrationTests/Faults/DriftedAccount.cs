using Reconciler.Aws;
using Reconciler.IntegrationTests.Harness;
using Reconciler.Planning;
using Reconciler.Policies;
using Reconciler.Testing.Policies;

namespace Reconciler.IntegrationTests.Faults;

/// <summary>
/// A small drifted account in moto, unique to one test: functions with tracing off, a REST API with two untraced
/// stages, no alarms and no dashboard, plus two things the reconciler must never touch: a function outside the
/// policy's selector, and a foreign (unowned) alarm that carries the exact name of an alarm the policy wants.
/// </summary>
internal sealed record DriftedAccount(
    string AlarmNamePrefix,
    ObservabilityPolicy Policy,
    IReadOnlyList<string> Functions,
    string OutOfScopeFunction,
    string RestApiId,
    IReadOnlyList<string> Stages,
    string ForeignAlarmName,
    string DashboardName)
{
    /// <summary>
    /// Planned changes of the first run: tracing and 2 alarms per function and per stage, and the dashboard, less the
    /// one alarm the foreign alarm blocks (a conflict, not a change).
    /// </summary>
    public int ExpectedFirstRunChanges => (Functions.Count * 3) + (Stages.Count * 3) + 1 - 1;

    /// <summary>Seeds the account; <paramref name="clients"/> must be fault-free.</summary>
    public static async Task<DriftedAccount> SeedAsync(MotoFixture moto, IAwsClients clients, int functionCount)
    {
        var suffix = MotoFixture.UniqueSuffix();
        var app = "faults-" + suffix;
        var prefix = "rf" + suffix;
        var tags = new Dictionary<string, string> { ["app"] = app };
        var functions = Enumerable.Range(0, functionCount).Select(i => $"{app}-fn{i:D2}").ToList();
        foreach (var function in functions)
        {
            await moto.Seeder.CreateFunctionAsync(function, tags);
        }

        var outOfScope = $"{app}-outside";
        await moto.Seeder.CreateFunctionAsync(outOfScope, new Dictionary<string, string> { ["app"] = "other-" + suffix });
        var apiName = app + "-api";
        string[] stages = ["dev", "prod"];
        var apiId = await moto.Seeder.CreateRestApiAsync(apiName, tags, stages);

        var loaded = PolicyLoader.LoadText("faults.yaml", PolicyYaml(app));
        Assert.True(loaded.IsValid, string.Join("\n", loaded.Errors));
        var policy = Assert.Single(loaded.Policies);

        // Someone else's alarm with the name the policy wants for fn00's latency: a NotOwned conflict, never written.
        var foreign = AlarmNaming.ForFunction(prefix, policy.Name, functions[0], "latency");
        await clients.CloudWatch.PutMetricAlarmAsync(
            new PutMetricAlarmRequest
            {
                AlarmName = foreign,
                AlarmDescription = "owned by another team",
                Namespace = "AWS/Lambda",
                MetricName = "Duration",
                Statistic = "Maximum",
                Dimensions = [new Dimension("FunctionName", functions[0])],
                Period = 300,
                EvaluationPeriods = 1,
                Threshold = 12345,
                ComparisonOperator = "GreaterThanThreshold",
            },
            CancellationToken.None);

        return new DriftedAccount(prefix, policy, functions, outOfScope, apiId, stages, foreign, app);
    }

    private static string PolicyYaml(string app) => ScalePolicy.Yaml(app, dashboardName: app);
}
