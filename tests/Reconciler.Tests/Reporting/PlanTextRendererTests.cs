using Reconciler.Kinds.Alarms;
using Reconciler.Planning;
using Reconciler.Policies;
using Reconciler.Reporting;

namespace Reconciler.Tests.Reporting;

public sealed class PlanTextRendererTests
{
    [Fact]
    public void Render_InSyncPlan_SaysNoChanges()
    {
        var plan = new Plan([], [], [new ResourceAssessment("p", ResourceType.LambdaFunction, "arn", "F", ResourceState.InSync, null)], []);

        var text = PlanTextRenderer.Render(plan);

        Assert.EndsWith("No changes. 1 resource matches its policy.\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ReadFailures_ListsThemAndNeverSaysNoChanges()
    {
        var plan = new Plan([], [], [], []);

        var text = PlanTextRenderer.Render(plan, readFailures: ["Tagging GetResources failed: AccessDeniedException: not authorized"]);

        Assert.DoesNotContain("No changes", text, StringComparison.Ordinal);
        Assert.Contains("! Tagging GetResources failed: AccessDeniedException: not authorized\n", text, StringComparison.Ordinal);
        Assert.EndsWith("Incomplete plan: 1 read of the account failed (above), so resources there were not compared and nothing there is pruned.\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_CreateUpdateDeleteAndConflict_EndsWithTerraformStyleSummary()
    {
        var delete = new PlannedChange("project-management", ChangeKind.Alarm, ChangeAction.Delete, "reconciler-project-management-OldFunction-latency",
            null, [], new DeleteAlarm("reconciler-project-management-OldFunction-latency"), Enforced: true);
        var plan = ReportFixtures.Plan() with { Changes = [.. ReportFixtures.Plan().Changes, delete] };

        var text = PlanTextRenderer.Render(plan);

        Assert.Contains("\n  - alarm reconciler-project-management-OldFunction-latency\n", text, StringComparison.Ordinal);
        Assert.Contains("\nPlan: 1 to create, 3 to update, 1 to delete, 1 conflict.\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_AuditChange_IsMarkedNotApplied()
    {
        var plan = new Plan([ReportFixtures.Tracing with { Enforced = false }], [], [], []);

        var text = PlanTextRenderer.Render(plan);

        Assert.Contains("  ~ lambda ManageProjects  tracing: PassThrough -> Active  (audit: not applied)\n", text, StringComparison.Ordinal);
        Assert.Contains("1 change belongs to audit-mode policies and will not be applied.", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_AnsiStyle_ColoursActionSymbols()
    {
        var text = PlanTextRenderer.Render(ReportFixtures.Plan(), TextStyle.Ansi);

        Assert.Contains("\u001b[32m+\u001b[0m alarm", text, StringComparison.Ordinal);
        Assert.Contains("\u001b[33m~\u001b[0m lambda", text, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', PlanTextRenderer.Render(ReportFixtures.Plan()));
    }
}
