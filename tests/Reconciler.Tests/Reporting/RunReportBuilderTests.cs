using Reconciler.Planning;
using Reconciler.Policies;
using Reconciler.Reporting;

namespace Reconciler.Tests.Reporting;

public sealed class RunReportBuilderTests
{
    [Theory]
    [InlineData("ManageProjects", nameof(EntryStatus.Corrected))]
    [InlineData("UploadFile", nameof(EntryStatus.InSync))]
    [InlineData("legacy-export", nameof(EntryStatus.Excluded))]
    [InlineData("ProjectManagementAPI/prod", nameof(EntryStatus.InSync))]
    [InlineData("reconciler-project-management-ManageProjects-error-rate", nameof(EntryStatus.Corrected))]
    [InlineData("reconciler-project-management-UploadFile-latency", nameof(EntryStatus.Failed))]
    [InlineData("reconciler-project-management-ProjectManagementAPI-prod-latency", nameof(EntryStatus.Conflict))]
    [InlineData("AppMonitoringDashboard", nameof(EntryStatus.Pending))]
    public void Build_ProjectManagementRun_GivesEachEntryItsStatus(string name, string expected)
    {
        var report = ReportFixtures.Report();

        Assert.Equal(Enum.Parse<EntryStatus>(expected), Entry(report, name).Status);
    }

    [Fact]
    public void Build_FailedChange_CarriesAwsErrorCodeAndMessage()
    {
        var change = Entry(ReportFixtures.Report(), "reconciler-project-management-UploadFile-latency").Changes.Single();

        Assert.Equal(ReportChangeStatus.Failed, change.Status);
        Assert.Equal("LimitExceeded", change.ErrorCode);
        Assert.Equal("PutMetricAlarm", change.Operation);
        Assert.Contains("maximum number of alarms", change.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_ProjectManagementRun_SummarisesOutcomeAndCounts()
    {
        var summary = ReportFixtures.Report().Summary;

        Assert.Equal(ReportOutcome.Failed, summary.Outcome);
        Assert.Equal(new EntryCounts(9, 3, 2, 0, 1, 1, 1, 1), summary.Resources);
        Assert.Equal(new ChangeCounts(4, 2, 1, 1, 0, 0), summary.Changes);
        Assert.Equal(1, summary.Conflicts);
    }

    [Fact]
    public void Build_DeadlineStop_ListsPendingWorkWithReason()
    {
        var report = ReportFixtures.Report();

        Assert.Equal(ReportStopReason.Deadline, report.StopReason);
        var pending = Assert.Single(report.Pending);
        Assert.Equal("AppMonitoringDashboard", pending.Target);
        Assert.Contains("deadline", pending.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_PlanOnly_ShowsDriftAsDriftedAndChangesAsPlanned()
    {
        var report = RunReportBuilder.Build(
            ReportFixtures.Context(dryRun: true), [ReportFixtures.PolicyOf()], ReportFixtures.Plan(), null, [], []);

        Assert.Equal(RunMode.DryRun, report.Mode);
        Assert.Equal(EntryStatus.Drifted, Entry(report, "ManageProjects").Status);
        Assert.Equal(EntryStatus.Drifted, Entry(report, "reconciler-project-management-UploadFile-latency").Status);
        Assert.All(report.Policies.SelectMany(p => p.Entries).SelectMany(e => e.Changes), c => Assert.Equal(ReportChangeStatus.Planned, c.Status));
        Assert.Empty(report.Pending);
        Assert.Equal(ReportOutcome.Drifted, report.Summary.Outcome);
    }

    [Fact]
    public void Build_AuditPolicySkippedChanges_AreDriftedNotPending()
    {
        var audit = ReportFixtures.Tracing with { Enforced = false };
        var plan = ReportFixtures.Plan() with { Changes = [audit], Conflicts = [] };
        var apply = new ApplyResult([new ChangeOutcome(audit, ChangeStatus.Skipped, null, "audit mode")], null);

        var report = RunReportBuilder.Build(
            ReportFixtures.Context(), [ReportFixtures.PolicyOf(mode: PolicyMode.Audit)], plan, apply, [], []);

        Assert.Equal(RunMode.Audit, report.Mode);
        Assert.Equal(EntryStatus.Drifted, Entry(report, "ManageProjects").Status);
        Assert.Empty(report.Pending);
    }

    [Fact]
    public void Build_GuardSkippedEnforcedChange_IsPendingForTheNextRun()
    {
        var plan = ReportFixtures.Plan() with { Changes = [ReportFixtures.Tracing], Conflicts = [] };
        var apply = new ApplyResult([new ChangeOutcome(ReportFixtures.Tracing, ChangeStatus.Skipped, null, null)], StopReason.ErrorRatio);

        var report = RunReportBuilder.Build(ReportFixtures.Context(), [ReportFixtures.PolicyOf()], plan, apply, [], []);

        Assert.Equal(EntryStatus.Pending, Entry(report, "ManageProjects").Status);
        Assert.Contains("failed for account-wide reasons", Assert.Single(report.Pending).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_ChangeWithoutOutcome_IsReportedPendingNotLost()
    {
        var apply = new ApplyResult([new ChangeOutcome(ReportFixtures.Tracing, ChangeStatus.Applied, null, null)], null);
        var plan = ReportFixtures.Plan() with { Changes = [ReportFixtures.Tracing, ReportFixtures.Threshold] };

        var report = RunReportBuilder.Build(ReportFixtures.Context(), [ReportFixtures.PolicyOf()], plan, apply, [], []);

        var entry = Entry(report, "reconciler-project-management-ManageProjects-error-rate");
        Assert.Equal(EntryStatus.Pending, entry.Status);
        Assert.Contains("no outcome", entry.Changes.Single().Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_RunErrors_KeepAwsCodeAndMakeTheRunFailed()
    {
        var plan = new Plan([], [], [], []);
        var errors = new[]
        {
            new RunError("project-management", "discovery", "User is not authorized to perform tag:GetResources", "tagging", "GetResources", "AccessDeniedException"),
        };

        var report = RunReportBuilder.Build(ReportFixtures.Context(), [ReportFixtures.PolicyOf()], plan, null, [], errors);

        var error = Assert.Single(report.Errors);
        Assert.Equal("AccessDeniedException", error.ErrorCode);
        Assert.Equal(ReportOutcome.Failed, report.Summary.Outcome);
        Assert.StartsWith("Run failed: 1 error in 123456789012", ReportSubject.For(report), StringComparison.Ordinal);
    }

    [Fact]
    public void Build_ShuffledInputs_GiveTheSameJson()
    {
        var plan = ReportFixtures.Plan();
        var shuffled = plan with
        {
            Changes = [.. plan.Changes.Reverse()],
            Resources = [.. plan.Resources.Reverse()],
        };
        var apply = ReportFixtures.Apply();
        var shuffledApply = apply with { Outcomes = [.. apply.Outcomes.Reverse()] };

        var expected = ReportJsonRenderer.Render(ReportFixtures.Report());
        var actual = ReportJsonRenderer.Render(RunReportBuilder.Build(
            ReportFixtures.Context(), [ReportFixtures.PolicyOf()], shuffled, shuffledApply, [.. ReportFixtures.Calls().Reverse()], []));

        Assert.Equal(expected, actual);
    }

    private static ReportEntry Entry(RunReport report, string name) =>
        report.Policies.SelectMany(p => p.Entries).Single(e => e.Name == name);
}
