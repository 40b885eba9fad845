using Reconciler.Policies;

namespace Reconciler.Tests.Policies;

public sealed class PolicyLoaderTests : IDisposable
{
    private readonly DirectoryInfo temp = Directory.CreateTempSubdirectory("policy-loader-");

    public void Dispose() => temp.Delete(recursive: true);

    [Fact]
    public void LoadDirectory_SamplePolicies_LoadWithExpectedValues()
    {
        var result = PolicyLoader.LoadDirectory(PolicyText.PoliciesDirectory());

        Assert.Empty(result.Errors);
        var policy = Assert.Single(result.Policies, p => p.Name == "project-management");
        Assert.Equal(PolicyMode.Enforce, policy.Mode);
        Assert.Equal(["project-management"], policy.Selector.Tags["app"]);
        Assert.Equal([ResourceType.LambdaFunction, ResourceType.ApiGatewayStage], policy.Selector.ResourceTypes);
        Assert.False(policy.Selector.MatchAll);
        Assert.Equal(new TracingSpec(LambdaTracingMode.Active, true), policy.Tracing);
        Assert.Equal(["arn:aws:sns:us-east-1:123456789012:ops-alerts"], policy.Alarms.Actions.Alarm);
        Assert.Empty(policy.Alarms.Actions.Ok);

        Assert.Equal(
            [("error-rate", "ErrorRate", "Sum", 5.0, 5, 3), ("latency", "Duration", "p99", 2000.0, 5, 5)],
            policy.Alarms.Lambda.Select(r => (r.Name, r.Metric, r.Statistic, r.Threshold, r.EvaluationPeriods, r.DatapointsToAlarm)));
        Assert.Equal(
            [("5xx-rate", "5XXError", "Average", 0.05), ("latency", "Latency", "p99", 2000.0)],
            policy.Alarms.ApiGateway.Select(r => (r.Name, r.Metric, r.Statistic, r.Threshold)));
        Assert.All(policy.Alarms.Lambda.Concat(policy.Alarms.ApiGateway), rule =>
        {
            Assert.Equal(ComparisonOperator.GreaterThanThreshold, rule.Comparison);
            Assert.Equal(60, rule.Period);
            Assert.Equal(TreatMissingData.NotBreaching, rule.TreatMissingData);
        });

        Assert.NotNull(policy.Dashboard);
        Assert.Equal("AppMonitoringDashboard", policy.Dashboard.Name);
        Assert.Equal(
            ["Lambda invocations", "Lambda errors", "Lambda duration p99", "API requests and errors", "API latency p99", "Alarms", "Recent errors"],
            policy.Dashboard.Widgets.Select(w => w.Title));
        Assert.Equal(WidgetType.Logs, policy.Dashboard.Widgets[6].Type);
        Assert.Equal(new LogsSpec(30, LambdaLogFormat.Json, null, null), policy.Section<LogsSpec>());
        Assert.Equal(["Count", "4XXError", "5XXError"], policy.Dashboard.Widgets[3].Metrics);
        Assert.Equal(WidgetType.AlarmStatus, policy.Dashboard.Widgets[5].Type);
        Assert.Equal(new ReportSpec("arn:aws:sns:us-east-1:123456789012:drift-reports", ReportWhen.OnChange), policy.Report);
        Assert.EndsWith("project-management.yaml", policy.Source.File, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadDirectory_EverySamplePolicy_StartsWithTheSchemaComment()
    {
        var files = Directory.EnumerateFiles(PolicyText.PoliciesDirectory(), "*.y*ml", SearchOption.AllDirectories).ToList();

        Assert.NotEmpty(files);
        Assert.All(files, file => Assert.StartsWith(
            "# yaml-language-server: $schema=./policy-v1.schema.json\n", File.ReadAllText(file), StringComparison.Ordinal));
    }

    [Fact]
    public void LoadText_MinimalPolicy_GetsEveryDefault()
    {
        var result = PolicyLoader.LoadText("min.yaml", """
            apiVersion: reconciler.observability/v1
            kind: ObservabilityPolicy
            metadata: { name: minimal }
            spec:
              selector: { tags: { app: [shop, shop-dev] } }
              alarms:
                lambda: [{ name: errors, metric: Errors, threshold: 1 }]
                apiGateway: [{ name: latency, metric: Latency, threshold: 500 }]
              dashboard: {}
            """);

        Assert.Empty(result.Errors);
        var policy = Assert.Single(result.Policies);
        Assert.Equal(new PolicySource("min.yaml", 1, 1), policy.Source);
        Assert.Equal(PolicyMode.Enforce, policy.Mode);
        Assert.Equal(["shop", "shop-dev"], policy.Selector.Tags["app"]);
        Assert.Equal([ResourceType.LambdaFunction, ResourceType.ApiGatewayStage], policy.Selector.ResourceTypes);
        Assert.Empty(policy.Selector.Exclude.Names);
        Assert.Empty(policy.Selector.Exclude.Tags);
        Assert.Equal(new TracingSpec(null, null), policy.Tracing);
        Assert.False(policy.Alarms.Adopt);
        Assert.Empty(policy.Alarms.Actions.Alarm);

        var errors = policy.Alarms.Lambda.Single();
        Assert.Equal(
            ("Sum", ComparisonOperator.GreaterThanThreshold, 60, 5, 5, TreatMissingData.NotBreaching),
            (errors.Statistic, errors.Comparison, errors.Period, errors.EvaluationPeriods, errors.DatapointsToAlarm, errors.TreatMissingData));
        Assert.Equal(new PolicySource("min.yaml", 7, 14), errors.Source);
        Assert.Equal("p99", policy.Alarms.ApiGateway.Single().Statistic);

        Assert.NotNull(policy.Dashboard);
        Assert.Equal("minimal", policy.Dashboard.Name);
        Assert.Equal(PolicyDefaults.DefaultWidgets(policy.Selector.ResourceTypes), policy.Dashboard.Widgets, WidgetComparer.Instance);
        Assert.Equal(new ReportSpec(null, ReportWhen.OnChange), policy.Report);
    }

    [Fact]
    public void LoadText_MatchAllWithoutTags_IsAccepted()
    {
        var result = PolicyLoader.LoadText("all.yaml", "apiVersion: reconciler.observability/v1\nkind: ObservabilityPolicy\nmetadata: { name: all }\nspec:\n  selector: { matchAll: true, resourceTypes: [lambda:function] }\n  dashboard: { name: All_Functions }\n");

        var policy = Assert.Single(result.Policies);
        Assert.True(policy.Selector.MatchAll);
        Assert.Empty(policy.Selector.Tags);
        Assert.Equal([ResourceType.LambdaFunction], policy.Selector.ResourceTypes);
        Assert.DoesNotContain(policy.Dashboard!.Widgets, widget => widget.Resource == ResourceType.ApiGatewayStage);
    }

    [Fact]
    public void LoadText_SeveralDocumentsAndEmptyOnes_LoadsEach()
    {
        var yaml = "# leading comment\n---\n" + Minimal("one") + "---\n# nothing here\n---\n" + Minimal("two") + "...\n";

        var result = PolicyLoader.LoadText("multi.yaml", yaml);

        Assert.Empty(result.Errors);
        Assert.Equal(["one", "two"], result.Policies.Select(policy => policy.Name));
        Assert.Equal(3, result.Policies[0].Source.Line);
    }

    [Fact]
    public void LoadDirectory_DuplicateNameAcrossFiles_NamesBothPlaces()
    {
        Directory.CreateDirectory(Path.Combine(temp.FullName, "team"));
        File.WriteAllText(Path.Combine(temp.FullName, "a.yaml"), Minimal("shop"));
        File.WriteAllText(Path.Combine(temp.FullName, "team", "b.yml"), Minimal("shop"));
        File.WriteAllText(Path.Combine(temp.FullName, "notes.txt"), "not a policy");

        var result = PolicyLoader.LoadDirectory(temp.FullName);

        Assert.Equal(2, result.FileCount);
        var error = Assert.Single(result.Errors);
        var first = Path.Join(temp.FullName, "a.yaml");
        var second = Path.Join(temp.FullName, "team", "b.yml");
        Assert.Equal(
            $"{second}:3:19: metadata.name: \"shop\" is already used by the policy at {first}:3:19; policy names must be unique across all files",
            error.ToString());
    }

    [Fact]
    public void LoadDirectory_RelativePath_ReportsPathsAsPassed()
    {
        File.WriteAllText(Path.Combine(temp.FullName, "bad.yaml"), Minimal("Bad"));
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, temp.FullName);

        var error = Assert.Single(PolicyLoader.LoadDirectory(relative).Errors);

        Assert.Equal(Path.Join(relative, "bad.yaml"), error.File);
    }

    [Fact]
    public void LoadDirectory_SameDashboardInTwoPolicies_IsAnError()
    {
        File.WriteAllText(Path.Combine(temp.FullName, "a.yaml"), Minimal("one") + "  dashboard: { name: Shared }\n");
        File.WriteAllText(Path.Combine(temp.FullName, "b.yaml"), Minimal("two") + "  dashboard: { name: Shared }\n");

        var error = Assert.Single(PolicyLoader.LoadDirectory(temp.FullName).Errors);

        Assert.Equal((6, 22), (error.Line, error.Column));
        Assert.Contains("dashboard \"Shared\" is already managed by policy \"one\"", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("b.yaml", error.File, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadDirectory_MissingDirectory_IsAnError()
    {
        var missing = Path.Combine(temp.FullName, "nope");

        var result = PolicyLoader.LoadDirectory(missing);

        Assert.False(result.IsValid);
        Assert.Contains("policy directory not found", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadDirectory_NoPolicyFiles_IsAnError()
    {
        File.WriteAllText(Path.Combine(temp.FullName, "readme.md"), "# policies");

        var result = PolicyLoader.LoadDirectory(temp.FullName);

        Assert.False(result.IsValid);
        Assert.Contains("no policy files (*.yaml or *.yml)", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadText_FileWithOnlyComments_IsAnError()
    {
        var error = Assert.Single(PolicyLoader.LoadText("empty.yaml", "# nothing\n").Errors);

        Assert.StartsWith("empty.yaml:1:1: no policy document in this file", error.ToString(), StringComparison.Ordinal);
    }

    internal static string Minimal(string name) =>
        $"apiVersion: reconciler.observability/v1\nkind: ObservabilityPolicy\nmetadata: {{ name: {name} }}\nspec:\n  selector: {{ tags: {{ app: {name} }} }}\n";

    private sealed class WidgetComparer : IEqualityComparer<WidgetSpec>
    {
        public static readonly WidgetComparer Instance = new();

        public bool Equals(WidgetSpec? x, WidgetSpec? y) =>
            x is not null && y is not null && x.Title == y.Title && x.Type == y.Type && x.Resource == y.Resource &&
            x.Statistic == y.Statistic && x.Metrics.SequenceEqual(y.Metrics);

        public int GetHashCode(WidgetSpec obj) => obj.Title.GetHashCode(StringComparison.Ordinal);
    }
}
