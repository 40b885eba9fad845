using Reconciler.Aws;
using Reconciler.IntegrationTests.Harness;
using Reconciler.Planning;
using Reconciler.Policies;
using Reconciler.Reconciliation;
using Reconciler.Telemetry;
using Reconciler.Testing.Moto;

namespace Reconciler.IntegrationTests.Engine;

/// <summary>
/// What real AWS refuses or shares across Regions, against strict moto (dashboards global to the account, alarm
/// actions refused outside the alarm's Region): the engine must flag both in the plan and write neither.
/// </summary>
[Collection(StrictMotoGroup.Name)]
public sealed class RegionFidelityTests(StrictMotoFixture moto) : IDisposable
{
    private const string OtherRegion = "eu-west-1";
    private const string EuTopic = "arn:aws:sns:eu-west-1:123456789012:ops-alerts";

    private readonly PolicyDirectory _policies = new();

    public void Dispose() => _policies.Dispose();

    [Fact]
    public async Task Apply_SamePolicyInASecondRegion_ConflictAndDashboardLeftAsTheFirstRegionWroteIt()
    {
        var account = await DriftedAccount.In(moto).SeedAsync();
        // The same app deployed in both Regions, each Region's alarms notifying a topic of its own Region.
        await new MotoSeeder(moto.Endpoint, OtherRegion, MotoFixture.Credentials)
            .CreateFunctionAsync(account.FunctionA, new Dictionary<string, string> { ["app"] = account.App });
        var policies = _policies.Write("app.yaml", PolicyYaml.Standard(account.PolicyName, account.App, account.Dashboard)).Load();
        using var euDirectory = new PolicyDirectory();
        var euPolicies = euDirectory
            .Write("app.yaml", PolicyYaml.Standard(account.PolicyName, account.App, account.Dashboard).Replace(PolicyYaml.OpsTopic, EuTopic, StringComparison.Ordinal))
            .Load();
        using var us = moto.CreateClients();
        using var eu = moto.CreateClients(o => o with { Region = OtherRegion });

        var first = await RunInAsync(us, MotoFixture.Region, policies, account.AlarmPrefix);
        Assert.Contains(first.Plan.Changes, c => c.Target == account.Dashboard && c.Action == ChangeAction.Create);
        var written = (await us.CloudWatch.GetDashboardAsync(account.Dashboard, CancellationToken.None))!.DashboardBody;

        var second = await RunInAsync(eu, OtherRegion, euPolicies, account.AlarmPrefix);

        Assert.DoesNotContain(second.Plan.Changes, c => c.Target == account.Dashboard);
        var conflict = Assert.Single(second.Report.Conflicts, c => c.Target == account.Dashboard);
        Assert.Equal("otherRegion", conflict.Kind);
        Assert.Contains($"The dashboard {account.Dashboard} is global to the account and was written by the deployment in us-east-1", conflict.Reason, StringComparison.Ordinal);
        Assert.Empty(second.Errors);
        Assert.Equal(written, (await eu.CloudWatch.GetDashboardAsync(account.Dashboard, CancellationToken.None))!.DashboardBody);
        // The eu-west-1 alarms are per Region and not in conflict: they were created there.
        Assert.Contains(second.Plan.Changes, c => c.Kind == ChangeKind.Alarm && c.Action == ChangeAction.Create);
    }

    [Fact]
    public async Task Apply_AlarmActionInAnotherRegion_NoPutMetricAlarmAndConflictInReport()
    {
        var account = await DriftedAccount.In(moto).SeedAsync();
        var yaml = PolicyYaml.Standard(account.PolicyName, account.App, account.Dashboard).Replace(PolicyYaml.OpsTopic, EuTopic, StringComparison.Ordinal);
        var policies = _policies.Write("app.yaml", yaml).Load();
        using var aws = moto.CreateClients();

        var result = await RunInAsync(aws, MotoFixture.Region, policies, account.AlarmPrefix);

        Assert.DoesNotContain(aws.Counters.Snapshot(), c => c.Operation == "PutMetricAlarm" && c.Calls > 0);
        Assert.Empty(result.Errors);
        Assert.Empty(await aws.CloudWatch.DescribeAlarmsAsync(new DescribeAlarmsRequest(account.AlarmPrefix), CancellationToken.None).ToListAsync());
        var alarm = account.FunctionAlarm(account.FunctionA);
        var conflict = Assert.Single(result.Report.Conflicts, c => c.Target == alarm);
        Assert.Equal("otherRegion", conflict.Kind);
        Assert.Contains($"{EuTopic} is in Region eu-west-1, but this run is in us-east-1", conflict.Reason, StringComparison.Ordinal);
        // Functions A and B (ErrorRate) and stages prod and dev (5XXError).
        Assert.Equal(4, result.Report.Conflicts.Count(c => c.Kind == "otherRegion"));
    }

    private static Task<ReconcileResult> RunInAsync(IAwsClients aws, string region, IReadOnlyList<ObservabilityPolicy> policies, string alarmPrefix)
    {
        var time = TimeProvider.System;
        var log = new RunLogger(TextWriter.Null, time, "run-region", RunLogLevel.Error);
        var request = new ReconcileRequest(policies, Apply: true, DryRun: false, time.GetUtcNow().AddMinutes(10), 500, alarmPrefix);
        return new ReconcileRun(aws, region, time, log).RunAsync(request, CancellationToken.None);
    }
}
