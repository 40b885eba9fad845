using System.Diagnostics;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Reconciler.Aws;
using Reconciler.Aws.Http;
using Reconciler.Aws.Services;
using Reconciler.Kinds;
using YamlDotNet.RepresentationModel;
using static Reconciler.IntegrationTests.Lambda.TemplateYaml;

namespace Reconciler.IntegrationTests.Lambda;

/// <summary>
/// template.yaml: cfn-lint (with the SAM transform) is clean, and the function's IAM policy allows exactly the
/// operations the hand-written AWS clients implement, on the resources the reconciler touches, and nothing more;
/// UpdateFunctionConfiguration is denied whenever it would set layers or VPC settings, and the ManagedTagKey parameter
/// can confine writes to tagged functions and stages.
/// </summary>
public sealed class TemplateTests
{
    // What AWS evaluates each operation against, with the template's !Sub variables resolved (partition aws,
    // us-east-1, account 123456789012, AlarmNamePrefix "reconciler"). A new client operation fails the test below
    // until it is added here and allowed in the template.
    private static readonly Dictionary<string, string[]> ResourcesByOperation = new()
    {
        ["tag:GetResources"] = ["*"],
        ["lambda:ListFunctions"] = ["*"],
        ["lambda:UpdateFunctionConfiguration"] = ["arn:aws:lambda:us-east-1:123456789012:function:orders-api"],
        ["lambda:ListAliases"] = ["arn:aws:lambda:us-east-1:123456789012:function:orders-api"],
        ["apigateway:GetRestApis"] = ["arn:aws:apigateway:us-east-1::/restapis"],
        ["apigateway:GetStages"] = ["arn:aws:apigateway:us-east-1::/restapis/a1b2c3d4e5/stages"],
        ["apigateway:UpdateStage"] = ["arn:aws:apigateway:us-east-1::/restapis/a1b2c3d4e5/stages/prod"],
        ["cloudwatch:DescribeAlarms"] = ["*"],
        ["cloudwatch:PutMetricAlarm"] = ["arn:aws:cloudwatch:us-east-1:123456789012:alarm:reconciler-orders-lambda-orders-api-error-rate"],
        ["cloudwatch:DeleteAlarms"] = ["arn:aws:cloudwatch:us-east-1:123456789012:alarm:reconciler-orders-lambda-orders-api-error-rate"],
        ["cloudwatch:PutDashboard"] = ["arn:aws:cloudwatch::123456789012:dashboard/AppMonitoringDashboard"],
        ["cloudwatch:GetDashboard"] = ["arn:aws:cloudwatch::123456789012:dashboard/AppMonitoringDashboard"],
        ["cloudwatch:TagResource"] =
        [
            "arn:aws:cloudwatch:us-east-1:123456789012:alarm:reconciler-orders-lambda-orders-api-error-rate",
            "arn:aws:cloudwatch::123456789012:dashboard/AppMonitoringDashboard",
        ],
        // Ownership proof: the tags of an owned alarm or dashboard are read before it is updated or deleted.
        ["cloudwatch:ListTagsForResource"] =
        [
            "arn:aws:cloudwatch:us-east-1:123456789012:alarm:reconciler-orders-lambda-orders-api-error-rate",
            "arn:aws:cloudwatch::123456789012:dashboard/AppMonitoringDashboard",
        ],
        // The drill event fires and restores owned alarms and reads their history, by alarm name.
        ["cloudwatch:SetAlarmState"] = ["arn:aws:cloudwatch:us-east-1:123456789012:alarm:reconciler-orders-lambda-orders-api-error-rate"],
        ["cloudwatch:DescribeAlarmHistory"] = ["arn:aws:cloudwatch:us-east-1:123456789012:alarm:reconciler-orders-lambda-orders-api-error-rate"],
        ["sns:Publish"] = ["ReportTopic"],
        ["sns:GetTopicAttributes"] = ["arn:aws:sns:us-east-1:123456789012:ops-alerts"],
        ["sts:GetCallerIdentity"] = ["*"],
        ["logs:DescribeLogGroups"] = ["arn:aws:logs:us-east-1:123456789012:log-group:*"],
        ["logs:CreateLogGroup"] = ["arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/orders-api"],
        ["logs:PutRetentionPolicy"] = ["arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/orders-api"],
        ["cloudwatch:GetMetricData"] = ["*"],
        ["xray:GetServiceGraph"] = ["*"],
        ["xray:GetGroups"] = ["*"],
        ["xray:GetSamplingRules"] = ["*"],
        ["xray:CreateGroup"] = [XRayGroup],
        ["xray:UpdateGroup"] = [XRayGroup],
        ["xray:DeleteGroup"] = [XRayGroup],
        ["xray:CreateSamplingRule"] = [SamplingRule],
        ["xray:UpdateSamplingRule"] = [SamplingRule],
        ["xray:DeleteSamplingRule"] = [SamplingRule],
        // The tags of groups and rules under the owned name prefix are their ownership proof.
        ["xray:ListTagsForResource"] = [XRayGroup, SamplingRule],
    };

    private const string XRayGroup = "arn:aws:xray:us-east-1:123456789012:group/reconciler-orders/AB3DEFGHIJKLMNOPQRSTUVWXYZ234567";

    private const string SamplingRule = "arn:aws:xray:us-east-1:123456789012:sampling-rule/reconciler-orders";

    // Actions an operation needs besides its own: "To assign tags when you create a log group, you must have either
    // the logs:TagResource or logs:TagLogGroup permission" (CloudWatch Logs API Reference, CreateLogGroup).
    // X-Ray's CreateGroup and CreateSamplingRule with Tags are authorized as xray:TagResource too (Service
    // Authorization Reference, "Actions, resources, and condition keys for AWS X-Ray", API operations table).
    private static readonly Dictionary<string, string[]> AlsoAuthorizedAs = new()
    {
        ["logs:CreateLogGroup"] = ["logs:TagResource"],
        ["xray:CreateGroup"] = ["xray:TagResource"],
        ["xray:CreateSamplingRule"] = ["xray:TagResource"],
    };

    // The UpdateFunctionConfiguration fields IAM can see, with the condition keys Lambda sets when a request carries
    // them (Service Authorization Reference, list_awslambda.html). Every other field has no condition key.
    private static readonly Dictionary<string, string[]> ConditionKeysByLambdaField = new()
    {
        ["Layers"] = ["lambda:Layer"],
        ["VpcConfig"] = ["lambda:SubnetIds", "lambda:SecurityGroupIds", "lambda:VpcIds"],
    };

    private const string SampleFunction = "arn:aws:lambda:us-east-1:123456789012:function:orders-api";

    private const string SampleStage = "arn:aws:apigateway:us-east-1::/restapis/a1b2c3d4e5/stages/prod";

    [CfnLintFact]
    public async Task CfnLint_Template_IsClean()
    {
        var start = new ProcessStartInfo("cfn-lint")
        {
            ArgumentList = { "--", TemplatePath },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(8));

        Assert.True(process.ExitCode == 0, $"cfn-lint found problems in template.yaml (exit {process.ExitCode}):\n{await output}\n{await errors}");
        Assert.Equal("", (await output).Trim());
    }

    [Fact]
    public void IamPolicy_EveryEngineOperation_IsAllowedOnItsResources()
    {
        var statements = AllowStatements();
        var missing = new List<string>();
        foreach (var operation in EngineOperations())
        {
            var key = $"{IamPrefix(operation.Service.Service)}:{operation.Name}";
            Assert.True(ResourcesByOperation.TryGetValue(key, out var resources), $"{key} is an operation a kind declares, with no IAM sample resource in this test: add it.");
            foreach (var action in IamActions(operation))
            {
                foreach (var resource in resources!)
                {
                    if (!statements.Any(statement => statement.Actions.Contains(action) && statement.Resources.Any(pattern => Matches(pattern, resource))))
                    {
                        missing.Add($"{action} on {resource} (for {operation.Name})");
                    }
                }
            }
        }

        Assert.True(missing.Count == 0, "template.yaml does not allow:\n" + string.Join('\n', missing));
    }

    [Fact]
    public void IamPolicy_AllowedActions_AreAllCalledByTheEngine()
    {
        var used = EngineOperations().SelectMany(IamActions).ToHashSet(StringComparer.Ordinal);

        var unused = AllowStatements().SelectMany(statement => statement.Actions).Where(action => !used.Contains(action)).Distinct().ToList();

        Assert.True(unused.Count == 0, "template.yaml allows actions the engine never calls (least privilege):\n" + string.Join('\n', unused));
    }

    [Fact]
    public void EngineOperations_DeclaredByTheKinds_AreAllImplementedByTheClients()
    {
        var implemented = ClientOperations().Select(operation => (operation.Service.Service, operation.Name)).ToHashSet();

        var unknown = ManagedKinds.EngineOperations.Where(operation => !implemented.Contains((operation.Service, operation.Operation))).ToList();

        Assert.True(unknown.Count == 0, "operations declared by the kinds that no client implements:\n" + string.Join('\n', unknown));
    }

    [Fact]
    public void IamPolicy_UpdateFunctionConfiguration_DeniesEveryConditionKeyedFieldTheClientNeverSends()
    {
        // The JSON body LambdaClient sends: its property names are the request's field names.
        var sent = typeof(LambdaUpdateFunctionConfigurationRequestJson).GetProperties().Select(property => property.Name).ToHashSet(StringComparer.Ordinal);
        var denies = Statements().Where(statement => statement.Effect == "Deny").ToList();
        var missing = new List<string>();
        foreach (var (field, keys) in ConditionKeysByLambdaField)
        {
            Assert.False(sent.Contains(field), $"The reconciler now sends {field}: the template's Deny on {string.Join(", ", keys)} would refuse its own UpdateFunctionConfiguration.");
            foreach (var key in keys)
            {
                // One key per statement: keys in one Condition are ANDed, so a shared statement would deny only
                // requests that set all of them at once.
                var denied = denies.Any(statement =>
                    statement.Actions.Contains("lambda:UpdateFunctionConfiguration")
                    && statement.Resources.Any(pattern => Matches(pattern, SampleFunction))
                    && statement.Conditions.Count == 1
                    && statement.Conditions[0] == ("Null", key, "false"));
                if (!denied)
                {
                    missing.Add($"{key} (request field {field})");
                }
            }
        }

        Assert.True(missing.Count == 0, "template.yaml has no single-key Deny of lambda:UpdateFunctionConfiguration when the request sets:\n" + string.Join('\n', missing));
    }

    [Fact]
    public void IamPolicy_Denies_NeverApplyToTheReconcilersOwnRequests()
    {
        // The client's requests carry no Lambda condition keys (asserted above), so only a Deny whose condition
        // holds without any request field could refuse them: an unconditional one, or one on a resource tag.
        var unconditional = Statements().Where(statement => statement.Effect == "Deny" && statement.Conditions.Count == 0).ToList();

        Assert.True(unconditional.Count == 0, "template.yaml has unconditional Deny statements: " + string.Join(", ", unconditional.SelectMany(statement => statement.Actions)));
    }

    [Fact]
    public void ManagedTagKey_EmptyByDefault_AndWhenSetDeniesWritesOnUntaggedFunctionsAndStages()
    {
        var root = Root();
        var parameter = Child(Child(root, "Parameters"), "ManagedTagKey");
        Assert.Equal("", Scalar(Child(parameter, "Default")));
        var condition = Child(Child(root, "Conditions"), "HasManagedTagKey");
        var not = Assert.IsType<YamlSequenceNode>(condition);
        Assert.Equal("!Not", condition.Tag.Value);
        var equals = Assert.IsType<YamlSequenceNode>(Assert.Single(not.Children));
        Assert.Equal("!Equals", equals.Tag.Value);
        Assert.Equal(["ManagedTagKey", ""], equals.Children.Select(Scalar));

        var scope = Child(Child(root, "Resources"), "ManagedTagScope");
        Assert.Equal("AWS::IAM::RolePolicy", Scalar(Child(scope, "Type")));
        // Only under the condition: with ManagedTagKey empty the policy does not exist, so nothing is restricted.
        Assert.Equal("HasManagedTagKey", Scalar(Child(scope, "Condition")));
        var properties = Child(scope, "Properties");
        Assert.Equal(("!Ref", "ReconcilerFunctionRole"), (Child(properties, "RoleName").Tag.Value, Scalar(Child(properties, "RoleName"))));
        var document = JsonNode.Parse(ResolveSub(Scalar(Child(properties, "PolicyDocument"))).Replace("${ManagedTagKey}", "observability", StringComparison.Ordinal))!;

        var statements = document["Statement"]!.AsArray().Select(statement => statement!).ToList();
        foreach (var (action, resource) in new[] { ("lambda:UpdateFunctionConfiguration", SampleFunction), ("apigateway:PATCH", SampleStage) })
        {
            Assert.Contains(statements, statement =>
                statement["Effect"]!.GetValue<string>() == "Deny"
                && statement["Action"]!.GetValue<string>() == action
                && Matches(statement["Resource"]!.GetValue<string>(), resource)
                && statement["Condition"]!.ToJsonString() == """{"Null":{"aws:ResourceTag/observability":"true"}}""");
        }

        Assert.All(statements, statement => Assert.Equal("Deny", statement["Effect"]!.GetValue<string>()));
    }

    [Fact]
    public void ClientOperations_FoundByReflection_CoverEveryService()
    {
        var services = ClientOperations().Select(operation => operation.Service.Service).Distinct().Order();

        Assert.Equal(Enum.GetValues<AwsService>().Order(), services);
    }

    // What the template must grant: the operations the registered kinds and the run itself declare, as the clients
    // name them (so IAM follows the engine, not every method a client happens to offer).
    private static List<AwsOperation> EngineOperations()
    {
        var byKey = ClientOperations().ToDictionary(operation => (operation.Service.Service, operation.Name));
        return [.. ManagedKinds.EngineOperations.Select(operation => byKey[(operation.Service, operation.Operation)])];
    }

    // Every operation is a static AwsOperation field of its client (the clients' single source of operation names).
    private static List<AwsOperation> ClientOperations() =>
        [.. typeof(AwsOperation).Assembly.GetTypes()
            .SelectMany(type => type.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic))
            .Where(field => field.FieldType == typeof(AwsOperation))
            .Select(field => (AwsOperation)field.GetValue(null)!)
            .DistinctBy(operation => (operation.Service.Service, operation.Name))];

    // API Gateway's control plane is authorised by HTTP verb on a resource path, not by operation name.
    private static string IamAction(AwsOperation operation) => operation.Service.Service switch
    {
        AwsService.ApiGateway => "apigateway:" + operation.Name switch
        {
            var name when name.StartsWith("Get", StringComparison.Ordinal) => "GET",
            var name when name.StartsWith("Update", StringComparison.Ordinal) => "PATCH",
            var name when name.StartsWith("Create", StringComparison.Ordinal) => "POST",
            var name when name.StartsWith("Delete", StringComparison.Ordinal) => "DELETE",
            var name when name.StartsWith("Put", StringComparison.Ordinal) => "PUT",
            var name => throw new InvalidOperationException($"No IAM verb known for API Gateway operation {name}."),
        },
        var service => $"{IamPrefix(service)}:{operation.Name}",
    };

    private static IEnumerable<string> IamActions(AwsOperation operation)
    {
        var action = IamAction(operation);
        return [action, .. AlsoAuthorizedAs.GetValueOrDefault(action) ?? []];
    }

    private static string IamPrefix(AwsService service) => service switch
    {
        AwsService.Tagging => "tag",
        AwsService.Lambda => "lambda",
        AwsService.ApiGateway => "apigateway",
        AwsService.CloudWatch => "cloudwatch",
        AwsService.Sns => "sns",
        AwsService.Sts => "sts",
        AwsService.CloudWatchLogs => "logs",
        AwsService.Sqs => "sqs",
        AwsService.XRay => "xray",
        _ => throw new ArgumentOutOfRangeException(nameof(service), service, "No IAM prefix known."),
    };

    private static List<PolicyStatement> AllowStatements() => [.. Statements().Where(statement => statement.Effect == "Allow")];

    private static List<PolicyStatement> Statements()
    {
        var function = Child(Child(Root(), "Resources"), "ReconcilerFunction");
        var policies = (YamlSequenceNode)Child(Child(function, "Properties"), "Policies");
        var statements = new List<PolicyStatement>();
        foreach (var policy in policies.Children)
        {
            Assert.True(policy is YamlMappingNode, "Every entry of the function's Policies must be an inline policy document, so this test can check it.");
            foreach (var statement in ((YamlSequenceNode)Child(policy, "Statement")).Children.Cast<YamlMappingNode>())
            {
                var effect = Scalar(Child(statement, "Effect"));
                Assert.True(effect is "Allow" or "Deny", $"template.yaml: Effect '{effect}' at {statement.Start}.");
                var conditions = statement.Children.TryGetValue(new YamlScalarNode("Condition"), out var condition)
                    ? [.. ((YamlMappingNode)condition).Children.SelectMany(op => ((YamlMappingNode)op.Value).Children.Select(key => (Scalar(op.Key), Scalar(key.Key), Scalar(key.Value))))]
                    : new List<(string, string, string)>();
                statements.Add(new PolicyStatement(effect, Values(Child(statement, "Action")), [.. Values(Child(statement, "Resource")).Select(ResolveSub)], conditions));
            }
        }

        return statements;
    }

    private static List<string> Values(YamlNode node) => node is YamlSequenceNode sequence ? [.. sequence.Children.Select(Scalar)] : [Scalar(node)];

    // Scalars tagged !Sub keep their text; !Ref ReportTopic stays "ReportTopic", which the samples name as such.
    private static string ResolveSub(string value) => value
        .Replace("${AWS::Partition}", "aws", StringComparison.Ordinal)
        .Replace("${AWS::Region}", "us-east-1", StringComparison.Ordinal)
        .Replace("${AWS::AccountId}", "123456789012", StringComparison.Ordinal)
        .Replace("${AlarmNamePrefix}", "reconciler", StringComparison.Ordinal)
        .Replace("${DashboardNamePattern}", "*", StringComparison.Ordinal)
        .Replace("${CustomLogGroupPattern}", "/aws/lambda/*", StringComparison.Ordinal);

    // IAM resource patterns: '*' any run of characters, '?' one character, all else literal.
    private static bool Matches(string pattern, string resource) =>
        Regex.IsMatch(resource, "^" + Regex.Escape(pattern).Replace(@"\*", ".*", StringComparison.Ordinal).Replace(@"\?", ".", StringComparison.Ordinal) + "$", RegexOptions.CultureInvariant);

    // Conditions flattened to (operator, key, value); IAM ANDs all of them.
    private sealed record PolicyStatement(string Effect, IReadOnlyList<string> Actions, IReadOnlyList<string> Resources, IReadOnlyList<(string Operator, string Key, string Value)> Conditions);
}

/// <summary>A fact that is skipped, saying why, where cfn-lint is not installed.</summary>
public sealed class CfnLintFactAttribute : FactAttribute
{
    public CfnLintFactAttribute()
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(folder => File.Exists(Path.Combine(folder, "cfn-lint")));
        if (!onPath)
        {
            Skip = "cfn-lint is not on the PATH, so template.yaml was not linted: install it (pip install cfn-lint) to run this test.";
        }
    }
}
