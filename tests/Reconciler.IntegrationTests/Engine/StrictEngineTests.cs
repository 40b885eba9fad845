using Reconciler.IntegrationTests.Harness;
using Reconciler.Planning;

namespace Reconciler.IntegrationTests.Engine;

/// <summary>
/// The engine's end-to-end scenarios against strict moto (tools/moto/run_moto.py --strict, rules S1-S10), which refuses
/// what AWS refuses: the lenient scenario must hold there too, and a refusal lenient moto never makes (Active tracing
/// for a function whose execution role cannot write to X-Ray) fails that one change, not the run.
/// </summary>
[Collection(StrictMotoGroup.Name)]
public sealed class StrictEngineTests(StrictMotoFixture moto) : IDisposable
{
    private const string XRayRefusal = "The provided execution role does not have permissions to call PutTraceSegments on XRAY";

    private readonly PolicyDirectory _policies = new();

    public void Dispose() => _policies.Dispose();

    [Fact]
    public Task PlanApplyReplan_DriftedAccountOnStrictMoto_ConvergesAndSecondRunWritesNothing() =>
        EngineScenarios.DriftedAccountConvergesAndSecondRunWritesNothingAsync(moto, _policies);

    [Fact]
    public async Task Apply_FunctionRoleLacksXRay_TracingChangeFailsWithAwsErrorAndAlarmsAndDashboardAreStillWritten()
    {
        var account = await DriftedAccount.In(moto).SeedAsync();
        var noXRay = "fn-noxray-" + account.Suffix;
        var role = await moto.Seeder.CreateExecutionRoleAsync(noXRay + "-role", ExecutionRoleXRay.None);
        await moto.Seeder.CreateFunctionAsync(noXRay, new Dictionary<string, string> { ["app"] = account.App }, "PassThrough", role);
        var policies = _policies.Write("app.yaml", PolicyYaml.Standard(account.PolicyName, account.App, account.Dashboard)).Load();
        using var aws = moto.CreateClients();
        var cli = new AwsCli(moto.Endpoint);

        var applied = await Engine.ApplyAsync(aws, policies, account.AlarmPrefix);

        Assert.NotNull(applied.Apply);
        Assert.Null(applied.Apply.Stopped);
        var failed = Assert.Single(applied.Apply.Outcomes, o => o.Status != ChangeStatus.Applied);
        Assert.Equal((ChangeKind.FunctionTracing, noXRay, ChangeStatus.Failed), (failed.Change.Kind, failed.Change.Target, failed.Status));
        Assert.Equal("InvalidParameterValueException", failed.ErrorCode);
        Assert.Contains(XRayRefusal, failed.Message, StringComparison.Ordinal);
        Assert.Contains("AWSXRayDaemonWriteAccess", failed.Message, StringComparison.Ordinal);
        Assert.Equal(
            new[]
            {
                account.FunctionAlarm(account.FunctionA),
                account.FunctionAlarm(account.FunctionB),
                account.FunctionAlarm(noXRay),
                account.StageAlarm("dev"),
                account.StageAlarm("prod"),
            }.Order(StringComparer.Ordinal),
            applied.Apply.Outcomes.Where(o => o.Change.Kind == ChangeKind.Alarm).Select(o => o.Change.Target).Order(StringComparer.Ordinal));

        // What AWS (strict moto) holds afterwards, read by the official CLI.
        var tracing = await cli.RunAsync("lambda", "get-function-configuration", "--function-name", noXRay);
        Assert.Equal("PassThrough", tracing["TracingConfig"]?["Mode"]?.GetValue<string>() ?? "PassThrough");
        foreach (var function in new[] { account.FunctionA, account.FunctionB })
        {
            Assert.Equal("Active", (await cli.RunAsync("lambda", "get-function-configuration", "--function-name", function))["TracingConfig"]!["Mode"]!.GetValue<string>());
        }

        var alarms = (await cli.RunAsync("cloudwatch", "describe-alarms", "--alarm-name-prefix", account.AlarmPrefix + "-"))["MetricAlarms"]!.AsArray();
        Assert.Contains(alarms, a => a!["AlarmName"]!.GetValue<string>() == account.FunctionAlarm(noXRay));
        Assert.Equal(5, alarms.Count);
        var dashboard = await cli.RunAsync("cloudwatch", "get-dashboard", "--dashboard-name", account.Dashboard);
        Assert.True(OwnershipMarker.TryReadDashboardOwner(dashboard["DashboardBody"]!.GetValue<string>(), out var owner) && owner == account.PolicyName);

        // The refusal is not drift the reconciler can fix: the next run plans exactly that change again, nothing else.
        using var second = moto.CreateClients();
        var replanned = await Engine.PlanAsync(second, policies, account.AlarmPrefix);
        var again = Assert.Single(replanned.Plan.Changes);
        Assert.Equal((ChangeKind.FunctionTracing, noXRay), (again.Kind, again.Target));
    }
}
