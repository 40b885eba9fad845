using Microsoft.Extensions.Time.Testing;
using Reconciler.Actuation;
using Reconciler.Planning;
using Reconciler.Policies;

namespace Reconciler.Tests.Actuation;

public sealed class ChangeApplierTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private static PlannedChange Tracing(string function, bool enforced = true) =>
        new("pm", ChangeKind.FunctionTracing, ChangeAction.Update, function, null, [new FieldDiff("tracing", "PassThrough", "Active")], new SetFunctionTracing(function, LambdaTracingMode.Active), enforced);

    private static PlannedChange Alarm(string name) =>
        new("pm", ChangeKind.Alarm, ChangeAction.Create, name, null, [], new PutAlarm(new AlarmDefinition { AlarmName = name, ComparisonOperator = "GreaterThanThreshold", EvaluationPeriods = 1 }), true);

    private static PlannedChange Prune(string name) =>
        new("pm", ChangeKind.Alarm, ChangeAction.Delete, name, null, [], new DeleteAlarm(name), true);

    private static PlannedChange Dashboard(string name) =>
        new("pm", ChangeKind.Dashboard, ChangeAction.Update, name, null, [], new PutDashboard(name, "{}", []), true);

    private static Plan PlanOf(params PlannedChange[] changes) => new(changes, [], [], []);

    private static async Task<(ApplyResult Result, RecordingAwsClients Aws)> ApplyAsync(Plan plan, ApplyOptions? options = null, Action<RecordingAwsClients, FakeTimeProvider>? arrange = null)
    {
        var time = new FakeTimeProvider(Start);
        var aws = new RecordingAwsClients();
        arrange?.Invoke(aws, time);
        var result = await new ChangeApplier(aws, time).ApplyAsync(plan, options ?? new ApplyOptions(Start.AddMinutes(10), MaxConcurrency: 1), CancellationToken.None);
        return (result, aws);
    }

    [Fact]
    public async Task ApplyAsync_MixedPlan_WritesTracingAndAlarmsThenDashboardsThenPrunes()
    {
        var (result, aws) = await ApplyAsync(PlanOf(Prune("old"), Dashboard("dash"), Alarm("a1"), Tracing("f1")));

        // Tracing and alarms draw on separate quotas and go side by side; dashboards follow, prunes come last.
        var writes = aws.Writes.ToList();
        Assert.Equal(["PutMetricAlarm a1", "UpdateFunctionConfiguration f1"], writes.Take(2).Order());
        Assert.Equal(["PutDashboard dash", "DeleteAlarms old"], writes.Skip(2));
        Assert.All(result.Outcomes, outcome => Assert.Equal(ChangeStatus.Applied, outcome.Status));
        Assert.Null(result.Stopped);
    }

    [Fact]
    public async Task ApplyAsync_OutcomesKeepThePlansOrder()
    {
        var plan = PlanOf(Prune("old"), Tracing("f1"));

        var (result, _) = await ApplyAsync(plan);

        Assert.Equal(plan.Changes, result.Outcomes.Select(outcome => outcome.Change));
    }

    [Fact]
    public async Task ApplyAsync_AuditModeChange_IsSkippedAndNeverWritten()
    {
        var (result, aws) = await ApplyAsync(PlanOf(Tracing("f1", enforced: false)));

        Assert.Empty(aws.Writes);
        Assert.Equal(ChangeStatus.Skipped, Assert.Single(result.Outcomes).Status);
    }

    [Fact]
    public async Task ApplyAsync_ManyPrunes_BatchesDeleteAlarmsByHundred()
    {
        var prunes = Enumerable.Range(0, 250).Select(i => Prune($"old-{i:D3}")).ToArray();

        var (result, aws) = await ApplyAsync(PlanOf(prunes), new ApplyOptions(Start.AddMinutes(10)));

        Assert.Equal(3, aws.Writes.Count);
        Assert.Equal(250, result.Outcomes.Count(outcome => outcome.Status == ChangeStatus.Applied));
    }

    [Fact]
    public async Task ApplyAsync_BudgetSmallerThanPlan_HandsItOutInPlanOrder()
    {
        // With writes in flight at once, timing must not decide which changes wait: the budget goes in plan order.
        var plan = PlanOf(Tracing("f1"), Tracing("f2"), Alarm("a1"), Alarm("a2"), Dashboard("dash"));

        var (result, aws) = await ApplyAsync(plan, new ApplyOptions(Start.AddMinutes(10), MaxChanges: 3, MaxConcurrency: 8));

        Assert.Equal(["PutMetricAlarm a1", "UpdateFunctionConfiguration f1", "UpdateFunctionConfiguration f2"], aws.Writes.Order());
        Assert.Equal([ChangeStatus.Applied, ChangeStatus.Applied, ChangeStatus.Applied, ChangeStatus.Pending, ChangeStatus.Pending], result.Outcomes.Select(o => o.Status));
        Assert.Equal(StopReason.ChangeBudget, result.Stopped);
    }

    [Fact]
    public async Task ApplyAsync_BudgetReached_LeavesTheRestPending()
    {
        var (result, aws) = await ApplyAsync(PlanOf(Tracing("f1"), Tracing("f2"), Tracing("f3")), new ApplyOptions(Start.AddMinutes(10), MaxChanges: 2, MaxConcurrency: 1));

        Assert.Equal(2, aws.Writes.Count);
        Assert.Equal([ChangeStatus.Applied, ChangeStatus.Applied, ChangeStatus.Pending], result.Outcomes.Select(o => o.Status));
        Assert.Equal(StopReason.ChangeBudget, result.Stopped);
    }

    [Fact]
    public async Task ApplyAsync_DeadlinePassesMidRun_StopsStartingWritesAndReportsPending()
    {
        var (result, aws) = await ApplyAsync(
            PlanOf(Tracing("f1"), Tracing("f2"), Dashboard("a1")),
            new ApplyOptions(Start.AddSeconds(30), MaxConcurrency: 1),
            (aws, time) => aws.OnWrite = target =>
            {
                if (target == "f2")
                {
                    time.Advance(TimeSpan.FromMinutes(1));
                }
            });

        Assert.Equal(["UpdateFunctionConfiguration f1", "UpdateFunctionConfiguration f2"], aws.Writes);
        Assert.Equal(ChangeStatus.Pending, result.Outcomes[2].Status);
        Assert.Contains("deadline", result.Outcomes[2].Message, StringComparison.Ordinal);
        Assert.Equal(StopReason.Deadline, result.Stopped);
    }

    [Fact]
    public async Task ApplyAsync_FailedWrite_CarriesTheAwsErrorCode()
    {
        var (result, _) = await ApplyAsync(PlanOf(Alarm("a1"), Alarm("a2")), arrange: (aws, _) => aws.Failures["a1"] = "LimitExceeded");

        Assert.Equal(ChangeStatus.Failed, result.Outcomes[0].Status);
        Assert.Equal("LimitExceeded", result.Outcomes[0].ErrorCode);
        Assert.Equal(ChangeStatus.Applied, result.Outcomes[1].Status);
    }

    [Fact]
    public async Task ApplyAsync_MostWritesFail_StopsAtTheErrorRatio()
    {
        var alarms = Enumerable.Range(0, 20).Select(i => Alarm($"a{i:D2}")).ToArray();

        var (result, aws) = await ApplyAsync(PlanOf(alarms), arrange: (aws, _) =>
        {
            foreach (var alarm in alarms)
            {
                aws.Failures[alarm.Target] = "AccessDenied";
            }
        });

        Assert.Equal(StopReason.ErrorRatio, result.Stopped);
        Assert.Equal(6, result.Outcomes.Count(o => o.Status == ChangeStatus.Failed));
        Assert.Equal(14, result.Outcomes.Count(o => o.Status == ChangeStatus.Pending));
    }

    [Fact]
    public async Task ApplyAsync_Cancelled_ReportsEverythingPending()
    {
        var time = new FakeTimeProvider(Start);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var result = await new ChangeApplier(new RecordingAwsClients(), time).ApplyAsync(PlanOf(Tracing("f1")), new ApplyOptions(Start.AddMinutes(1)), cancelled.Token);

        Assert.Equal(ChangeStatus.Pending, Assert.Single(result.Outcomes).Status);
        Assert.Equal(StopReason.Cancelled, result.Stopped);
    }
}
