using System.Text.Json;
using System.Text.Json.Nodes;
using Reconciler.Kinds;
using Reconciler.Kinds.Dashboards;
using Reconciler.Planning;
using static Reconciler.Tests.Kinds.KindDiffText;
using static Reconciler.Tests.Planning.PlanningFixtures;

namespace Reconciler.Tests.Kinds.Dashboards;

public class DashboardDiffTests
{
    private const string Name = "AppMonitoringDashboard";

    private static readonly string Ours = OwnershipMarker.Marker("reconciler", PolicyName);

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    // A text widget (where ownership is read from, when it carries a marker) and one metric widget whose Region and
    // title the cases vary; indented, it means the same JSON in another spelling.
    private static string Body(string markdown, string region = Region, string title = "Lambda errors", bool indented = false) =>
        new JsonObject
        {
            ["widgets"] = new JsonArray(
                new JsonObject { ["type"] = "text", ["properties"] = new JsonObject { ["markdown"] = markdown } },
                new JsonObject { ["type"] = "metric", ["properties"] = new JsonObject { ["title"] = title, ["region"] = region, ["stat"] = "Sum" } }),
        }.ToJsonString(indented ? Indented : null);

    private static DesiredDashboard Desired(bool adopt = false) => new(
        Policy() with { Alarms = Policy().Alarms with { Adopt = adopt } }, Name, Body(Ours), WidgetCount: 2, MetricCount: 1);

    public static TheoryData<string, string?, bool, string[]> Cases => new()
    {
        { "absent", null, false, ["create", "widgets: (none) -> 2 widgets, 1 metrics"] },
        { "ours, same meaning in another spelling", Body(Ours, indented: true), false, ["in sync"] },
        { "ours, a title edited", Body(Ours, title: "Errors"), false, ["update claim=reconciler/project-management", "widgets[1].properties.title: \"Errors\" -> \"Lambda errors\""] },
        { "legacy marker of this policy", Body("[reconciler:policy=project-management]"), false, ["update claim=(legacy)/project-management", $"widgets[0].properties.markdown: \"[reconciler:policy=project-management]\" -> \"{Ours}\""] },
        { "unmarked", Body("Made by hand."), false, ["conflict NotOwned"] },
        { "unmarked, policy adopts", Body("Made by hand."), true, ["update claim=none", $"widgets[0].properties.markdown: \"Made by hand.\" -> \"{Ours}\""] },
        { "unmarked graphing another Region, policy adopts", Body("Made by hand.", region: "eu-west-1"), true, ["update claim=none", $"widgets[0].properties.markdown: \"Made by hand.\" -> \"{Ours}\"", "widgets[1].properties.region: \"eu-west-1\" -> \"us-east-1\""] },
        { "another policy's, even with adopt", Body(OwnershipMarker.Marker("reconciler", "orders")), true, ["conflict NotOwned"] },
        { "another deployment's", Body(OwnershipMarker.Marker("reconciler-eu", PolicyName)), false, ["conflict NotOwned"] },
        { "ours, rendered in another Region", Body(Ours, region: "eu-west-1"), false, ["conflict OtherRegion"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Diff_Table_ReturnsTheTypedResult(string name, string? observedBody, bool adopt, string[] want)
    {
        var got = Lines(DashboardDiff.Diff(Desired(adopt), observedBody, Options));

        Assert.True(want.SequenceEqual(got), $"{name}: {WantGot(want, got)}");
    }

    [Fact]
    public void Diff_RenderedInAnotherRegion_ReasonNamesBothRegionsAndThePolicyFile()
    {
        var conflict = Assert.IsType<KindDiff.Conflict>(DashboardDiff.Diff(Desired(), Body(Ours, region: "eu-west-1"), Options));

        Assert.Contains("written by the deployment in eu-west-1", conflict.Reason, StringComparison.Ordinal);
        Assert.Contains("this run is in us-east-1", conflict.Reason, StringComparison.Ordinal);
        Assert.Contains("spec.dashboard.name of policies/project-management.yaml", conflict.Reason, StringComparison.Ordinal);
    }
}
