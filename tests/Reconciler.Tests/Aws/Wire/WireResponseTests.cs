using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Reconciler.Aws;

namespace Reconciler.Tests.Aws.Wire;

/// <summary>
/// Holds our response parsers to botocore's: each golden file carries a canned answer and what botocore's parser
/// read from it. Our client parses the same answer; every field we use, written with botocore's names, must have the
/// value botocore read (or, where the answer leaves it out, the default AWS documents for it).
/// </summary>
public sealed partial class WireResponseTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task DescribeAlarms_MetricMathAndPercentileAlarms_ReadsEveryFieldBotocoreReads()
    {
        var operation = GoldenWire.Operation("cloudwatch", "DescribeAlarms");
        var alarms = await WireHarness.ParseAsync(operation, clients => ListAsync(clients.CloudWatch.DescribeAlarmsAsync(new DescribeAlarmsRequest("reconciler-"), None)));

        var ours = new JsonObject { ["MetricAlarms"] = new JsonArray([.. alarms.Select(Alarm)]) };

        AssertReadsAsBotocore(operation, ours, new() { ["ReturnData"] = true, ["ActionsEnabled"] = true });
        Assert.Contains(alarms, alarm => alarm.Metrics.Count == 3);
    }

    [Fact]
    public async Task ListFunctions_ExampleWithTracingConfig_ReadsEveryFieldBotocoreReads()
    {
        var operation = GoldenWire.Operation("lambda", "ListFunctions");
        var functions = await WireHarness.ParseAsync(operation, clients => ListAsync(clients.Lambda.ListFunctionsAsync(true, None)));

        var ours = new JsonObject { ["Functions"] = new JsonArray([.. functions.Select(Function)]) };

        // Absent TracingConfig is PassThrough, Lambda's default.
        AssertReadsAsBotocore(operation, ours, new() { ["TracingConfig"] = new JsonObject { ["Mode"] = "PassThrough" } });
        Assert.Contains(functions, f => f.TracingMode == "Active");
        Assert.Contains(functions, f => f.Version == "1" && f.TracingMode == "PassThrough");
        Assert.Contains(functions, f => f.LoggingConfig is { LogFormat: "JSON", ApplicationLogLevel: "INFO", SystemLogLevel: "WARN", LogGroup: "/shared/payments" });
        Assert.Contains(functions, f => f.LoggingConfig is null);
    }

    [Theory]
    [InlineData("GetFunctionConfiguration")]
    [InlineData("UpdateFunctionConfiguration")]
    public async Task FunctionConfiguration_ExampleOutput_ReadsEveryFieldBotocoreReads(string operationName)
    {
        var operation = GoldenWire.Operation("lambda", operationName);
        var function = await WireHarness.ParseAsync(operation, clients => operationName == "GetFunctionConfiguration"
            ? clients.Lambda.GetFunctionConfigurationAsync("my-function", None)
            : clients.Lambda.UpdateFunctionConfigurationAsync(new UpdateFunctionConfigurationRequest("my-function", "PassThrough"), None));

        AssertReadsAsBotocore(operation, Function(function), new() { ["TracingConfig"] = new JsonObject { ["Mode"] = "PassThrough" } });
    }

    [Fact]
    public async Task GetFunctionConfiguration_JsonLoggingConfig_ReadsEveryMember()
    {
        var operation = GoldenWire.Operation("lambda", "GetFunctionConfiguration");
        var function = await WireHarness.ParseAsync(operation, clients => clients.Lambda.GetFunctionConfigurationAsync("my-function", None));

        Assert.Equal(new LambdaLoggingConfig("JSON", "DEBUG", "INFO", "/aws/lambda/my-function"), function.LoggingConfig);
    }

    [Fact]
    public async Task DescribeLogGroups_WithAndWithoutRetention_ReadsEveryFieldBotocoreReads()
    {
        var operation = GoldenWire.Operation("logs", "DescribeLogGroups");
        var groups = await WireHarness.ParseAsync(operation, clients => ListAsync(clients.Logs.DescribeLogGroupsAsync("/aws/lambda/", None)));

        var ours = new JsonObject
        {
            ["logGroups"] = new JsonArray([.. groups.Select(g => new JsonObject
            {
                ["logGroupName"] = g.LogGroupName,
                ["arn"] = g.Arn,
                ["retentionInDays"] = g.RetentionInDays,
            })]),
        };

        // A group without retentionInDays never expires: null, the member's documented meaning.
        AssertReadsAsBotocore(operation, ours, []);
        Assert.Contains(groups, g => g.RetentionInDays is null);
        Assert.All(groups, g => Assert.EndsWith(":*", g.Arn, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ListAliases_WeightedAndPlainAlias_ReadsEveryFieldBotocoreReads()
    {
        var operation = GoldenWire.Operation("lambda", "ListAliases");
        var aliases = await WireHarness.ParseAsync(operation, clients => ListAsync(clients.Lambda.ListAliasesAsync("my-function", None)));

        var ours = new JsonObject
        {
            ["Aliases"] = new JsonArray([.. aliases.Select(alias => new JsonObject
            {
                ["AliasArn"] = alias.AliasArn,
                ["Name"] = alias.Name,
                ["FunctionVersion"] = alias.FunctionVersion,
                ["RoutingConfig"] = new JsonObject
                {
                    ["AdditionalVersionWeights"] = new JsonObject([.. alias.AdditionalVersionWeights.Select(w => KeyValuePair.Create(w.Key, (JsonNode?)w.Value))]),
                },
            })]),
        };

        // An alias without RoutingConfig sends all its traffic to FunctionVersion: no additional weights.
        AssertReadsAsBotocore(operation, ours, new() { ["RoutingConfig"] = new JsonObject { ["AdditionalVersionWeights"] = new JsonObject() } });
        Assert.Contains(aliases, a => a.AdditionalVersionWeights.TryGetValue("1", out var weight) && weight == 0.7);
    }

    [Fact]
    public async Task GetRestApis_ItemList_ReadsEveryFieldBotocoreReads()
    {
        var operation = GoldenWire.Operation("apigateway", "GetRestApis");
        var apis = await WireHarness.ParseAsync(operation, clients => ListAsync(clients.ApiGateway.GetRestApisAsync(None)));

        var ours = new JsonObject
        {
            ["items"] = new JsonArray([.. apis.Select(api => new JsonObject { ["id"] = api.Id, ["name"] = api.Name, ["tags"] = Map(api.Tags) })]),
        };

        AssertReadsAsBotocore(operation, ours, new() { ["tags"] = new JsonObject() });
    }

    [Fact]
    public async Task GetStages_StagesWithAndWithoutTracing_ReadsEveryFieldBotocoreReads()
    {
        var operation = GoldenWire.Operation("apigateway", "GetStages");
        var stages = await WireHarness.ParseAsync(operation, clients => clients.ApiGateway.GetStagesAsync("a1b2c3d4e5", None));

        // The client sorts stages by name; botocore keeps the answer's order.
        var parsed = operation["response"]!["parsed"]!.DeepClone().AsObject();
        parsed["item"] = new JsonArray([.. parsed["item"]!.AsArray().OrderBy(s => (string)s!["stageName"]!, StringComparer.Ordinal).Select(s => s!.DeepClone())]);
        var ours = new JsonObject { ["item"] = new JsonArray([.. stages.Select(Stage)]) };

        AssertReads(parsed, ours, new() { ["tracingEnabled"] = false, ["tags"] = new JsonObject() });
        Assert.Contains(stages, stage => !stage.TracingEnabled);
    }

    [Fact]
    public async Task UpdateStage_StageAnswer_ReadsEveryFieldBotocoreReads()
    {
        var operation = GoldenWire.Operation("apigateway", "UpdateStage");
        var stage = await WireHarness.ParseAsync(operation, clients => clients.ApiGateway.UpdateStageAsync(new UpdateStageRequest("a1b2c3d4e5", "prod", [new("replace", "/tracingEnabled", "true")]), None));

        AssertReadsAsBotocore(operation, Stage(stage), new() { ["tracingEnabled"] = false, ["tags"] = new JsonObject() });
    }

    [Fact]
    public async Task GetResources_TagMappings_ReadsEveryFieldBotocoreReads()
    {
        var operation = GoldenWire.Operation("resourcegroupstaggingapi", "GetResources");
        var resources = await WireHarness.ParseAsync(operation, clients => ListAsync(clients.Tagging.GetResourcesAsync(new GetResourcesRequest([new("team", [])], []), None)));

        // Our client turns the Key/Value list into a map; compare it as a list in the answer's order.
        var ours = new JsonObject
        {
            ["ResourceTagMappingList"] = new JsonArray([.. resources.Select(r => new JsonObject
            {
                ["ResourceARN"] = r.ResourceArn,
                ["Tags"] = new JsonArray([.. r.Tags.Select(t => new JsonObject { ["Key"] = t.Key, ["Value"] = t.Value })]),
            })]),
        };

        AssertReadsAsBotocore(operation, ours, []);
        Assert.Contains(resources, r => r.Tags.TryGetValue("observability", out var value) && value.Length == 0);
    }

    [Fact]
    public async Task PutDashboard_ValidationMessages_ReadsEveryFieldBotocoreReads()
    {
        var operation = GoldenWire.Operation("cloudwatch", "PutDashboard");
        var messages = await WireHarness.ParseAsync(operation, clients => clients.CloudWatch.PutDashboardAsync("reconciler-payments", "{}", None));

        var ours = new JsonObject
        {
            ["DashboardValidationMessages"] = new JsonArray([.. messages.Select(m => new JsonObject { ["DataPath"] = m.DataPath, ["Message"] = m.Message })]),
        };

        AssertReadsAsBotocore(operation, ours, []);
    }

    [Fact]
    public async Task GetDashboard_EscapedBody_ReadsEveryFieldBotocoreReads()
    {
        var operation = GoldenWire.Operation("cloudwatch", "GetDashboard");
        var dashboard = await WireHarness.ParseAsync(operation, clients => clients.CloudWatch.GetDashboardAsync("reconciler-payments", None));

        Assert.NotNull(dashboard);
        var ours = new JsonObject { ["DashboardName"] = dashboard.DashboardName, ["DashboardArn"] = dashboard.DashboardArn, ["DashboardBody"] = dashboard.DashboardBody };
        AssertReadsAsBotocore(operation, ours, []);
    }

    [Fact]
    public async Task ListTagsForResource_Tags_ReadsEveryFieldBotocoreReads()
    {
        var operation = GoldenWire.Operation("cloudwatch", "ListTagsForResource");
        var tags = await WireHarness.ParseAsync(operation, clients => clients.CloudWatch.ListTagsForResourceAsync("arn:aws:cloudwatch:us-east-1:123456789012:alarm:a", None));

        var ours = new JsonObject { ["Tags"] = new JsonArray([.. tags.Select(t => new JsonObject { ["Key"] = t.Key, ["Value"] = t.Value })]) };
        AssertReadsAsBotocore(operation, ours, []);
    }

    [Fact]
    public async Task ListDashboards_Entries_ReadsEveryFieldBotocoreReads()
    {
        var operation = GoldenWire.Operation("cloudwatch", "ListDashboards");
        var entries = await WireHarness.ParseAsync(operation, clients => ListAsync(clients.CloudWatch.ListDashboardsAsync("reconciler-", None)));

        var ours = new JsonObject
        {
            ["DashboardEntries"] = new JsonArray([.. entries.Select(e => new JsonObject
            {
                ["DashboardName"] = e.DashboardName,
                ["DashboardArn"] = e.DashboardArn,
                ["LastModified"] = e.LastModified?.ToUniversalTime().ToString("o", CultureInfo.InvariantCulture),
                ["Size"] = e.Size,
            })]),
        };

        AssertReadsAsBotocore(operation, ours, []);
    }

    [Fact]
    public async Task Publish_MessageId_ReadsWhatBotocoreReads()
    {
        var operation = GoldenWire.Operation("sns", "Publish");
        var messageId = await WireHarness.ParseAsync(operation, clients => clients.Sns.PublishAsync(new PublishRequest("arn:aws:sns:us-east-1:123456789012:t", "m"), None));

        AssertReadsAsBotocore(operation, new JsonObject { ["MessageId"] = messageId }, []);
    }

    [Fact]
    public async Task GetTopicAttributes_AttributeMap_ReadsEveryEntryBotocoreReads()
    {
        var operation = GoldenWire.Operation("sns", "GetTopicAttributes");
        var attributes = await WireHarness.ParseAsync(operation, clients => clients.Sns.GetTopicAttributesAsync("arn:aws:sns:us-east-1:123456789012:t", None));

        var map = new JsonObject();
        foreach (var (key, value) in attributes)
        {
            map[key] = value;
        }

        AssertReadsAsBotocore(operation, new JsonObject { ["Attributes"] = map }, []);
        Assert.Contains("cloudwatch.amazonaws.com", attributes["Policy"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetCallerIdentity_ExampleOutput_ReadsWhatBotocoreReads()
    {
        var operation = GoldenWire.Operation("sts", "GetCallerIdentity");
        var identity = await WireHarness.ParseAsync(operation, clients => clients.Sts.GetCallerIdentityAsync(None));

        AssertReadsAsBotocore(operation, new JsonObject { ["Account"] = identity.Account, ["Arn"] = identity.Arn, ["UserId"] = identity.UserId }, []);
    }

    private static JsonObject Alarm(MetricAlarm alarm) => new()
    {
        ["AlarmName"] = alarm.AlarmName,
        ["AlarmArn"] = alarm.AlarmArn,
        ["AlarmDescription"] = alarm.AlarmDescription,
        ["ActionsEnabled"] = alarm.ActionsEnabled,
        ["OKActions"] = Strings(alarm.OKActions),
        ["AlarmActions"] = Strings(alarm.AlarmActions),
        ["InsufficientDataActions"] = Strings(alarm.InsufficientDataActions),
        ["StateValue"] = alarm.StateValue,
        ["MetricName"] = alarm.MetricName,
        ["Namespace"] = alarm.Namespace,
        ["Statistic"] = alarm.Statistic,
        ["ExtendedStatistic"] = alarm.ExtendedStatistic,
        ["Dimensions"] = Dimensions(alarm.Dimensions),
        ["Period"] = alarm.Period,
        ["Unit"] = alarm.Unit,
        ["EvaluationPeriods"] = alarm.EvaluationPeriods,
        ["DatapointsToAlarm"] = alarm.DatapointsToAlarm,
        ["Threshold"] = alarm.Threshold,
        ["ComparisonOperator"] = alarm.ComparisonOperator,
        ["TreatMissingData"] = alarm.TreatMissingData,
        ["Metrics"] = new JsonArray([.. alarm.Metrics.Select(q => new JsonObject
        {
            ["Id"] = q.Id,
            ["Expression"] = q.Expression,
            ["MetricStat"] = q.MetricStat is not { } stat ? null : new JsonObject
            {
                ["Metric"] = new JsonObject { ["Namespace"] = stat.Namespace, ["MetricName"] = stat.MetricName, ["Dimensions"] = Dimensions(stat.Dimensions) },
                ["Period"] = stat.Period,
                ["Stat"] = stat.Stat,
                ["Unit"] = stat.Unit,
            },
            ["Label"] = q.Label,
            ["ReturnData"] = q.ReturnData,
            ["Period"] = q.Period,
        })]),
    };

    private static JsonObject Function(FunctionConfiguration function) => new()
    {
        ["FunctionName"] = function.FunctionName,
        ["FunctionArn"] = function.FunctionArn,
        ["TracingConfig"] = new JsonObject { ["Mode"] = function.TracingMode },
        ["RevisionId"] = function.RevisionId,
        ["State"] = function.State,
        ["LastUpdateStatus"] = function.LastUpdateStatus,
        ["Version"] = function.Version,
        ["LastModified"] = function.LastModified,
        ["LoggingConfig"] = function.LoggingConfig is not { } logging ? null : new JsonObject
        {
            ["LogFormat"] = logging.LogFormat,
            ["ApplicationLogLevel"] = logging.ApplicationLogLevel,
            ["SystemLogLevel"] = logging.SystemLogLevel,
            ["LogGroup"] = logging.LogGroup,
        },
    };

    private static JsonObject Stage(Stage stage) => new()
    {
        ["stageName"] = stage.StageName,
        ["tracingEnabled"] = stage.TracingEnabled,
        ["deploymentId"] = stage.DeploymentId,
        ["tags"] = Map(stage.Tags),
        ["lastUpdatedDate"] = stage.LastUpdatedDate?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffZ", CultureInfo.InvariantCulture),
    };

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)v)]);

    private static JsonArray Dimensions(IEnumerable<Dimension> dimensions) =>
        new([.. dimensions.Select(d => new JsonObject { ["Name"] = d.Name, ["Value"] = d.Value })]);

    private static JsonObject Map(IReadOnlyDictionary<string, string> map) =>
        new(map.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => new KeyValuePair<string, JsonNode?>(pair.Key, pair.Value)));

    private static async Task<List<T>> ListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }

    private static void AssertReadsAsBotocore(JsonObject operation, JsonObject ours, Dictionary<string, JsonNode?> defaults) =>
        AssertReads(operation["response"]!["parsed"]!, ours, defaults);

    /// <summary>
    /// Every member of <paramref name="ours"/> (the fields our client reads, named as botocore names them) must equal
    /// botocore's parsed value; a member the answer leaves out must equal its documented default (an empty list for
    /// lists, null otherwise).
    /// </summary>
    private static void AssertReads(JsonNode parsed, JsonObject ours, Dictionary<string, JsonNode?> defaults)
    {
        var differences = new List<string>();
        Compare("$", parsed, ours, defaults, differences);
        Assert.True(differences.Count == 0, "Our parser reads the canned answer differently from botocore:\n  " + string.Join("\n  ", differences));
    }

    private static void Compare(string path, JsonNode? theirs, JsonNode? ours, Dictionary<string, JsonNode?> defaults, List<string> differences)
    {
        switch (theirs, ours)
        {
            case (JsonObject expected, JsonObject actual):
                foreach (var (name, value) in actual)
                {
                    var botocore = expected.ContainsKey(name)
                        ? expected[name]
                        : defaults.TryGetValue(name, out var fallback) ? fallback : value is JsonArray ? new JsonArray() : null;
                    Compare($"{path}.{name}", botocore, value, defaults, differences);
                }

                break;
            case (JsonArray expected, JsonArray actual):
                if (expected.Count != actual.Count)
                {
                    differences.Add($"{path}: botocore reads {expected.Count} items, ours {actual.Count}");
                    break;
                }

                for (var i = 0; i < expected.Count; i++)
                {
                    Compare($"{path}[{i}]", expected[i], actual[i], defaults, differences);
                }

                break;
            case (null, null):
                break;
            case (JsonValue expected, JsonValue actual) when SameValue(expected, actual):
                break;
            default:
                differences.Add($"{path}: botocore reads {theirs?.ToJsonString() ?? "nothing"}, ours {ours?.ToJsonString() ?? "nothing"}");
                break;
        }
    }

    private static bool SameValue(JsonValue expected, JsonValue actual)
    {
        if (expected.GetValueKind() == JsonValueKind.Number && actual.GetValueKind() == JsonValueKind.Number)
        {
            return Number(expected) == Number(actual);
        }

        // Timestamps: botocore's ISO 8601 and ours may spell one instant differently (.5 vs .5000000).
        if (expected.GetValueKind() == JsonValueKind.String && actual.GetValueKind() == JsonValueKind.String
            && expected.GetValue<string>().Contains('T', StringComparison.Ordinal)
            && DateTimeOffset.TryParse(expected.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var a)
            && DateTimeOffset.TryParse(actual.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var b))
        {
            return a == b;
        }

        return expected.GetValueKind() == actual.GetValueKind() && expected.ToJsonString() == actual.ToJsonString();
    }

    // A value built from a CLR int is not readable as double; its JSON text always is.
    private static double Number(JsonValue value) => double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
}
