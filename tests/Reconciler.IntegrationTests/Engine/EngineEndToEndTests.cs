using System.Text.Json.Nodes;
using Reconciler.IntegrationTests.Harness;
using Reconciler.Planning;

namespace Reconciler.IntegrationTests.Engine;

/// <summary>
/// The whole loop against moto: a drifted account is planned field by field, applied, checked with the official AWS
/// CLI, and a second run writes nothing. Foreign and out-of-scope resources are compared before and after.
/// </summary>
[Collection(MotoTests.Name)]
public sealed class EngineEndToEndTests(MotoFixture moto) : IDisposable
{
    private readonly PolicyDirectory _policies = new();
    private readonly AwsCli _cli = new(moto.Endpoint);

    public void Dispose() => _policies.Dispose();

    [Fact]
    public async Task PlanApplyReplan_DriftedAccount_ConvergesAndSecondRunWritesNothing()
    {
        var account = await DriftedAccount.SeedResourcesAsync(moto);
        var policies = _policies.Write("app.yaml", PolicyYaml.Standard(account.PolicyName, account.App, account.Dashboard)).Load();
        using var aws = moto.CreateClients();
        await account.AddAlarmAndDashboardDriftAsync(aws, policies);
        var foreignBefore = await DescribeAlarmAsync(account.ForeignAlarm);
        var outOfScopeBefore = await _cli.RunAsync("lambda", "get-function-configuration", "--function-name", account.OutOfScopeFunction);

        var planned = await Engine.PlanAsync(aws, policies, account.AlarmPrefix);

        Assert.Empty(planned.Errors);
        Assert.Empty(planned.Plan.Conflicts);
        Assert.Equal(
            new[]
            {
                (ChangeKind.FunctionTracing, ChangeAction.Update, account.FunctionA),
                (ChangeKind.FunctionTracing, ChangeAction.Update, account.FunctionB),
                (ChangeKind.StageTracing, ChangeAction.Update, $"{account.ApiName}/dev"),
                (ChangeKind.StageTracing, ChangeAction.Update, $"{account.ApiName}/prod"),
                (ChangeKind.Alarm, ChangeAction.Update, account.FunctionAlarm(account.FunctionA)),
                (ChangeKind.Alarm, ChangeAction.Create, account.FunctionAlarm(account.FunctionB)),
                (ChangeKind.Alarm, ChangeAction.Create, account.StageAlarm("dev")),
                (ChangeKind.Alarm, ChangeAction.Create, account.StageAlarm("prod")),
                (ChangeKind.Dashboard, ChangeAction.Update, account.Dashboard),
                (ChangeKind.Alarm, ChangeAction.Delete, account.OrphanAlarm),
            }.OrderBy(c => c.Item3, StringComparer.Ordinal),
            planned.Plan.Changes.Select(c => (c.Kind, c.Action, c.Target)).OrderBy(c => c.Target, StringComparer.Ordinal));
        Assert.All(planned.Plan.Changes.Where(c => c.Kind == ChangeKind.FunctionTracing), c => Assert.Equal([new FieldDiff("tracing", "PassThrough", "Active")], c.Fields));
        Assert.All(planned.Plan.Changes.Where(c => c.Kind == ChangeKind.StageTracing), c => Assert.Equal([new FieldDiff("tracingEnabled", "false", "true")], c.Fields));
        Assert.Equal([new FieldDiff("threshold", "10", "5")], planned.Plan.Changes.Single(c => c.Action == ChangeAction.Update && c.Kind == ChangeKind.Alarm).Fields);
        var dashboardFields = planned.Plan.Changes.Single(c => c.Kind == ChangeKind.Dashboard).Fields;
        var titleField = Assert.Single(dashboardFields);
        Assert.EndsWith(".properties.title", titleField.Field, StringComparison.Ordinal);
        Assert.Equal("\"Edited by hand\"", titleField.Before);
        Assert.DoesNotContain(planned.Plan.Changes, c => c.Target.Contains(account.OutOfScopeFunction, StringComparison.Ordinal) || c.Target == account.ForeignAlarm);

        var applied = await Engine.ApplyAsync(aws, policies, account.AlarmPrefix);

        Assert.Empty(applied.Errors);
        Assert.NotNull(applied.Apply);
        Assert.Null(applied.Apply.Stopped);
        Assert.All(applied.Apply.Outcomes, o => Assert.True(o.Status == ChangeStatus.Applied, $"{o.Change.Target}: {o.Status} {o.ErrorCode} {o.Message}"));
        Assert.Equal(10, applied.Apply.Outcomes.Count);

        foreach (var function in new[] { account.FunctionA, account.FunctionB })
        {
            var configuration = await _cli.RunAsync("lambda", "get-function-configuration", "--function-name", function);
            Assert.Equal("Active", configuration["TracingConfig"]!["Mode"]!.GetValue<string>());
        }

        var stages = await _cli.RunAsync("apigateway", "get-stages", "--rest-api-id", account.ApiId);
        Assert.Equal(
            [("dev", true), ("prod", true)],
            stages["item"]!.AsArray().Select(s => (s!["stageName"]!.GetValue<string>(), s["tracingEnabled"]?.GetValue<bool>() ?? false)).Order());

        var alarms = (await _cli.RunAsync("cloudwatch", "describe-alarms", "--alarm-name-prefix", account.AlarmPrefix + "-"))["MetricAlarms"]!.AsArray();
        Assert.Equal(
            new[] { account.FunctionAlarm(account.FunctionA), account.FunctionAlarm(account.FunctionB), account.ForeignAlarm, account.StageAlarm("dev"), account.StageAlarm("prod") }.Order(StringComparer.Ordinal),
            alarms.Select(a => a!["AlarmName"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        foreach (var function in new[] { account.FunctionA, account.FunctionB })
        {
            var alarm = alarms.Single(a => a!["AlarmName"]!.GetValue<string>() == account.FunctionAlarm(function))!;
            Assert.Equal(5, alarm["Threshold"]!.GetValue<double>());
            Assert.Equal([PolicyYaml.OpsTopic], alarm["AlarmActions"]!.AsArray().Select(a => a!.GetValue<string>()));
            var metrics = alarm["Metrics"]!.AsArray();
            Assert.Equal(AlarmRendering.ErrorRateExpression, metrics.Single(m => m!["Id"]!.GetValue<string>() == "error_rate")!["Expression"]!.GetValue<string>());
            foreach (var (id, metricName) in new[] { ("errors", "Errors"), ("invocations", "Invocations") })
            {
                var stat = metrics.Single(m => m!["Id"]!.GetValue<string>() == id)!["MetricStat"]!;
                Assert.Equal(metricName, stat["Metric"]!["MetricName"]!.GetValue<string>());
                Assert.Equal(function, stat["Metric"]!["Dimensions"]![0]!["Value"]!.GetValue<string>());
                Assert.Equal("Sum", stat["Stat"]!.GetValue<string>());
            }
        }

        foreach (var stage in new[] { "dev", "prod" })
        {
            var alarm = alarms.Single(a => a!["AlarmName"]!.GetValue<string>() == account.StageAlarm(stage))!;
            Assert.Equal(("5XXError", "Average", 0.05), (alarm["MetricName"]!.GetValue<string>(), alarm["Statistic"]!.GetValue<string>(), alarm["Threshold"]!.GetValue<double>()));
        }

        var dashboard = await _cli.RunAsync("cloudwatch", "get-dashboard", "--dashboard-name", account.Dashboard);
        var body = JsonNode.Parse(dashboard["DashboardBody"]!.GetValue<string>())!;
        var titles = body["widgets"]!.AsArray().Select(w => w!["properties"]!["title"]?.GetValue<string>()).ToList();
        Assert.DoesNotContain("Edited by hand", titles);
        Assert.Contains("Lambda invocations", titles);
        Assert.True(OwnershipMarker.TryReadDashboardOwner(body.ToJsonString(), out var owner) && owner == account.PolicyName);

        // Ownership is also tagged: on the dashboard, on the alarms created, and again on the alarm that was updated.
        var ownershipTags = OwnershipMarker.Tags(account.AlarmPrefix, account.PolicyName).Select(t => (t.Key, t.Value)).Order().ToList();
        foreach (var arn in new[]
        {
            dashboard["DashboardArn"]!.GetValue<string>(),
            alarms.Single(a => a!["AlarmName"]!.GetValue<string>() == account.FunctionAlarm(account.FunctionA))!["AlarmArn"]!.GetValue<string>(),
            alarms.Single(a => a!["AlarmName"]!.GetValue<string>() == account.FunctionAlarm(account.FunctionB))!["AlarmArn"]!.GetValue<string>(),
        })
        {
            var tags = (await _cli.RunAsync("cloudwatch", "list-tags-for-resource", "--resource-arn", arn))["Tags"]!.AsArray();
            Assert.Equal(ownershipTags, tags.Select(t => (t!["Key"]!.GetValue<string>(), t["Value"]!.GetValue<string>())).Order().ToList());
        }

        using var secondClients = moto.CreateClients();
        var second = await Engine.ApplyAsync(secondClients, policies, account.AlarmPrefix);

        Assert.Empty(second.Errors);
        Assert.True(second.Plan.InSync, "second run still plans: " + string.Join(", ", second.Plan.Changes.Select(c => $"{c.Action} {c.Target} [{string.Join("; ", c.Fields.Select(f => $"{f.Field}: {f.Before} -> {f.After}"))}]")));
        Assert.Equal(0, Engine.Writes(secondClients));
        Assert.Equal(foreignBefore.ToJsonString(), (await DescribeAlarmAsync(account.ForeignAlarm)).ToJsonString());
        Assert.Equal(outOfScopeBefore.ToJsonString(), (await _cli.RunAsync("lambda", "get-function-configuration", "--function-name", account.OutOfScopeFunction)).ToJsonString());
    }

    private async Task<JsonNode> DescribeAlarmAsync(string name) =>
        (await _cli.RunAsync("cloudwatch", "describe-alarms", "--alarm-names", name))["MetricAlarms"]!.AsArray().Single()!;
}
