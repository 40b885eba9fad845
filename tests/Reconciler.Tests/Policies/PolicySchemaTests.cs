using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Reconciler.Kinds.SamplingRules;
using Reconciler.Policies;
using Reconciler.Policies.Yaml;
using Reconciler.Verification.TraceArrival;
using YamlDotNet.RepresentationModel;

namespace Reconciler.Tests.Policies;

/// <summary>
/// Keeps policies/policy-v1.schema.json and the loader in agreement: the same documents are valid for both, and the
/// schema's enums, patterns and defaults are the loader's. Rules only code can check (datapointsToAlarm against
/// evaluationPeriods, the one-day / seven-day evaluation limit, unique alarm and policy names, settings for an
/// unselected resource type, numbers that underflow a double) are loader-only and left out of the agreement table.
/// </summary>
public sealed class PolicySchemaTests
{
    private static readonly Lazy<JsonSchema> Schema = new(() =>
        JsonSchema.FromText(File.ReadAllText(Path.Combine(PolicyText.PoliciesDirectory(), "policy-v1.schema.json"))));

    private static readonly Lazy<JsonNode> SchemaJson = new(() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(PolicyText.PoliciesDirectory(), "policy-v1.schema.json")))!);

    public static TheoryData<string, bool> Documents() => new()
    {
        { PolicyText.WithSpec(), true },
        { PolicyText.WithSpec("  mode: audit", "  tracing: { lambda: PassThrough, apiGateway: false }"), true },
        { PolicyText.WithLambdaRule("statistic: p99.9", "period: 300", "evaluationPeriods: 3", "datapointsToAlarm: 2", "comparison: LessThanThreshold", "treatMissingData: breaching"), true },
        { PolicyText.WithLambdaRule("period: 3600", "evaluationPeriods: 168"), true },
        { PolicyText.WithLambdaRule("statistic: p0.5"), true },
        { PolicyText.WithSpec("  alarms:", "    apiGateway: [{ name: r5xx, metric: 5XXError, threshold: 0.05, statistic: Average }]", "    actions: { ok: [\"arn:aws-us-gov:sns:us-gov-west-1:123456789012:t\"] }"), true },
        { PolicyText.WithSpec("  dashboard:", "    widgets: [" + string.Join(", ", Enumerable.Repeat("{ title: A, type: alarmStatus }", 499)) + "]"), true },
        { PolicyText.WithSpec("  dashboard:", "    name: My_Dash-1", "    widgets: [{ title: T, resource: apiGateway, metrics: [Count, Latency] }, { title: A, type: alarmStatus }]"), true },
        { PolicyText.WithSpec("    exclude: { names: [\"legacy-*\"], tags: { \"observability:ignore\": \"true\" } }"), true },
        { PolicyText.WithSpec("  report: { topicArn: \"arn:aws-cn:sns:cn-north-1:123456789012:reports\", when: always }"), true },
        { "apiVersion: reconciler.observability/v1\nkind: ObservabilityPolicy\nmetadata: { name: all }\nspec:\n  selector: { matchAll: true, tags: {} }\n", true },
        { "apiVersion: reconciler.observability/v1\nkind: ObservabilityPolicy\nmetadata: { name: env }\nspec:\n  selector: { tags: { app: x, env: [prod, dev] } }\n", true },

        { PolicyText.WithSpec("  logs: { retentionDays: 30 }"), true },
        { PolicyText.WithSpec("  logs: { retentionDays: 3653, format: Text }"), true },
        { PolicyText.WithSpec("  logs: { format: JSON, applicationLogLevel: TRACE, systemLogLevel: WARN }"), true },
        { PolicyText.WithSpec("  logs: {}"), true },
        { PolicyText.WithSpec("  dashboard: { widgets: [{ title: Recent errors, type: logs }, { title: A, type: alarmStatus }] }"), true },
        { PolicyText.WithSpec("  tracing: { lambda: Active, group: true, sampling: { fixedRate: 0.05, reservoirSize: 0, priority: 9999 }, verify: { window: 1440, minInvocations: 1 } }"), true },
        { PolicyText.WithSpec("  tracing: { group: false, sampling: { fixedRate: 1 }, verify: {} }"), true },
        { PolicyText.WithSpec("  tracing: { sampling: { fixedRate: 1.5 } }"), false },
        { PolicyText.WithSpec("  tracing: { sampling: { reservoirSize: 1 } }"), false },
        { PolicyText.WithSpec("  tracing: { sampling: { fixedRate: 0.1, priority: 10000 } }"), false },
        { PolicyText.WithSpec("  tracing: { verify: { window: 4 } }"), false },
        { PolicyText.WithSpec("  tracing: { verify: { window: 60, minInvocation: 3 } }"), false },
        { PolicyText.WithSpec("  tracing: { group: \"yes\" }"), false },

        { PolicyText.WithLambdaRule("evaluationPeriod: 3"), false },
        { PolicyText.WithLambdaRule("period: 45"), false },
        { PolicyText.WithLambdaRule("period: 10"), false },
        { PolicyText.WithLambdaRule("period: 20"), false },
        { PolicyText.WithLambdaRule("period: 30"), false },
        { PolicyText.WithSpec("  alarms:", "    actions: { ok: [\"arn:aws-us-gov:sns:us-gov-west-1:123456789012:t.fifo\"] }"), false },
        { PolicyText.WithSpec("  report: { topicArn: \"arn:aws:sns:us-east-1:123456789012:reports.fifo\" }"), false },
        { PolicyText.WithSpec("  dashboard:", "    widgets: [" + string.Join(", ", Enumerable.Repeat("{ title: A, type: alarmStatus }", 500)) + "]"), false },
        { "apiVersion: reconciler.observability/v1\nkind: ObservabilityPolicy\nmetadata:\n  name: |\n    orders\nspec:\n  selector: { matchAll: true }\n", false },
        { "apiVersion: reconciler.observability/v1\nkind: ObservabilityPolicy\nmetadata:\n  name: \"orders\\n\"\nspec:\n  selector: { matchAll: true }\n", false },
        { PolicyText.WithSpec("  alarms:", "    lambda:", "      - name: |", "          errors", "        metric: Errors", "        threshold: 1"), false },
        { PolicyText.WithSpec("  alarms:", "    apiGateway:", "      - name: |", "          errors", "        metric: Count", "        threshold: 1"), false },
        { PolicyText.WithLambdaRule("statistic: |", "  p99"), false },
        { PolicyText.WithSpec("  dashboard:", "    name: |", "      Orders"), false },
        { PolicyText.WithSpec("  dashboard:", "    widgets: [{ title: T, resource: lambda, metrics: [Errors], statistic: \"Sum\\n\" }]"), false },
        { PolicyText.WithSpec("  alarms:", "    actions:", "      alarm:", "        - |", "          arn:aws:sns:us-east-1:123456789012:ops"), false },
        { PolicyText.WithSpec("  report:", "    topicArn: |", "      arn:aws:sns:us-east-1:123456789012:reports"), false },
        { PolicyText.WithLambdaRule("period: 90"), false },
        { PolicyText.WithLambdaRule("statistic: p100"), false },
        { PolicyText.WithLambdaRule("statistic: p0"), false },
        { PolicyText.WithLambdaRule("statistic: average"), false },
        { PolicyText.WithLambdaRule("comparison: GreaterThan"), false },
        { PolicyText.WithLambdaRule("evaluationPeriods: 0"), false },
        { PolicyText.WithLambdaRule("evaluationPeriods: 2.5"), false },
        { PolicyText.WithLambdaRule("treatMissingData: no"), false },
        { PolicyText.WithSpec("  alarms:", "    lambda: [{ name: e, metric: Errors, threshold: \"5\" }]"), false },
        { PolicyText.WithSpec("  alarms:", "    lambda: [{ name: e, metric: Errors }]"), false },
        { PolicyText.WithSpec("  alarms:", "    lambda: [{ name: e, metric: Latency, threshold: 1 }]"), false },
        { PolicyText.WithSpec("  alarms:", "    apiGateway: [{ name: e, metric: ErrorRate, threshold: 1 }]"), false },
        { PolicyText.WithSpec("  alarms:", "    lambda: [{ name: e, metric: ErrorRate, statistic: Sum, threshold: 1 }]"), false },
        { PolicyText.WithSpec("  alarms:", "    lambda: [{ name: E_1, metric: Errors, threshold: 1 }]"), false },
        { PolicyText.WithSpec("  alarms:", "    lambda: [{ name: -e, metric: Errors, threshold: 1 }]"), false },
        { PolicyText.WithSpec("  alarms:", "    adopt: \"yes\""), false },
        { PolicyText.WithSpec("  alarms:", "    actions: { alarm: [\"arn:aws:sns:us-east-1:12345:ops\"] }"), false },
        { PolicyText.WithSpec("  alarms:", "    actions: { alarm: [\"arn:aws:sqs:us-east-1:123456789012:ops\"] }"), false },
        { PolicyText.WithSpec("  alarms:", "    actions: { alarm: \"arn:aws:sns:us-east-1:123456789012:ops\" }"), false },
        { PolicyText.WithSpec("  alarms:", "    actions: { alarm: [" + string.Join(", ", Enumerable.Range(1, 6).Select(i => $"\"arn:aws:sns:us-east-1:123456789012:t{i}\"")) + "] }"), false },
        { PolicyText.WithSpec("  logs: { retentionDays: 31 }"), false },
        { PolicyText.WithSpec("  logs: { retentionDays: 0 }"), false },
        { PolicyText.WithSpec("  logs: { retentionDays: \"30\" }"), false },
        { PolicyText.WithSpec("  logs: { format: json }"), false },
        { PolicyText.WithSpec("  logs: { format: Text, applicationLogLevel: INFO }"), false },
        { PolicyText.WithSpec("  logs: { systemLogLevel: WARN }"), false },
        { PolicyText.WithSpec("  logs: { format: JSON, systemLogLevel: ERROR }"), false },
        { PolicyText.WithSpec("  logs: { format: JSON, applicationLogLevel: info }"), false },
        { PolicyText.WithSpec("  logs: { retention: 30 }"), false },
        { PolicyText.WithSpec("  dashboard: { widgets: [{ title: E, type: logs, resource: lambda }] }"), false },
        { PolicyText.WithSpec("  dashboard: { widgets: [{ title: E, type: logs, metrics: [Errors] }] }"), false },
        { PolicyText.WithSpec("  mode: enforced"), false },
        { PolicyText.WithSpec("  tracing: { lambda: true }"), false },
        { PolicyText.WithSpec("  tracing: { apiGateway: \"true\" }"), false },
        { PolicyText.WithSpec("  report: { when: onchange }"), false },
        { PolicyText.WithSpec("  report: { topicArn: \"arn:aws:sns:us-east-1:123456789012:\" }"), false },
        { PolicyText.WithSpec("  dashboard: { widgets: [] }"), false },
        { PolicyText.WithSpec("  dashboard: { name: \"has space\" }"), false },
        { PolicyText.WithSpec("  dashboard: { widgets: [{ title: E, resource: lambda, metrics: [] }] }"), false },
        { PolicyText.WithSpec("  dashboard: { widgets: [{ title: E, resource: lambda, metrics: [Latency] }] }"), false },
        { PolicyText.WithSpec("  dashboard: { widgets: [{ title: E, resource: apiGateway, metrics: [Errors] }] }"), false },
        { PolicyText.WithSpec("  dashboard: { widgets: [{ title: E, resource: lambda }] }"), false },
        { PolicyText.WithSpec("  dashboard: { widgets: [{ resource: lambda, metrics: [Errors] }] }"), false },
        { PolicyText.WithSpec("  dashboard: { widgets: [{ title: A, type: alarmStatus, resource: lambda }] }"), false },
        { PolicyText.WithSpec("  dashboard: { widgets: [{ title: A, type: graph }] }"), false },
        { PolicyText.WithSpec("  dashboard: { widgets: [{ title: A, resource: lambda, metrics: [Errors], statistic: p100 }] }"), false },
        { PolicyText.WithSpec("    resourceTypes: []"), false },
        { PolicyText.WithSpec("    resourceTypes: [lambda:function, lambda:function]"), false },
        { PolicyText.WithSpec("    resourceTypes: [lambda]"), false },
        { PolicyText.WithSpec("    matchAll: true"), false },
        { PolicyText.WithSpec("    exclude: { names: [\"\"] }"), false },
        { PolicyText.WithSpec("    exclude: { tags: { ignore: true } }"), false },
        { PolicyText.WithSpec("    exclude: { label: x }"), false },
        { PolicyText.WithSpec("  extra: 1"), false },
        { "apiVersion: reconciler.observability/v1\nkind: ObservabilityPolicy\nmetadata: { name: x }\nspec:\n  selector: { tags: {} }\n", false },
        { "apiVersion: reconciler.observability/v1\nkind: ObservabilityPolicy\nmetadata: { name: x }\nspec:\n  selector: {}\n", false },
        { "apiVersion: reconciler.observability/v1\nkind: ObservabilityPolicy\nmetadata: { name: x }\nspec:\n  selector: { matchAll: false }\n", false },
        { "apiVersion: reconciler.observability/v1\nkind: ObservabilityPolicy\nmetadata: { name: x }\nspec:\n  mode: audit\n", false },
        { "apiVersion: reconciler.observability/v1\nkind: ObservabilityPolicy\nmetadata: { name: x }\n", false },
        { "apiVersion: reconciler.observability/v1\nkind: ObservabilityPolicy\nmetadata: { name: x }\nspec:\n  selector: { tags: { app: { a: b } } }\n", false },
        { "apiVersion: reconciler.observability/v1\nkind: ObservabilityPolicy\nmetadata: { name: x }\nspec:\n  selector: { tags: { app: [] } }\n", false },
        { "apiVersion: reconciler.observability/v1\nkind: ObservabilityPolicy\nmetadata: { name: x }\nspec:\n  selector: { tags: { app: 5 } }\n", false },
        { "apiVersion: reconciler.observability/v2\nkind: ObservabilityPolicy\nmetadata: { name: x }\nspec:\n  selector: { matchAll: true }\n", false },
        { "apiVersion: reconciler.observability/v1\nkind: Policy\nmetadata: { name: x }\nspec:\n  selector: { matchAll: true }\n", false },
        { "apiVersion: reconciler.observability/v1\nkind: ObservabilityPolicy\nmetadata: { name: X }\nspec:\n  selector: { matchAll: true }\n", false },
        { "apiVersion: reconciler.observability/v1\nkind: ObservabilityPolicy\nmetadata: { name: x, labels: {} }\nspec:\n  selector: { matchAll: true }\n", false },
        { "apiVersion: reconciler.observability/v1\nkind: ObservabilityPolicy\nspec:\n  selector: { matchAll: true }\n", false },
    };

    [Theory]
    [MemberData(nameof(Documents))]
    public void SchemaAndLoader_SameDocument_AgreeOnValidity(string yaml, bool expectedValid)
    {
        var loader = PolicyLoader.LoadText("doc.yaml", yaml);
        var schema = Schema.Value.Evaluate(ToJson(yaml), new EvaluationOptions { OutputFormat = OutputFormat.List });

        Assert.True(expectedValid == loader.IsValid, $"loader: {string.Join(" | ", loader.Errors)}");
        Assert.True(expectedValid == schema.IsValid, "schema disagrees with the loader");
    }

    [Fact]
    public void Schema_EverySamplePolicy_IsValid()
    {
        var files = Directory.EnumerateFiles(PolicyText.PoliciesDirectory(), "*.y*ml", SearchOption.AllDirectories);

        Assert.All(files, file => Assert.True(Schema.Value.Evaluate(ToJson(File.ReadAllText(file))).IsValid, file));
    }

    [Fact]
    public void Schema_Defaults_MatchPolicyDefaults()
    {
        var defs = SchemaJson.Value["$defs"]!;
        var rule = defs["spec"]!["properties"]!["alarms"]!["properties"]!["lambda"]!["items"]!["properties"]!;

        Assert.Equal(Spell(PolicyVocabulary.Modes, PolicyDefaults.Mode), Default(defs["spec"]!["properties"]!["mode"]));
        Assert.Equal(Spell(PolicyVocabulary.Comparisons, PolicyDefaults.Comparison), Default(rule["comparison"]));
        Assert.Equal(PolicyDefaults.Period.ToString(CultureInfo.InvariantCulture), Default(rule["period"]));
        Assert.Equal(PolicyDefaults.EvaluationPeriods.ToString(CultureInfo.InvariantCulture), Default(rule["evaluationPeriods"]));
        Assert.Equal(Spell(PolicyVocabulary.MissingData, PolicyDefaults.MissingData), Default(rule["treatMissingData"]));
        Assert.Equal(Spell(PolicyVocabulary.ReportWhens, PolicyDefaults.Report), Default(defs["spec"]!["properties"]!["report"]!["properties"]!["when"]));
        Assert.Equal("false", Default(defs["spec"]!["properties"]!["alarms"]!["properties"]!["adopt"]));
        Assert.Equal("false", Default(defs["selector"]!["properties"]!["matchAll"]));
        Assert.Equal(
            PolicyDefaults.ResourceTypes.Select(type => Spell(PolicyVocabulary.ResourceTypes, type)),
            defs["selector"]!["properties"]!["resourceTypes"]!["default"]!.AsArray().Select(node => node!.GetValue<string>()));
        Assert.Equal(Spell(PolicyVocabulary.WidgetTypes, PolicyDefaults.WidgetKind), Default(defs["metricWidget"]!["properties"]!["type"]));
        var tracing = defs["spec"]!["properties"]!["tracing"]!["properties"]!;
        Assert.Equal(SamplingSpec.DefaultReservoirSize.ToString(CultureInfo.InvariantCulture), Default(tracing["sampling"]!["properties"]!["reservoirSize"]));
        Assert.Equal(SamplingSpec.DefaultPriority.ToString(CultureInfo.InvariantCulture), Default(tracing["sampling"]!["properties"]!["priority"]));
        Assert.Equal(TraceVerifySpec.DefaultWindowMinutes.ToString(CultureInfo.InvariantCulture), Default(tracing["verify"]!["properties"]!["window"]));
        Assert.Equal(TraceVerifySpec.DefaultMinInvocations.ToString(CultureInfo.InvariantCulture), Default(tracing["verify"]!["properties"]!["minInvocations"]));
    }

    [Fact]
    public void Schema_EnumsAndPatterns_MatchTheLoader()
    {
        var defs = SchemaJson.Value["$defs"]!;
        var alarms = defs["spec"]!["properties"]!["alarms"]!["properties"]!;

        Assert.Equal(MetricCatalog.AlarmMetrics(ResourceType.LambdaFunction), Enum(alarms["lambda"]!["items"]!["properties"]!["metric"]));
        Assert.Equal(MetricCatalog.AlarmMetrics(ResourceType.ApiGatewayStage), Enum(alarms["apiGateway"]!["items"]!["properties"]!["metric"]));
        Assert.Equal(MetricCatalog.WidgetMetrics(ResourceType.LambdaFunction), Enum(defs["metricWidget"]!["then"]!["properties"]!["metrics"]!["items"]));
        Assert.Equal(MetricCatalog.WidgetMetrics(ResourceType.ApiGatewayStage), Enum(defs["metricWidget"]!["else"]!["properties"]!["metrics"]!["items"]));
        Assert.Equal(PolicyVocabulary.Comparisons.Select(e => e.Key), Enum(alarms["lambda"]!["items"]!["properties"]!["comparison"]));
        Assert.Equal(PolicyVocabulary.MissingData.Select(e => e.Key), Enum(alarms["lambda"]!["items"]!["properties"]!["treatMissingData"]));
        Assert.Equal(PolicyVocabulary.LambdaTracingModes.Select(e => e.Key), Enum(defs["spec"]!["properties"]!["tracing"]!["properties"]!["lambda"]));
        Assert.Equal(PolicyVocabulary.WidgetResources.Select(e => e.Key), Enum(defs["metricWidget"]!["properties"]!["resource"]));
        Assert.Equal(PolicySyntax.ToJsonSchema(PolicySyntax.StatisticPattern), defs["statistic"]!["pattern"]!.GetValue<string>());
        Assert.Equal(PolicySyntax.ToJsonSchema(PolicySyntax.SnsTopicArnPattern), defs["snsTopicArn"]!["pattern"]!.GetValue<string>());
        Assert.Equal(PolicySyntax.ToJsonSchema(PolicySyntax.NamePattern), SchemaJson.Value["properties"]!["metadata"]!["properties"]!["name"]!["pattern"]!.GetValue<string>());
        Assert.Equal(PolicySyntax.ToJsonSchema(PolicySyntax.NamePattern), alarms["lambda"]!["items"]!["properties"]!["name"]!["pattern"]!.GetValue<string>());
        Assert.Equal(PolicySyntax.ToJsonSchema(PolicySyntax.NamePattern), alarms["apiGateway"]!["items"]!["properties"]!["name"]!["pattern"]!.GetValue<string>());
        Assert.Equal(PolicySyntax.ToJsonSchema(PolicySyntax.DashboardNamePattern), defs["spec"]!["properties"]!["dashboard"]!["properties"]!["name"]!["pattern"]!.GetValue<string>());
        Assert.Equal(DashboardReader.MaxDeclaredWidgets, defs["spec"]!["properties"]!["dashboard"]!["properties"]!["widgets"]!["maxItems"]!.GetValue<int>());
        var logs = defs["spec"]!["properties"]!["logs"]!["properties"]!;
        Assert.Equal(PolicyVocabulary.LogFormats.Select(e => e.Key), Enum(logs["format"]));
        Assert.Equal(PolicyVocabulary.ApplicationLogLevels.Select(e => e.Key), Enum(logs["applicationLogLevel"]));
        Assert.Equal(PolicyVocabulary.SystemLogLevels.Select(e => e.Key), Enum(logs["systemLogLevel"]));
        Assert.Equal(LogRetentionDays.AllowedDays, logs["retentionDays"]!["enum"]!.AsArray().Select(item => item!.GetValue<int>()));
        Assert.Equal(PolicyVocabulary.ApiVersion, SchemaJson.Value["properties"]!["apiVersion"]!["const"]!.GetValue<string>());
    }

    [Fact]
    public void Schema_EveryPattern_IsAnchoredAtBothEnds()
    {
        var patterns = Descendants(SchemaJson.Value).OfType<JsonObject>()
            .Where(node => node["pattern"] is JsonValue)
            .Select(node => node["pattern"]!.GetValue<string>())
            .ToList();

        Assert.NotEmpty(patterns);
        Assert.All(patterns, pattern =>
        {
            Assert.StartsWith("^", pattern, StringComparison.Ordinal);
            Assert.EndsWith("$(?!\\n)", pattern, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void PolicySyntax_EveryPattern_IsAnchoredAtBothEnds()
    {
        var patterns = typeof(PolicySyntax).GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Where(field => field.IsLiteral && field.Name.EndsWith("Pattern", StringComparison.Ordinal))
            .Select(field => (string)field.GetRawConstantValue()!)
            .ToList();

        Assert.Equal(4, patterns.Count);
        Assert.All(patterns, pattern =>
        {
            Assert.StartsWith("\\A", pattern, StringComparison.Ordinal);
            Assert.EndsWith("\\z", pattern, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Schema_EveryObject_ForbidsUnknownKeys()
    {
        var objects = Descendants(SchemaJson.Value).OfType<JsonObject>()
            .Where(node => node["properties"] is not null && node["type"]?.GetValue<string>() == "object")
            .ToList();

        Assert.NotEmpty(objects);
        Assert.All(objects, node => Assert.False(node["additionalProperties"]!.GetValue<bool>()));
    }

    private static string Spell<T>(IReadOnlyList<KeyValuePair<string, T>> table, T value)
        where T : struct, System.Enum => PolicyVocabulary.Spell(table, value);

    private static string Default(JsonNode? node) => node!["default"]!.ToJsonString().Trim('"');

    private static IEnumerable<string> Enum(JsonNode? node) => node!["enum"]!.AsArray().Select(item => item!.GetValue<string>());

    private static IEnumerable<JsonNode> Descendants(JsonNode node)
    {
        yield return node;
        var children = node switch
        {
            JsonObject obj => obj.Select(pair => pair.Value),
            JsonArray array => array.AsEnumerable(),
            _ => [],
        };
        foreach (var child in children.OfType<JsonNode>().SelectMany(Descendants))
        {
            yield return child;
        }
    }

    /// <summary>YAML to JSON through YamlDotNet's representation model, typing plain scalars by the YAML 1.2 core schema.</summary>
    private static JsonElement ToJson(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var json = Convert(stream.Documents.Single().RootNode);
        return JsonDocument.Parse(json?.ToJsonString() ?? "null").RootElement.Clone();
    }

    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode mapping => new JsonObject(mapping.Children.Select(pair =>
            KeyValuePair.Create(((YamlScalarNode)pair.Key).Value!, Convert(pair.Value)))),
        YamlSequenceNode sequence => new JsonArray([.. sequence.Children.Select(Convert)]),
        YamlScalarNode scalar when scalar.Style is YamlDotNet.Core.ScalarStyle.Plain =>
            YamlScalarResolver.ResolvePlain(scalar.Value ?? string.Empty) switch
            {
                YamlScalarKind.Null => null,
                YamlScalarKind.Boolean => JsonValue.Create(YamlScalarResolver.ParseBoolean(scalar.Value!)),
                YamlScalarKind.Number => JsonNode.Parse(YamlScalarResolver.ParseNumber(scalar.Value!).ToString("R", CultureInfo.InvariantCulture)),
                _ => JsonValue.Create(scalar.Value),
            },
        YamlScalarNode scalar => JsonValue.Create(scalar.Value),
        _ => throw new InvalidOperationException("unexpected YAML node " + node.NodeType),
    };
}
