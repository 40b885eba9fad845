using Reconciler.Planning;
using Reconciler.Policies;
using Reconciler.Reporting;

namespace Reconciler.Tests.Reporting;

public sealed class ReportSubjectTests
{
    [Fact]
    public void For_ProjectManagementRun_SaysOutcomeAccountAndRegion() =>
        Assert.Equal("Drift: 2 corrected, 1 failed, 1 pending, 1 conflict in 123456789012 us-east-1", ReportSubject.For(ReportFixtures.Report()));

    [Fact]
    public void For_InSyncRun_CountsResourcesInSync()
    {
        var plan = ReportFixtures.Plan() with { Changes = [], Conflicts = [], Resources = [.. ReportFixtures.Plan().Resources.Where(r => r.State != ResourceState.Drifted)] };

        var report = RunReportBuilder.Build(ReportFixtures.Context(), [ReportFixtures.PolicyOf()], plan, new ApplyResult([], null), [], []);

        Assert.Equal("In sync: 3 resources in 123456789012 us-east-1", ReportSubject.For(report));
    }

    [Fact]
    public void For_AuditRun_SaysDriftFoundAndCountsChanges()
    {
        var plan = ReportFixtures.Plan() with { Changes = [.. ReportFixtures.Plan().Changes.Select(c => c with { Enforced = false })], Conflicts = [] };

        var report = RunReportBuilder.Build(ReportFixtures.Context(), [ReportFixtures.PolicyOf(mode: PolicyMode.Audit)], plan, null, [], []);

        Assert.Equal("Drift found (audit): 4 changes in 123456789012 us-east-1", ReportSubject.For(report));
    }

    [Theory]
    [InlineData("123456789012", "us-east-1\r\nBcc: someone@example.com")]
    [InlineData("123456789012\u0007\u001b[31m", "eu-central-1")]
    [InlineData("123456789012", "a-region-name-that-goes-on-and-on-and-on-and-on-and-on-and-on-and-on-and-on-and-on-and-on-and-on")]
    [InlineData("ÄccountWithUnicode✓", "ap-southeast-2")]
    public void For_HostileOrLongInputs_StaysUnderHundredPrintableAsciiCharacters(string account, string region)
    {
        var report = ReportFixtures.Report() with { AccountId = account, Region = region };

        var subject = ReportSubject.For(report);

        Assert.InRange(subject.Length, 1, 99);
        Assert.All(subject, c => Assert.InRange(c, ' ', '~'));
        Assert.StartsWith("Drift: ", subject, StringComparison.Ordinal);
    }

    [Fact]
    public void For_HugeCounts_StaysUnderHundredCharacters()
    {
        var report = ReportFixtures.Report() with
        {
            AccountId = "123456789012",
            Region = "ap-southeast-2",
            Summary = new ReportSummary(
                ReportOutcome.Failed,
                new EntryCounts(9_999_999, 1, 1_234_567, 1_234_567, 1_234_567, 1_234_567, 1_234_567, 0),
                new ChangeCounts(0, 0, 0, 0, 0, 0),
                1_234_567,
                1_234_567),
        };

        var subject = ReportSubject.For(report);

        Assert.InRange(subject.Length, 1, 99);
        Assert.EndsWith("...", subject, StringComparison.Ordinal);
    }
}
