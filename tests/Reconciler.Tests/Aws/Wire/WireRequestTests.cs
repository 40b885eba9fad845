using System.Text.Json.Nodes;
using Reconciler.Aws;

namespace Reconciler.Tests.Aws.Wire;

/// <summary>
/// Holds every operation the hand-written clients implement to botocore: each golden case's parameters go through
/// our client, and the request it sends must be the one botocore serialises for the same parameters.
/// </summary>
public sealed partial class WireRequestTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    public static TheoryData<string> GetResourcesCases => GoldenWire.CaseNames("resourcegroupstaggingapi", "GetResources");

    public static TheoryData<string> ListFunctionsCases => GoldenWire.CaseNames("lambda", "ListFunctions");

    public static TheoryData<string> GetFunctionConfigurationCases => GoldenWire.CaseNames("lambda", "GetFunctionConfiguration");

    public static TheoryData<string> ListAliasesCases => GoldenWire.CaseNames("lambda", "ListAliases");

    public static TheoryData<string> UpdateFunctionConfigurationCases => GoldenWire.CaseNames("lambda", "UpdateFunctionConfiguration");

    public static TheoryData<string> GetRestApisCases => GoldenWire.CaseNames("apigateway", "GetRestApis");

    public static TheoryData<string> GetStagesCases => GoldenWire.CaseNames("apigateway", "GetStages");

    public static TheoryData<string> UpdateStageCases => GoldenWire.CaseNames("apigateway", "UpdateStage");

    public static TheoryData<string> DescribeAlarmsCases => GoldenWire.CaseNames("cloudwatch", "DescribeAlarms");

    public static TheoryData<string> PutMetricAlarmCases => GoldenWire.CaseNames("cloudwatch", "PutMetricAlarm");

    public static TheoryData<string> DeleteAlarmsCases => GoldenWire.CaseNames("cloudwatch", "DeleteAlarms");

    public static TheoryData<string> PutDashboardCases => GoldenWire.CaseNames("cloudwatch", "PutDashboard");

    public static TheoryData<string> GetDashboardCases => GoldenWire.CaseNames("cloudwatch", "GetDashboard");

    public static TheoryData<string> ListDashboardsCases => GoldenWire.CaseNames("cloudwatch", "ListDashboards");

    public static TheoryData<string> TagResourceCases => GoldenWire.CaseNames("cloudwatch", "TagResource");

    public static TheoryData<string> ListTagsForResourceCases => GoldenWire.CaseNames("cloudwatch", "ListTagsForResource");

    public static TheoryData<string> PublishCases => GoldenWire.CaseNames("sns", "Publish");

    public static TheoryData<string> GetTopicAttributesCases => GoldenWire.CaseNames("sns", "GetTopicAttributes");

    public static TheoryData<string> GetCallerIdentityCases => GoldenWire.CaseNames("sts", "GetCallerIdentity");

    public static TheoryData<string> DescribeLogGroupsCases => GoldenWire.CaseNames("logs", "DescribeLogGroups");

    public static TheoryData<string> CreateLogGroupCases => GoldenWire.CaseNames("logs", "CreateLogGroup");

    public static TheoryData<string> PutRetentionPolicyCases => GoldenWire.CaseNames("logs", "PutRetentionPolicy");

    [Theory]
    [MemberData(nameof(GetResourcesCases))]
    public Task GetResources_GoldenCase_SendsWhatBotocoreSerialises(string caseName) =>
        AssertWireAsync("resourcegroupstaggingapi", "GetResources", caseName, p =>
        {
            p.PageToken("PaginationToken");
            var filters = p.Node("TagFilters") is JsonArray array
                ? [.. array.Select(f => new TagFilter((string)f!["Key"]!, f["Values"] is JsonArray values ? [.. values.Select(v => (string)v!)] : []))]
                : new List<TagFilter>();
            var request = new GetResourcesRequest(filters, p.Strings("ResourceTypeFilters"), p.Int("ResourcesPerPage") ?? 100);
            return clients => DrainAsync(clients.Tagging.GetResourcesAsync(request, None));
        });

    [Theory]
    [MemberData(nameof(ListFunctionsCases))]
    public Task ListFunctions_GoldenCase_SendsWhatBotocoreSerialises(string caseName) =>
        AssertWireAsync("lambda", "ListFunctions", caseName, p =>
        {
            var allVersions = p.String("FunctionVersion") switch
            {
                null => false,
                "ALL" => true,
                var other => throw new InvalidOperationException($"Case '{caseName}': FunctionVersion {other} is not one the client sends."),
            };
            p.PageToken("Marker");
            p.Constant("MaxItems", 50);
            return clients => DrainAsync(clients.Lambda.ListFunctionsAsync(allVersions, None));
        });

    [Theory]
    [MemberData(nameof(GetFunctionConfigurationCases))]
    public Task GetFunctionConfiguration_GoldenCase_SendsWhatBotocoreSerialises(string caseName) =>
        AssertWireAsync("lambda", "GetFunctionConfiguration", caseName, p =>
        {
            var name = p.RequiredString("FunctionName");
            return clients => clients.Lambda.GetFunctionConfigurationAsync(name, None);
        });

    [Theory]
    [MemberData(nameof(ListAliasesCases))]
    public Task ListAliases_GoldenCase_SendsWhatBotocoreSerialises(string caseName) =>
        AssertWireAsync("lambda", "ListAliases", caseName, p =>
        {
            var name = p.RequiredString("FunctionName");
            p.PageToken("Marker");
            p.Constant("MaxItems", 50);
            return clients => DrainAsync(clients.Lambda.ListAliasesAsync(name, None));
        });

    [Theory]
    [MemberData(nameof(UpdateFunctionConfigurationCases))]
    public Task UpdateFunctionConfiguration_GoldenCase_SendsWhatBotocoreSerialises(string caseName) =>
        AssertWireAsync("lambda", "UpdateFunctionConfiguration", caseName, p =>
        {
            var logging = p.Node("LoggingConfig");
            var request = new UpdateFunctionConfigurationRequest(
                p.RequiredString("FunctionName"),
                (string?)p.Node("TracingConfig")?["Mode"],
                p.String("RevisionId"))
            {
                LoggingConfig = logging is null
                    ? null
                    : new LambdaLoggingConfig((string?)logging["LogFormat"], (string?)logging["ApplicationLogLevel"], (string?)logging["SystemLogLevel"], (string?)logging["LogGroup"]),
            };
            return clients => clients.Lambda.UpdateFunctionConfigurationAsync(request, None);
        });

    [Theory]
    [MemberData(nameof(GetRestApisCases))]
    public Task GetRestApis_GoldenCase_SendsWhatBotocoreSerialises(string caseName) =>
        AssertWireAsync("apigateway", "GetRestApis", caseName, p =>
        {
            p.PageToken("position");
            p.Constant("limit", 500);
            return clients => DrainAsync(clients.ApiGateway.GetRestApisAsync(None));
        });

    [Theory]
    [MemberData(nameof(GetStagesCases))]
    public Task GetStages_GoldenCase_SendsWhatBotocoreSerialises(string caseName) =>
        AssertWireAsync("apigateway", "GetStages", caseName, p =>
        {
            var id = p.RequiredString("restApiId");
            return clients => clients.ApiGateway.GetStagesAsync(id, None);
        });

    [Theory]
    [MemberData(nameof(UpdateStageCases))]
    public Task UpdateStage_GoldenCase_SendsWhatBotocoreSerialises(string caseName) =>
        AssertWireAsync("apigateway", "UpdateStage", caseName, p =>
        {
            var request = new UpdateStageRequest(
                p.RequiredString("restApiId"),
                p.RequiredString("stageName"),
                [.. p.Node("patchOperations")!.AsArray().Select(op => new PatchOperation((string)op!["op"]!, (string)op["path"]!, (string?)op["value"]))]);
            return clients => clients.ApiGateway.UpdateStageAsync(request, None);
        });

    [Theory]
    [MemberData(nameof(DescribeAlarmsCases))]
    public Task DescribeAlarms_GoldenCase_SendsWhatBotocoreSerialises(string caseName) =>
        AssertWireAsync("cloudwatch", "DescribeAlarms", caseName, p =>
        {
            p.PageToken("NextToken");
            p.Constant("AlarmTypes", new JsonArray("MetricAlarm"));
            var names = p.Strings("AlarmNames");
            var request = new DescribeAlarmsRequest(p.String("AlarmNamePrefix"), names.Count == 0 ? null : names, p.Int("MaxRecords") ?? 100);
            return clients => DrainAsync(clients.CloudWatch.DescribeAlarmsAsync(request, None));
        });

    [Theory]
    [MemberData(nameof(PutMetricAlarmCases))]
    public Task PutMetricAlarm_GoldenCase_SendsWhatBotocoreSerialises(string caseName) =>
        AssertWireAsync("cloudwatch", "PutMetricAlarm", caseName, p =>
        {
            var request = new PutMetricAlarmRequest
            {
                AlarmName = p.RequiredString("AlarmName"),
                AlarmDescription = p.String("AlarmDescription"),
                ActionsEnabled = p.Bool("ActionsEnabled") ?? true,
                OKActions = p.Strings("OKActions"),
                AlarmActions = p.Strings("AlarmActions"),
                InsufficientDataActions = p.Strings("InsufficientDataActions"),
                MetricName = p.String("MetricName"),
                Namespace = p.String("Namespace"),
                Statistic = p.String("Statistic"),
                ExtendedStatistic = p.String("ExtendedStatistic"),
                Dimensions = GoldenParams.Dimensions(p.Node("Dimensions")),
                Period = p.Int("Period"),
                Unit = p.String("Unit"),
                EvaluationPeriods = p.Int("EvaluationPeriods") ?? 0,
                DatapointsToAlarm = p.Int("DatapointsToAlarm"),
                Threshold = p.Double("Threshold"),
                ComparisonOperator = p.RequiredString("ComparisonOperator"),
                TreatMissingData = p.String("TreatMissingData"),
                Metrics = p.Node("Metrics") is JsonArray metrics ? [.. metrics.Select(m => ToMetricDataQuery(m!))] : [],
                Tags = p.Tags(),
            };
            return clients => clients.CloudWatch.PutMetricAlarmAsync(request, None);
        });

    [Theory]
    [MemberData(nameof(DeleteAlarmsCases))]
    public Task DeleteAlarms_GoldenCase_SendsWhatBotocoreSerialises(string caseName) =>
        AssertWireAsync("cloudwatch", "DeleteAlarms", caseName, p =>
        {
            var names = p.Strings("AlarmNames");
            return clients => clients.CloudWatch.DeleteAlarmsAsync(names, None);
        });

    [Theory]
    [MemberData(nameof(PutDashboardCases))]
    public Task PutDashboard_GoldenCase_SendsWhatBotocoreSerialises(string caseName) =>
        AssertWireAsync("cloudwatch", "PutDashboard", caseName, p =>
        {
            var name = p.RequiredString("DashboardName");
            var body = p.RequiredString("DashboardBody");
            return clients => clients.CloudWatch.PutDashboardAsync(name, body, None);
        });

    [Theory]
    [MemberData(nameof(GetDashboardCases))]
    public Task GetDashboard_GoldenCase_SendsWhatBotocoreSerialises(string caseName) =>
        AssertWireAsync("cloudwatch", "GetDashboard", caseName, p =>
        {
            var name = p.RequiredString("DashboardName");
            return clients => clients.CloudWatch.GetDashboardAsync(name, None);
        });

    [Theory]
    [MemberData(nameof(ListDashboardsCases))]
    public Task ListDashboards_GoldenCase_SendsWhatBotocoreSerialises(string caseName) =>
        AssertWireAsync("cloudwatch", "ListDashboards", caseName, p =>
        {
            p.PageToken("NextToken");
            var prefix = p.String("DashboardNamePrefix");
            return clients => DrainAsync(clients.CloudWatch.ListDashboardsAsync(prefix, None));
        });

    [Theory]
    [MemberData(nameof(TagResourceCases))]
    public Task TagResource_GoldenCase_SendsWhatBotocoreSerialises(string caseName) =>
        AssertWireAsync("cloudwatch", "TagResource", caseName, p =>
        {
            var arn = p.RequiredString("ResourceARN");
            var tags = p.Tags();
            return clients => clients.CloudWatch.TagResourceAsync(arn, tags, None);
        });

    [Theory]
    [MemberData(nameof(ListTagsForResourceCases))]
    public Task ListTagsForResource_GoldenCase_SendsWhatBotocoreSerialises(string caseName) =>
        AssertWireAsync("cloudwatch", "ListTagsForResource", caseName, p =>
        {
            var arn = p.RequiredString("ResourceARN");
            return clients => clients.CloudWatch.ListTagsForResourceAsync(arn, None);
        });

    [Theory]
    [MemberData(nameof(GetTopicAttributesCases))]
    public Task GetTopicAttributes_GoldenCase_SendsWhatBotocoreSerialises(string caseName) =>
        AssertWireAsync("sns", "GetTopicAttributes", caseName, p =>
        {
            var topicArn = p.RequiredString("TopicArn");
            return clients => clients.Sns.GetTopicAttributesAsync(topicArn, None);
        });

    [Theory]
    [MemberData(nameof(PublishCases))]
    public Task Publish_GoldenCase_SendsWhatBotocoreSerialises(string caseName) =>
        AssertWireAsync("sns", "Publish", caseName, p =>
        {
            Dictionary<string, string>? attributes = null;
            if (p.Node("MessageAttributes") is JsonObject map)
            {
                attributes = [];
                foreach (var (name, value) in map)
                {
                    // The client only sends String attributes; a case with another type has no place here.
                    Assert.Equal("String", (string?)value!["DataType"]);
                    attributes[name] = (string)value["StringValue"]!;
                }
            }

            var request = new PublishRequest(p.RequiredString("TopicArn"), p.RequiredString("Message"), p.String("Subject"), p.String("MessageStructure"), attributes);
            return clients => clients.Sns.PublishAsync(request, None);
        });

    [Theory]
    [MemberData(nameof(GetCallerIdentityCases))]
    public Task GetCallerIdentity_GoldenCase_SendsWhatBotocoreSerialises(string caseName) =>
        AssertWireAsync("sts", "GetCallerIdentity", caseName, _ => clients => clients.Sts.GetCallerIdentityAsync(None));

    [Theory]
    [MemberData(nameof(DescribeLogGroupsCases))]
    public Task DescribeLogGroups_GoldenCase_SendsWhatBotocoreSerialises(string caseName) =>
        AssertWireAsync("logs", "DescribeLogGroups", caseName, p =>
        {
            p.PageToken("nextToken");
            p.Constant("limit", 50);
            var prefix = p.String("logGroupNamePrefix");
            return clients => DrainAsync(clients.Logs.DescribeLogGroupsAsync(prefix, None));
        });

    [Theory]
    [MemberData(nameof(CreateLogGroupCases))]
    public Task CreateLogGroup_GoldenCase_SendsWhatBotocoreSerialises(string caseName) =>
        AssertWireAsync("logs", "CreateLogGroup", caseName, p =>
        {
            var name = p.RequiredString("logGroupName");
            var tags = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (key, value) in p.Node("tags")?.AsObject() ?? [])
            {
                tags[key] = (string)value!;
            }

            return clients => clients.Logs.CreateLogGroupAsync(name, tags, None);
        });

    [Theory]
    [MemberData(nameof(PutRetentionPolicyCases))]
    public Task PutRetentionPolicy_GoldenCase_SendsWhatBotocoreSerialises(string caseName) =>
        AssertWireAsync("logs", "PutRetentionPolicy", caseName, p =>
        {
            var name = p.RequiredString("logGroupName");
            var days = p.Int("retentionInDays") ?? throw new InvalidOperationException($"Case '{caseName}' has no retentionInDays.");
            return clients => clients.Logs.PutRetentionPolicyAsync(name, days, None);
        });

    [Fact]
    public void GoldenFiles_EveryOperationTheClientsImplement_HasAFile()
    {
        var files = Directory.GetFiles(GoldenWire.Directory, "*.json", SearchOption.AllDirectories)
            .Select(path => Path.GetFileNameWithoutExtension(path))
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.Equal(ClientOperationNames(), files);
    }

    [Fact]
    public void GoldenFiles_EveryCase_WasValidForBotocore()
    {
        var cases = Directory.GetFiles(GoldenWire.Directory, "*.json", SearchOption.AllDirectories)
            .SelectMany(path => JsonNode.Parse(File.ReadAllText(path))!["cases"]!.AsArray())
            .ToList();

        Assert.NotEmpty(cases);
        Assert.All(cases, c => Assert.True((bool)c!["valid"]!, $"{c!["name"]} was not valid for botocore's ParamValidator."));
    }

    // The clients' own AwsOperation fields: an operation added to a client without a golden file fails the test.
    private static List<string> ClientOperationNames() =>
        [.. typeof(IAwsClients).Assembly.GetTypes()
            .Where(type => type.Namespace == "Reconciler.Aws.Services")
            .SelectMany(type => type.GetFields(System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static))
            .Where(field => field.FieldType == typeof(Reconciler.Aws.Http.AwsOperation))
            .Select(field => ((Reconciler.Aws.Http.AwsOperation)field.GetValue(null)!).Name)
            .Order(StringComparer.Ordinal)];

    private static MetricDataQuery ToMetricDataQuery(JsonNode query)
    {
        var stat = query["MetricStat"];
        return new MetricDataQuery(
            (string)query["Id"]!,
            (string?)query["Expression"],
            stat is null
                ? null
                : new MetricStat(
                    (string)stat["Metric"]!["Namespace"]!,
                    (string)stat["Metric"]!["MetricName"]!,
                    GoldenParams.Dimensions(stat["Metric"]!["Dimensions"]),
                    (int)stat["Period"]!,
                    (string)stat["Stat"]!,
                    (string?)stat["Unit"]),
            (string?)query["Label"],
            (bool?)query["ReturnData"] ?? true,
            (int?)query["Period"]);
    }

    private static async Task AssertWireAsync(string service, string operationName, string caseName, Func<GoldenParams, Func<IAwsClients, Task>> build)
    {
        var operation = GoldenWire.Operation(service, operationName);
        var goldenCase = GoldenWire.Case(service, operationName, caseName);
        var parameters = new GoldenParams(goldenCase);
        var call = build(parameters);
        parameters.AssertAllRead();

        var captured = await WireHarness.CaptureAsync(operation, goldenCase, call);

        WireDiff.AssertSameRequest(goldenCase, captured);
    }

    private static async Task DrainAsync<T>(IAsyncEnumerable<T> items)
    {
        await foreach (var _ in items)
        {
        }
    }
}
