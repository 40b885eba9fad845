using Reconciler.Aws;
using Reconciler.IntegrationTests.Harness;
using Reconciler.Planning;
using Reconciler.Reporting;

namespace Reconciler.IntegrationTests.Engine;

/// <summary>
/// The guards end to end: incomplete observation never deletes, audit mode never writes, the change budget and the
/// deadline leave work pending for the next run, and policies that disagree write nothing.
/// </summary>
[Collection(MotoTests.Name)]
public sealed class GuardTests(MotoFixture moto) : IDisposable
{
    private readonly PolicyDirectory _policies = new();

    public void Dispose() => _policies.Dispose();

    [Fact]
    public async Task Apply_DiscoveryAccessDenied_SkipsPruningReportsErrorAndKeepsEverything()
    {
        var account = await DriftedAccount.In(moto).SeedAsync();
        var policies = _policies.Write("app.yaml", PolicyYaml.Standard(account.PolicyName, account.App, account.Dashboard)).Load();
        using (var seeding = moto.CreateClients())
        {
            await account.AddAlarmAndDashboardDriftAsync(seeding, policies);
        }

        AccessDeniedHandler? denier = null;
        using var aws = moto.CreateClients(o => o with { WrapTransport = inner => denier = new AccessDeniedHandler(inner, "GetResources") });
        var dashboardBefore = await aws.CloudWatch.GetDashboardAsync(account.Dashboard, CancellationToken.None);

        var result = await Engine.ApplyAsync(aws, policies, account.AlarmPrefix);

        Assert.True(denier!.Denied >= 1);
        Assert.DoesNotContain(result.Plan.Changes, c => c.Action == ChangeAction.Delete);
        Assert.DoesNotContain(result.Plan.Changes, c => c.Kind == ChangeKind.Dashboard);
        Assert.Contains(result.Plan.Notices, n => n.PolicyName == account.PolicyName && n.Message.Contains("Pruning skipped", StringComparison.Ordinal));
        var error = Assert.Single(result.Report.Errors);
        Assert.Equal(("AccessDeniedException", account.PolicyName), (error.ErrorCode, error.Policy));
        Assert.True(result.HasFailures);
        var alarms = await ListAlarmNamesAsync(aws, account.AlarmPrefix);
        Assert.Equal(new[] { account.OrphanAlarm, account.FunctionAlarm(account.FunctionA), account.ForeignAlarm }.Order(StringComparer.Ordinal), alarms);
        Assert.Equal(dashboardBefore!.DashboardBody, (await aws.CloudWatch.GetDashboardAsync(account.Dashboard, CancellationToken.None))!.DashboardBody);
    }

    [Fact]
    public async Task Apply_AlarmListingDenied_NeitherOverwritesUnownedAlarmsNorPrunes()
    {
        var account = await DriftedAccount.In(moto).SeedAsync();
        var policies = _policies.Write("app.yaml", PolicyYaml.Standard(account.PolicyName, account.App, account.Dashboard)).Load();
        using var seeding = moto.CreateClients();
        await account.AddAlarmAndDashboardDriftAsync(seeding, policies);

        // Someone else's alarm that happens to carry exactly the name the policy wants for function B.
        var unowned = CloudWatchMotoTestsAlarm(account.FunctionAlarm(account.FunctionB));
        await seeding.CloudWatch.PutMetricAlarmAsync(unowned, CancellationToken.None);
        var before = await ListAlarmsAsync(seeding, account.AlarmPrefix);

        using var aws = moto.CreateClients(o => o with { WrapTransport = inner => new AccessDeniedHandler(inner, "DescribeAlarms") });
        var result = await Engine.ApplyAsync(aws, policies, account.AlarmPrefix);

        Assert.DoesNotContain(result.Plan.Changes, c => c.Kind == ChangeKind.Alarm);
        Assert.Contains(result.Report.Errors, e => e.ErrorCode == "AccessDenied" && e.Operation == "DescribeAlarms");
        Assert.Contains(result.Plan.Notices, n => n.PolicyName == account.PolicyName && n.Message.Contains("DescribeAlarms", StringComparison.Ordinal) && n.Message.Contains("4 alarms of policy " + account.PolicyName + " were neither created nor updated", StringComparison.Ordinal));
        Assert.Equal(before, await ListAlarmsAsync(seeding, account.AlarmPrefix));
        Assert.Equal("Active", (await aws.Lambda.GetFunctionConfigurationAsync(account.FunctionA, CancellationToken.None)).TracingMode);
    }

    [Fact]
    public async Task Apply_AuditPolicy_PlansDriftWritesNothingAndReportsDrifted()
    {
        var account = await DriftedAccount.In(moto).SeedAsync();
        var policies = _policies.Write("app.yaml", PolicyYaml.Standard(account.PolicyName, account.App, account.Dashboard, mode: "audit")).Load();
        using var aws = moto.CreateClients();

        var result = await Engine.ApplyAsync(aws, policies, account.AlarmPrefix);

        Assert.Equal(0, Engine.Writes(aws));
        Assert.NotEmpty(result.Plan.Changes);
        Assert.All(result.Plan.Changes, c => Assert.False(c.Enforced));
        Assert.All(result.Apply!.Outcomes, o => Assert.Equal(ChangeStatus.Skipped, o.Status));
        Assert.Equal(RunMode.Audit, result.Report.Mode);
        Assert.Equal(ReportOutcome.Drifted, result.Report.Summary.Outcome);
        var entries = Assert.Single(result.Report.Policies).Entries;
        Assert.Contains(entries, e => e.Kind == EntryKind.LambdaFunction && e.Name == account.FunctionA && e.Status == EntryStatus.Drifted);
        Assert.Contains(entries, e => e.Kind == EntryKind.ApiGatewayStage && e.Name == $"{account.ApiName}/prod" && e.Status == EntryStatus.Drifted);
        Assert.DoesNotContain(entries, e => e.Status is EntryStatus.Corrected or EntryStatus.Pending);
        Assert.Empty(result.Report.Pending);
        Assert.Empty(await ListAlarmNamesAsync(aws, account.AlarmPrefix));
    }

    [Fact]
    public async Task Apply_MaxChangesTwo_AppliesTwoLeavesRestPendingAndNextRunFinishes()
    {
        var account = await DriftedAccount.In(moto).SeedAsync();
        var policies = _policies.Write("app.yaml", PolicyYaml.Standard(account.PolicyName, account.App, account.Dashboard)).Load();
        using var aws = moto.CreateClients();

        var first = await Engine.ApplyAsync(aws, policies, account.AlarmPrefix, maxChanges: 2);

        var outcomes = first.Apply!.Outcomes;
        Assert.Equal(9, outcomes.Count); // 2 functions + 2 stages tracing, 4 alarms, 1 dashboard
        Assert.Equal(2, outcomes.Count(o => o.Status == ChangeStatus.Applied));
        Assert.Equal(7, outcomes.Count(o => o.Status == ChangeStatus.Pending));
        Assert.Equal(StopReason.ChangeBudget, first.Apply.Stopped);
        Assert.True(first.HasPendingWork);
        Assert.Equal(2, Engine.Writes(aws));
        Assert.Equal(ReportStopReason.ChangeBudget, first.Report.StopReason);
        Assert.Equal(7, first.Report.Pending.Count);
        Assert.All(first.Report.Pending, p => Assert.Contains("maxChangesPerRun", p.Reason, StringComparison.Ordinal));
        Assert.Equal(7, first.Report.Summary.Changes.Pending);

        using var next = moto.CreateClients();
        var second = await Engine.ApplyAsync(next, policies, account.AlarmPrefix);

        Assert.Equal(7, second.Apply!.Outcomes.Count);
        Assert.All(second.Apply.Outcomes, o => Assert.Equal(ChangeStatus.Applied, o.Status));
        Assert.False(second.HasPendingWork);
        Assert.True((await Engine.PlanAsync(next, policies, account.AlarmPrefix)).Plan.InSync);
    }

    [Fact]
    public async Task Apply_DeadlineAlreadyPassed_ReadsNothingWritesNothingAndSaysWhy()
    {
        var account = await DriftedAccount.In(moto).SeedAsync();
        var policies = _policies.Write("app.yaml", PolicyYaml.Standard(account.PolicyName, account.App, account.Dashboard)).Load();
        using var aws = moto.CreateClients();

        // The deadline bounds reads as well as writes: a run that starts past it observes nothing, so it plans
        // nothing (an unread scope is never pruned or overwritten) and reports the cut-short observation.
        var result = await Engine.ApplyAsync(aws, policies, account.AlarmPrefix, deadline: TimeProvider.System.GetUtcNow().AddSeconds(-1));

        Assert.Equal(0, Engine.Writes(aws));
        Assert.Empty(result.Plan.Changes);
        var cut = Assert.Single(result.Errors, error => error.ErrorCode == "DeadlineExceeded");
        Assert.Equal("observation", cut.Step);
        Assert.Contains("deadline", cut.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_TwoPoliciesDisagreeOnTracing_ReportsConflictAndWritesNeither()
    {
        var suffix = MotoFixture.UniqueSuffix();
        var app = "app-" + suffix;
        var function = "fn-c-" + suffix;
        await moto.Seeder.CreateFunctionAsync(function, new Dictionary<string, string> { ["app"] = app }, "PassThrough");
        var policies = _policies
            .Write("active.yaml", PolicyYaml.TracingOnly("active-" + suffix, app, "Active"))
            .Write("passthrough.yaml", PolicyYaml.TracingOnly("passthrough-" + suffix, app, "PassThrough"))
            .Load();
        using var aws = moto.CreateClients();

        var result = await Engine.ApplyAsync(aws, policies, "rt" + suffix);

        var conflict = Assert.Single(result.Plan.Conflicts);
        Assert.Equal((ConflictKind.PoliciesDisagree, function), (conflict.Kind, conflict.Target));
        Assert.Equal(["active-" + suffix, "passthrough-" + suffix], conflict.Policies);
        Assert.Empty(result.Plan.Changes);
        Assert.Equal(0, Engine.Writes(aws));
        Assert.Equal("PassThrough", (await aws.Lambda.GetFunctionConfigurationAsync(function, CancellationToken.None)).TracingMode);
        Assert.Equal("policiesDisagree", Assert.Single(result.Report.Conflicts).Kind);
        Assert.All(result.Report.Policies, p => Assert.Equal(EntryStatus.Conflict, Assert.Single(p.Entries).Status));
    }

    private static PutMetricAlarmRequest CloudWatchMotoTestsAlarm(string name) => new()
    {
        AlarmName = name,
        AlarmDescription = "Made by the app team; pages the app's own rota.",
        Namespace = "AWS/Lambda",
        MetricName = "Errors",
        Statistic = "Sum",
        Dimensions = [new Dimension("FunctionName", "someone-elses")],
        Period = 300,
        EvaluationPeriods = 1,
        Threshold = 42,
        ComparisonOperator = "GreaterThanThreshold",
    };

    /// <summary>Name, description and threshold of every alarm under the prefix: enough to see an overwrite.</summary>
    private static async Task<IReadOnlyList<(string, string?, double?)>> ListAlarmsAsync(IAwsClients aws, string prefix)
    {
        var alarms = new List<(string, string?, double?)>();
        await foreach (var alarm in aws.CloudWatch.DescribeAlarmsAsync(new DescribeAlarmsRequest(AlarmNamePrefix: prefix + "-"), CancellationToken.None))
        {
            alarms.Add((alarm.AlarmName, alarm.AlarmDescription, alarm.Threshold));
        }

        return [.. alarms.OrderBy(a => a.Item1, StringComparer.Ordinal)];
    }

    private static async Task<IReadOnlyList<string>> ListAlarmNamesAsync(IAwsClients aws, string prefix)
    {
        var names = new List<string>();
        await foreach (var alarm in aws.CloudWatch.DescribeAlarmsAsync(new DescribeAlarmsRequest(AlarmNamePrefix: prefix + "-"), CancellationToken.None))
        {
            names.Add(alarm.AlarmName);
        }

        return [.. names.Order(StringComparer.Ordinal)];
    }
}
