using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Reconciler.Kinds.Dashboards;
using Reconciler.Planning;
using Reconciler.Policies;
using static Reconciler.Tests.Planning.PlanningFixtures;

namespace Reconciler.Tests.Planning;

public class DashboardTests
{
    private const string DashboardName = "AppMonitoringDashboard";

    private static PutDashboard DesiredDashboard(ObservabilityPolicy policy, Observation observation, PlanningOptions? options = null) =>
        Planner.CreatePlan([policy], observation, options ?? Options).Changes.Select(c => c.Payload).OfType<PutDashboard>().Single();

    private static JsonArray Widgets(string body) => JsonNode.Parse(body)!["widgets"]!.AsArray();

    [Fact]
    public void Render_ProjectManagementExample_MatchesGoldenFile()
    {
        var put = DesiredDashboard(Policy(), Observe());

        Golden.AssertMatches("dashboard-body.json", Indented(put.Body));
    }

    [Fact]
    public void Render_PolicyWithAnXRayGroup_HeaderNamesTheGroupAndLinksTheTraceMapAndTraces()
    {
        var body = DesiredDashboard(Policy().WithSection(new Reconciler.Kinds.TraceGroups.TraceGroupSpec(true)), Observe()).Body;
        var widgets = Widgets(body);

        var header = (string)widgets[0]!["properties"]!["markdown"]!;
        Assert.Contains("Traces: X-Ray group **reconciler-project-management** (pick it in the Group menu): [trace map](https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#xray:service-map/map) · [traces](https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#xray:traces/query)", header, StringComparison.Ordinal);
        Assert.True(OwnershipMarker.TryReadDashboardOwner(body, out var owner), "the marker still reads after the traces line");
        Assert.Equal("project-management", owner);
        Assert.Equal(3, (int)widgets[0]!["height"]!);
        Assert.DoesNotContain("X-Ray group", (string)Widgets(DesiredDashboard(Policy(), Observe()).Body)[0]!["properties"]!["markdown"]!, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("eu-west-1", "https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1")]
    [InlineData("cn-north-1", "https://console.amazonaws.cn/cloudwatch/home?region=cn-north-1")]
    [InlineData("us-gov-west-1", "https://console.amazonaws-us-gov.com/cloudwatch/home?region=us-gov-west-1")]
    public void ConsoleUrls_CloudWatch_IsInTheRegionsPartition(string region, string want)
    {
        Assert.Equal(want, ConsoleUrls.CloudWatch(region));
    }

    [Fact]
    public void Render_MoreWidgetsThanCloudWatchHolds_CappedAt500WithNotice()
    {
        var many = Enumerable.Range(0, 500)
            .Select(i => new WidgetSpec($"Errors {i}", WidgetType.Metric, ResourceType.LambdaFunction, ["Errors"], "Sum"))
            .ToList();
        var policy = Policy() with { Dashboard = new DashboardSpec(DashboardName, many) };

        var plan = Planner.CreatePlan([policy], Observe(), Options);

        var put = plan.Changes.Select(c => c.Payload).OfType<PutDashboard>().Single();
        Assert.Equal(DashboardRendering.MaxWidgetsPerDashboard, Widgets(put.Body).Count);
        Assert.Contains(plan.Notices, n => n.Message.Contains("1 of 501 widgets left out", StringComparison.Ordinal));
    }

    [Fact]
    public void Render_Example_MarkerFirstThenTwoWidgetsPerRow()
    {
        var widgets = Widgets(DesiredDashboard(Policy(), Observe()).Body);

        Assert.Equal("text", (string?)widgets[0]!["type"]);
        Assert.True(OwnershipMarker.TryReadDashboardOwner(DesiredDashboard(Policy(), Observe()).Body, out var owner));
        Assert.Equal("project-management", owner);
        AssertLines(
            ["text 0,0 24x2", "metric 0,2 12x6", "metric 12,2 12x6", "metric 0,8 12x6", "metric 12,8 12x6", "metric 0,14 12x6", "alarm 12,14 12x6"],
            widgets.Select(w => $"{w!["type"]} {w["x"]},{w["y"]} {w["width"]}x{w["height"]}"));
        var apiRequests = widgets[4]!["properties"]!;
        Assert.Equal("API requests and errors", (string?)apiRequests["title"]);
        Assert.Equal(6, apiRequests["metrics"]!.AsArray().Count);
        Assert.Equal("""["AWS/ApiGateway","Count","ApiName","ProjectManagementAPI","Stage","dev"]""", apiRequests["metrics"]![0]!.ToJsonString());
    }

    [Fact]
    public void Render_AlarmStatus_ListsArnsOfOwnedAlarmsOnly()
    {
        var converged = Converged(Policy());
        var latency = "reconciler-project-management-UploadFile-latency";
        var handMade = converged.WithAlarms(converged.Alarms.Values.Select(a => a.AlarmName == latency ? a with { AlarmDescription = "hand made" } : a));
        var observation = handMade.WithSlot(new ObservedDashboards(new Dictionary<string, ObservedDashboard?> { [DashboardName] = null }));

        var alarms = Widgets(DesiredDashboard(Policy(), observation).Body)[6]!["properties"]!["alarms"]!.AsArray().Select(a => (string)a!).ToList();

        Assert.Equal(7, alarms.Count);
        Assert.Contains("arn:aws:cloudwatch:us-east-1:123456789012:alarm:reconciler-project-management-ManageProjects-latency", alarms);
        Assert.DoesNotContain(alarms, a => a.EndsWith(latency, StringComparison.Ordinal));
    }

    [Fact]
    public void Render_NoAccountId_AlarmWidgetBecomesNoteAndNotice()
    {
        var plan = Planner.CreatePlan([Policy()], Observe(), Options with { AccountId = null });

        var put = plan.Changes.Select(c => c.Payload).OfType<PutDashboard>().Single();
        Assert.Equal("text", (string?)Widgets(put.Body)[6]!["type"]);
        Assert.Contains(plan.Notices, n => n.Message.Contains("account id is unknown", StringComparison.Ordinal));
    }

    [Fact]
    public void CreatePlan_NoAccountIdAndDashboardExists_LeavesItUnchangedWithNotice()
    {
        // An update rendered without the account id would empty the alarm widget of a good dashboard.
        var edited = JsonNode.Parse(DesiredDashboard(Policy(), Observe()).Body)!;
        edited["widgets"]![2]!["properties"]!["title"] = "Errors!";
        var observation = Converged(Policy()).WithSlot(new ObservedDashboards(new Dictionary<string, ObservedDashboard?> { [DashboardName] = new(DashboardName, edited.ToJsonString()) }));

        var plan = Planner.CreatePlan([Policy()], observation, Options with { AccountId = null });

        Assert.DoesNotContain(plan.Changes, c => c.Kind == ChangeKind.Dashboard);
        Assert.Contains(plan.Notices, n => n.Message.Contains("STS GetCallerIdentity failed", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(500, new[] { "Lambda invocations:500" })]
    [InlineData(501, new[] { "Lambda invocations (1/2):500", "Lambda invocations (2/2):1" })]
    [InlineData(1200, new[] { "Lambda invocations (1/3):500", "Lambda invocations (2/3):500", "Lambda invocations (3/3):200" })]
    public void Render_WidgetPast500Metrics_SplitIntoNumberedWidgets(int functions, string[] want)
    {
        var policy = Policy() with { Dashboard = new DashboardSpec(DashboardName, [Policy().Dashboard!.Widgets[0]]) };
        var scope = Scope(functions: [.. Enumerable.Range(0, functions).Select(i => Function($"fn-{i:D4}"))], stages: []);

        var widgets = Widgets(DesiredDashboard(policy, Observe([scope])).Body);

        AssertLines(want, widgets.Skip(1).Select(w => $"{w!["properties"]!["title"]}:{w["properties"]!["metrics"]!.AsArray().Count}"));
    }

    [Fact]
    public void Render_DashboardPast2500Metrics_CappedWithNotice()
    {
        var lambda = new WidgetSpec("Lambda", WidgetType.Metric, ResourceType.LambdaFunction, ["Invocations", "Errors"], "Sum");
        var policy = Policy() with { Dashboard = new DashboardSpec(DashboardName, [lambda, lambda with { Title = "Again" }]) };
        var scope = Scope(functions: [.. Enumerable.Range(0, 800).Select(i => Function($"fn-{i:D4}"))], stages: []);

        var plan = Planner.CreatePlan([policy], Observe([scope]), Options);

        var body = plan.Changes.Select(c => c.Payload).OfType<PutDashboard>().Single().Body;
        var counts = Widgets(body).Skip(1).Select(w => w!["properties"]!["metrics"]!.AsArray().Count).ToList();
        Assert.Equal(2500, counts.Sum());
        Assert.All(counts, c => Assert.True(c <= 500));
        var notice = Assert.Single(plan.Notices);
        Assert.Contains("700 metric line(s) of widget(s) [Again] left out", notice.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreatePlan_ObservedBodySameMeaningOtherKeyOrderAndWhitespace_NoChange()
    {
        var put = DesiredDashboard(Policy(), Observe());
        var reordered = Reorder(JsonNode.Parse(put.Body)!).ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        reordered = reordered.Replace("\"period\": 300", "\"period\": 300.0", StringComparison.Ordinal);
        Assert.NotEqual(put.Body, reordered);
        var observation = Converged(Policy()).WithSlot(new ObservedDashboards(new Dictionary<string, ObservedDashboard?> { [DashboardName] = new(DashboardName, reordered) }));

        var plan = Planner.CreatePlan([Policy()], observation, Options);

        Assert.True(plan.InSync, WantGot([], plan.Changes.SelectMany(c => c.Fields).Select(Describe)));
    }

    [Fact]
    public void CreatePlan_ObservedBodyEdited_UpdateWithPathsThatDiffer()
    {
        var put = DesiredDashboard(Policy(), Observe());
        var edited = JsonNode.Parse(put.Body)!;
        var removedLine = edited["widgets"]![1]!["properties"]!["metrics"]![0]!.ToJsonString();
        edited["widgets"]![1]!["properties"]!["metrics"]!.AsArray().RemoveAt(0);
        edited["widgets"]![2]!["properties"]!["title"] = "Errors!";
        edited["widgets"]!.AsArray().Add(JsonNode.Parse("""{"type":"text","x":0,"y":30,"width":6,"height":2,"properties":{"markdown":"hi"}}"""));
        var observation = Converged(Policy()).WithSlot(new ObservedDashboards(new Dictionary<string, ObservedDashboard?> { [DashboardName] = new(DashboardName, edited.ToJsonString()) }));

        var plan = Planner.CreatePlan([Policy()], observation, Options);

        var change = Assert.Single(plan.Changes);
        Assert.Equal((ChangeKind.Dashboard, ChangeAction.Update), (change.Kind, change.Action));
        AssertLines(
            ["widgets[1].properties.metrics (items that differ)", "widgets[2].properties.title", "widgets[7]"],
            change.Fields.Select(f => f.Field));
        Assert.Equal(("[]", $"[{removedLine}]"), (change.Fields[0].Before, change.Fields[0].After));
        Assert.Equal("\"Errors!\"", change.Fields[1].Before);
        Assert.Null(change.Fields[2].After);
        Assert.Equal(put.Body, ((PutDashboard)change.Payload).Body);
    }

    [Theory]
    [InlineData(false, nameof(ConflictKind.NotOwned), null)]
    [InlineData(true, null, nameof(ChangeAction.Update))]
    public void CreatePlan_DashboardWithoutMarker_ConflictUnlessAdopt(bool adopt, string? wantConflictName, string? wantActionName)
    {
        ConflictKind? wantConflict = wantConflictName is null ? null : Enum.Parse<ConflictKind>(wantConflictName);
        ChangeAction? wantAction = wantActionName is null ? null : Enum.Parse<ChangeAction>(wantActionName);
        var policy = Policy() with { Alarms = Policy().Alarms with { Adopt = adopt } };
        var observation = Converged(policy).WithSlot(new ObservedDashboards(
            new Dictionary<string, ObservedDashboard?> { [DashboardName] = new(DashboardName, """{"widgets":[{"type":"text","x":0,"y":0,"width":6,"height":2,"properties":{"markdown":"made by hand"}}]}""") }));

        var plan = Planner.CreatePlan([policy], observation, Options);

        Assert.Equal(wantConflict, plan.Conflicts.SingleOrDefault()?.Kind);
        Assert.Equal(wantAction, plan.Changes.SingleOrDefault()?.Action);
    }

    [Fact]
    public void CreatePlan_TwoPoliciesNameOneDashboard_NameCollisionAndNoDashboardChange()
    {
        var other = Policy("billing");

        var plan = Planner.CreatePlan([Policy(), other], Observe([Scope(), Scope("billing")]), Options);

        Assert.DoesNotContain(plan.Changes, c => c.Kind == ChangeKind.Dashboard);
        var conflict = Assert.Single(plan.Conflicts);
        Assert.Equal((ConflictKind.NameCollision, DashboardName), (conflict.Kind, conflict.Target));
        Assert.Equal(["billing", "project-management"], conflict.Policies);
    }

    [Fact]
    public void CreatePlan_DashboardNotObserved_NothingPlannedAndNotice()
    {
        var observation = Observe(dashboards: new Dictionary<string, ObservedDashboard?>());

        var plan = Planner.CreatePlan([Policy()], observation, Options);

        Assert.DoesNotContain(plan.Changes, c => c.Kind == ChangeKind.Dashboard);
        Assert.Contains(plan.Notices, n => n.Message.StartsWith("Dashboard AppMonitoringDashboard was not observed", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{"a":1,"b":[1,2]}""", """{ "b": [1, 2.0], "a": 1e0 }""", new string[0])]
    [InlineData("""{"a":1}""", """{"a":2}""", new[] { "a: 1 -> 2" })]
    [InlineData("""{"a":{"b":{"c":true}}}""", """{"a":{"b":{"c":false}}}""", new[] { "a.b.c: true -> false" })]
    [InlineData("""{"a":[1,2]}""", """{"a":[2,1]}""", new[] { "a: [1,2] -> [2,1]" })]
    [InlineData("""{"a":1}""", """{"b":1}""", new[] { "a: 1 -> (none)", "b: (none) -> 1" })]
    [InlineData("""{"w":[{"x":1},{"x":2}]}""", """{"w":[{"x":1},{"x":3}]}""", new[] { "w[1].x: 2 -> 3" })]
    [InlineData("not json", """{"a":1}""", new[] { "body: (not valid JSON) -> {\"a\":1}" })]
    public void Diff_JsonBodies_ComparedByMeaning(string observed, string desired, string[] want) =>
        AssertLines(want, DashboardDiffing.Diff(observed, desired).Select(Describe));

    private static JsonNode Reorder(JsonNode node) => node switch
    {
        JsonObject obj => new JsonObject(obj.Reverse().Select(p => KeyValuePair.Create(p.Key, p.Value is null ? null : Reorder(p.Value)))),
        JsonArray array => new JsonArray([.. array.Select(item => item is null ? null : Reorder(item))]),
        _ => node.DeepClone(),
    };

    private static string Indented(string body)
    {
        using var document = JsonDocument.Parse(body);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            document.RootElement.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan) + "\n";
    }
}
