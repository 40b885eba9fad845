using Microsoft.Extensions.Time.Testing;
using Reconciler.Actuation;
using Reconciler.Kinds.Alarms;
using Reconciler.Kinds.Dashboards;
using Reconciler.Kinds.FunctionLogging;
using Reconciler.Kinds.FunctionTracing;
using Reconciler.Planning;
using Reconciler.Policies;
using AwsErrorKind = Reconciler.Aws.AwsErrorKind;
using AwsServiceException = Reconciler.Aws.AwsServiceException;
using DashboardValidationMessage = Reconciler.Aws.DashboardValidationMessage;

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

    private static PlannedChange Logging(string function) =>
        new("pm", ChangeKind.FunctionLogging, ChangeAction.Update, function, null, [new FieldDiff("logFormat", "Text", "JSON")], new SetFunctionLogging(function, "JSON", null, null), true);

    private static Plan PlanOf(params PlannedChange[] changes) => new(changes, [], [], []);

    private static async Task<(ApplyResult Result, RecordingAwsWriter Aws)> ApplyAsync(Plan plan, ApplyOptions? options = null, Action<RecordingAwsWriter, FakeTimeProvider>? arrange = null)
    {
        var time = new FakeTimeProvider(Start);
        var aws = new RecordingAwsWriter();
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
    public async Task ApplyAsync_TracingAndLoggingOfOneFunction_OneUpdateFunctionConfigurationBothApplied()
    {
        var (result, aws) = await ApplyAsync(PlanOf(Tracing("f1"), Tracing("f2"), Logging("f1")), new ApplyOptions(Start.AddMinutes(10), MaxConcurrency: 4));

        Assert.Equal(["UpdateFunctionConfiguration f1", "UpdateFunctionConfiguration f2"], aws.Writes.Order(StringComparer.Ordinal));
        var f1 = Assert.Single(aws.FunctionUpdates, request => request.FunctionName == "f1");
        Assert.Equal(("Active", "JSON"), (f1.TracingMode, f1.LoggingConfig?.LogFormat));
        Assert.All(result.Outcomes, outcome => Assert.Equal(ChangeStatus.Applied, outcome.Status));
    }

    [Fact]
    public async Task ApplyAsync_CombinedWriteRefused_BothChangesFailWithTheirOwnMessage()
    {
        var (result, _) = await ApplyAsync(
            PlanOf(Tracing("f1"), Logging("f1")),
            arrange: (aws, _) => aws.Refusals["f1"] = XRayRefusal("f1"));

        Assert.All(result.Outcomes, outcome => Assert.Equal(ChangeStatus.Failed, outcome.Status));
        Assert.Contains("AWSXRayDaemonWriteAccess", result.Outcomes[0].Message, StringComparison.Ordinal);
        Assert.DoesNotContain("AWSXRayDaemonWriteAccess", result.Outcomes[1].Message, StringComparison.Ordinal);
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

        var result = await new ChangeApplier(new RecordingAwsWriter(), time).ApplyAsync(PlanOf(Tracing("f1")), new ApplyOptions(Start.AddMinutes(1)), cancelled.Token);

        Assert.Equal(ChangeStatus.Pending, Assert.Single(result.Outcomes).Status);
        Assert.Equal(StopReason.Cancelled, result.Stopped);
    }
    private static AwsServiceException XRayRefusal(string function) => new(
        "lambda",
        "UpdateFunctionConfiguration",
        "InvalidParameterValueException",
        "The provided execution role does not have permissions to call PutTraceSegments on XRAY",
        400,
        "req-" + function,
        AwsErrorKind.Terminal);

    private static AwsServiceException UpdateInProgress(string function) => new(
        "lambda",
        "UpdateFunctionConfiguration",
        "ResourceConflictException",
        $"The operation cannot be performed at this time. An update is in progress for resource: arn:aws:lambda:us-east-1:123456789012:function:{function}",
        409,
        "req-" + function,
        AwsErrorKind.Terminal);

    private static PlannedChange MathAlarm(string name) =>
        new("pm", ChangeKind.Alarm, ChangeAction.Create, name, null, [], new PutAlarm(new AlarmDefinition
        {
            AlarmName = name,
            ComparisonOperator = "GreaterThanThreshold",
            EvaluationPeriods = 1,
            Threshold = 5,
            Metrics =
            [
                new MetricDataQuery { Id = "errors", MetricStat = new MetricStat("AWS/Lambda", "Errors", [new MetricDimension("FunctionName", "f1")], 60, "Sum") },
                new MetricDataQuery { Id = "error_rate", Expression = "100 * errors", Label = "Error rate (%)", ReturnData = true },
            ],
        }), true);

    [Fact]
    public async Task ApplyAsync_EightRolesWithoutXRay_FailOnlyTheirTracingAndEveryAlarmIsWritten()
    {
        var refused = Enumerable.Range(0, 8).Select(i => $"refused-{i}").ToList();
        var changes = refused.Concat(["healthy-0", "healthy-1"]).Select(f => Tracing(f))
            .Concat(Enumerable.Range(0, 20).Select(i => Alarm($"a{i:D2}")))
            .ToArray();

        var (result, aws) = await ApplyAsync(PlanOf(changes), arrange: (aws, _) =>
        {
            foreach (var function in refused)
            {
                aws.Refusals[function] = XRayRefusal(function);
            }
        });

        Assert.Null(result.Stopped);
        Assert.Equal(20, aws.Writes.Count(w => w.StartsWith("PutMetricAlarm ", StringComparison.Ordinal)));
        var failed = result.Outcomes.Where(o => o.Status == ChangeStatus.Failed).ToList();
        Assert.Equal(refused, failed.Select(o => o.Change.Target));
        Assert.All(failed, o =>
        {
            Assert.Equal("InvalidParameterValueException", o.ErrorCode);
            Assert.Contains("AWSXRayDaemonWriteAccess", o.Message, StringComparison.Ordinal);
            Assert.Contains($"function {o.Change.Target}", o.Message, StringComparison.Ordinal);
            Assert.Contains("PutTraceSegments", o.Message, StringComparison.Ordinal);
        });
        Assert.Equal(22, result.Outcomes.Count(o => o.Status == ChangeStatus.Applied));
    }

    [Fact]
    public async Task ApplyAsync_RefusalsOfOneResourceAmongAccountWideFailures_OnlyTheAccountWideOnesTripTheGuard()
    {
        // Six refusals of single resources first: they prove the account works, so the guard is not yet tripped
        // when the access-denied failures start, and only those push the ratio over a half.
        var changes = Enumerable.Range(0, 6).Select(i => Tracing($"refused-{i}"))
            .Concat(Enumerable.Range(0, 20).Select(i => Alarm($"a{i:D2}")))
            .ToArray();

        var (result, _) = await ApplyAsync(PlanOf(changes), arrange: (aws, _) =>
        {
            for (var i = 0; i < 6; i++)
            {
                aws.Refusals[$"refused-{i}"] = XRayRefusal($"refused-{i}");
            }

            for (var i = 0; i < 20; i++)
            {
                aws.Failures[$"a{i:D2}"] = "AccessDenied";
            }
        });

        Assert.Equal(StopReason.ErrorRatio, result.Stopped);
        Assert.Equal(7, result.Outcomes.Count(o => o.Status == ChangeStatus.Failed && o.ErrorCode == "AccessDenied"));
    }

    [Fact]
    public async Task ApplyAsync_FunctionUpdateInProgress_IsPendingNamesTheCauseAndNeverTripsTheGuard()
    {
        var functions = Enumerable.Range(0, 10).Select(i => $"deploying-{i}").ToList();

        var (result, aws) = await ApplyAsync(PlanOf([.. functions.Select(f => Tracing(f)), Alarm("a1")]), arrange: (aws, _) =>
        {
            foreach (var function in functions)
            {
                aws.Refusals[function] = UpdateInProgress(function);
            }
        });

        Assert.Null(result.Stopped);
        Assert.Equal(["PutMetricAlarm a1"], aws.Writes);
        Assert.All(result.Outcomes.Take(10), o =>
        {
            Assert.Equal(ChangeStatus.Pending, o.Status);
            Assert.Contains($"an update is in progress for function {o.Change.Target}", o.Message, StringComparison.Ordinal);
            Assert.Contains("the next run retries", o.Message, StringComparison.Ordinal);
        });
        Assert.Equal(ChangeStatus.Applied, result.Outcomes[10].Status);
    }

    [Fact]
    public async Task ApplyAsync_OneOfHundredPrunesBlockedByAComposite_DeletesTheOthersAndNamesTheBlocker()
    {
        var prunes = Enumerable.Range(0, 100).Select(i => Prune($"old-{i:D3}")).ToArray();

        var (result, aws) = await ApplyAsync(PlanOf(prunes), arrange: (aws, _) => aws.CompositeChildren.Add("old-042"));

        Assert.Equal(99, aws.Deleted.Count);
        Assert.Equal(2, aws.Writes.Count + 1); // the refused call, then one call for the other 99
        var blocked = Assert.Single(result.Outcomes, o => o.Status != ChangeStatus.Applied);
        Assert.Equal((ChangeStatus.Failed, "old-042", "ValidationError"), (blocked.Status, blocked.Change.Target, blocked.ErrorCode));
        Assert.Contains("--parents-of-alarm-name old-042", blocked.Message, StringComparison.Ordinal);
        Assert.Contains("composite", blocked.Message, StringComparison.Ordinal);
        Assert.Null(result.Stopped);
    }

    [Fact]
    public async Task ApplyAsync_BlockedPrunesNotNamedByTheRefusal_HalvesTheBatchDownToTheBlockers()
    {
        var prunes = Enumerable.Range(0, 100).Select(i => Prune($"old-{i:D3}")).ToArray();

        var (result, aws) = await ApplyAsync(PlanOf(prunes), arrange: (aws, _) =>
        {
            aws.NameBlockedAlarms = false;
            aws.CompositeChildren.UnionWith(["old-007", "old-093"]);
        });

        Assert.Equal(98, aws.Deleted.Count);
        Assert.Equal(["old-007", "old-093"], result.Outcomes.Where(o => o.Status == ChangeStatus.Failed).Select(o => o.Change.Target));
        Assert.Null(result.Stopped);
    }

    [Fact]
    public async Task ApplyAsync_DashboardSavedWithWarnings_IsTaggedAndAppliedWithTheWarning()
    {
        var dashboard = new PlannedChange("pm", ChangeKind.Dashboard, ChangeAction.Create, "dash", "arn:aws:cloudwatch::123456789012:dashboard/dash", [], new PutDashboard("dash", "{}", OwnershipMarker.Tags("reconciler", "pm")), true);

        var (result, aws) = await ApplyAsync(PlanOf(dashboard), arrange: (aws, _) =>
            aws.DashboardWarnings["dash"] = [new DashboardValidationMessage("/widgets/0/properties/metrics", "The metric is not valid")]);

        Assert.Equal(["PutDashboard dash", "TagResource arn:aws:cloudwatch::123456789012:dashboard/dash"], aws.Writes);
        var outcome = Assert.Single(result.Outcomes);
        Assert.Equal(ChangeStatus.Applied, outcome.Status);
        Assert.Contains("warnings", outcome.Message, StringComparison.Ordinal);
        Assert.Contains("/widgets/0/properties/metrics: The metric is not valid", outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApplyAsync_CloudWatchStoresAFieldOtherwise_SaysSoInTheSameRun()
    {
        var (result, aws) = await ApplyAsync(PlanOf(MathAlarm("m1"), MathAlarm("m2")), arrange: (aws, _) =>
        {
            var faithful = aws.StoreAs;
            aws.StoreAs = request => request.AlarmName == "m1"
                ? faithful(request) with { Metrics = [.. request.Metrics.Select(q => q.Id == "error_rate" ? q with { Label = "Error rate" } : q)] }
                : faithful(request);
        });

        Assert.All(result.Outcomes, o => Assert.Equal(ChangeStatus.Applied, o.Status));
        Assert.Contains("CloudWatch stored metrics[error_rate] as", result.Outcomes[0].Message, StringComparison.Ordinal);
        Assert.Contains("label=\"Error rate\"", result.Outcomes[0].Message, StringComparison.Ordinal);
        Assert.Contains("the next run would write it again", result.Outcomes[0].Message, StringComparison.Ordinal);
        Assert.Null(result.Outcomes[1].Message);
        Assert.Equal(["m1", "m2"], Assert.Single(aws.AlarmReads).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ApplyAsync_250AlarmsWritten_ReadsThemBackWithOneCallPerHundred()
    {
        var alarms = Enumerable.Range(0, 250).Select(i => Alarm($"a{i:D3}")).ToArray();

        var (result, aws) = await ApplyAsync(PlanOf(alarms), new ApplyOptions(Start.AddMinutes(10)));

        Assert.Equal([100, 100, 50], aws.AlarmReads.Select(names => names.Count));
        Assert.All(result.Outcomes, o => Assert.Null(o.Message));
    }

    [Fact]
    public async Task ApplyAsync_NoAlarmWritten_ReadsNoAlarmBack()
    {
        var (_, aws) = await ApplyAsync(PlanOf(Tracing("f1"), Prune("old"), Dashboard("dash")));

        Assert.Empty(aws.AlarmReads);
    }

    [Fact]
    public async Task ApplyAsync_PruneOfAnAlarmAlreadyGone_IsAppliedWithANote()
    {
        var (result, _) = await ApplyAsync(PlanOf(Prune("gone")), arrange: (aws, _) => aws.Failures["gone"] = "ResourceNotFound");

        var outcome = Assert.Single(result.Outcomes);
        Assert.Equal(ChangeStatus.Applied, outcome.Status);
        Assert.Contains("did not exist", outcome.Message, StringComparison.Ordinal);
    }
}
