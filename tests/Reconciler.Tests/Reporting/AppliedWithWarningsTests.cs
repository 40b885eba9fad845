using Reconciler.Planning;
using Reconciler.Reporting;

namespace Reconciler.Tests.Reporting;

public sealed class AppliedWithWarningsTests
{
    [Fact]
    public void Render_DashboardSavedWithWarnings_ShowsTheWarningUnderTheChange()
    {
        const string warning = "saved with warnings from CloudWatch, some widgets may not render: /widgets/0/properties/metrics: The metric is not valid";
        var apply = new ApplyResult(
            [
                new ChangeOutcome(ReportFixtures.Tracing, ChangeStatus.Applied, null, null),
                new ChangeOutcome(ReportFixtures.Threshold, ChangeStatus.Applied, null, null),
                new ChangeOutcome(ReportFixtures.FailedAlarm, ChangeStatus.Applied, null, null),
                new ChangeOutcome(ReportFixtures.Dashboard, ChangeStatus.Applied, null, warning),
            ],
            null);

        var text = ReportTextRenderer.Render(ReportFixtures.Report(apply));

        var changed = text[text.IndexOf("CHANGED (4)", StringComparison.Ordinal)..];
        var dashboardLine = changed.IndexOf($"dashboard {ReportFixtures.Dashboard.Target}", StringComparison.Ordinal);
        Assert.True(dashboardLine >= 0, text);
        var after = changed[dashboardLine..];
        Assert.Contains("warning: saved with warnings from CloudWatch", after, StringComparison.Ordinal);
        Assert.Contains("The metric is not valid", after.Replace("\n        ", " ", StringComparison.Ordinal), StringComparison.Ordinal);
    }
}
