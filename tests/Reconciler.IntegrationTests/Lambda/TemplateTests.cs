using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;
using Reconciler.Aws;
using Reconciler.Aws.Http;
using YamlDotNet.RepresentationModel;

namespace Reconciler.IntegrationTests.Lambda;

/// <summary>
/// template.yaml: cfn-lint (with the SAM transform) is clean, and the function's IAM policy allows exactly the
/// operations the hand-written AWS clients implement, on the resources the reconciler touches, and nothing more.
/// </summary>
public sealed class TemplateTests
{
    private static readonly string TemplatePath = Path.Combine(NativeBootstrapFixture.RepositoryRoot, "template.yaml");

    // What AWS evaluates each operation against, with the template's !Sub variables resolved (partition aws,
    // us-east-1, account 123456789012, AlarmNamePrefix "reconciler"). A new client operation fails the test below
    // until it is added here and allowed in the template.
    private static readonly Dictionary<string, string[]> ResourcesByOperation = new()
    {
        ["tag:GetResources"] = ["*"],
        ["lambda:ListFunctions"] = ["*"],
        ["lambda:GetFunctionConfiguration"] = ["arn:aws:lambda:us-east-1:123456789012:function:orders-api"],
        ["lambda:UpdateFunctionConfiguration"] = ["arn:aws:lambda:us-east-1:123456789012:function:orders-api"],
        ["lambda:ListAliases"] = ["arn:aws:lambda:us-east-1:123456789012:function:orders-api"],
        ["lambda:ListVersionsByFunction"] = ["arn:aws:lambda:us-east-1:123456789012:function:orders-api"],
        ["apigateway:GetRestApis"] = ["arn:aws:apigateway:us-east-1::/restapis"],
        ["apigateway:GetStages"] = ["arn:aws:apigateway:us-east-1::/restapis/a1b2c3d4e5/stages"],
        ["apigateway:UpdateStage"] = ["arn:aws:apigateway:us-east-1::/restapis/a1b2c3d4e5/stages/prod"],
        ["cloudwatch:DescribeAlarms"] = ["*"],
        ["cloudwatch:PutMetricAlarm"] = ["arn:aws:cloudwatch:us-east-1:123456789012:alarm:reconciler-orders-lambda-orders-api-error-rate"],
        ["cloudwatch:DeleteAlarms"] = ["arn:aws:cloudwatch:us-east-1:123456789012:alarm:reconciler-orders-lambda-orders-api-error-rate"],
        ["cloudwatch:PutDashboard"] = ["arn:aws:cloudwatch::123456789012:dashboard/AppMonitoringDashboard"],
        ["cloudwatch:GetDashboard"] = ["arn:aws:cloudwatch::123456789012:dashboard/AppMonitoringDashboard"],
        ["cloudwatch:ListDashboards"] = ["*"],
        ["cloudwatch:TagResource"] =
        [
            "arn:aws:cloudwatch:us-east-1:123456789012:alarm:reconciler-orders-lambda-orders-api-error-rate",
            "arn:aws:cloudwatch::123456789012:dashboard/AppMonitoringDashboard",
        ],
        ["sns:Publish"] = ["ReportTopic"],
        ["sts:GetCallerIdentity"] = ["*"],
    };

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
    public void IamPolicy_EveryClientOperation_IsAllowedOnItsResources()
    {
        var statements = AllowStatements();
        var missing = new List<string>();
        foreach (var operation in ClientOperations())
        {
            var key = $"{IamPrefix(operation.Service.Service)}:{operation.Name}";
            Assert.True(ResourcesByOperation.TryGetValue(key, out var resources), $"{key} is a client operation with no IAM sample resource in this test: add it.");
            var action = IamAction(operation);
            foreach (var resource in resources!)
            {
                if (!statements.Any(statement => statement.Actions.Contains(action) && statement.Resources.Any(pattern => Matches(pattern, resource))))
                {
                    missing.Add($"{action} on {resource} (for {operation.Name})");
                }
            }
        }

        Assert.True(missing.Count == 0, "template.yaml does not allow:\n" + string.Join('\n', missing));
    }

    [Fact]
    public void IamPolicy_AllowedActions_AreAllCalledByTheClients()
    {
        var used = ClientOperations().Select(IamAction).ToHashSet(StringComparer.Ordinal);

        var unused = AllowStatements().SelectMany(statement => statement.Actions).Where(action => !used.Contains(action)).Distinct().ToList();

        Assert.True(unused.Count == 0, "template.yaml allows actions no client calls (least privilege):\n" + string.Join('\n', unused));
    }

    [Fact]
    public void ClientOperations_FoundByReflection_CoverEveryService()
    {
        var services = ClientOperations().Select(operation => operation.Service.Service).Distinct().Order();

        Assert.Equal(Enum.GetValues<AwsService>().Order(), services);
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

    private static string IamPrefix(AwsService service) => service switch
    {
        AwsService.Tagging => "tag",
        AwsService.Lambda => "lambda",
        AwsService.ApiGateway => "apigateway",
        AwsService.CloudWatch => "cloudwatch",
        AwsService.Sns => "sns",
        AwsService.Sts => "sts",
        _ => throw new ArgumentOutOfRangeException(nameof(service), service, "No IAM prefix known."),
    };

    private static List<AllowStatement> AllowStatements()
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(TemplatePath))
        {
            yaml.Load(reader);
        }

        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        var function = Child(Child(root, "Resources"), "ReconcilerFunction");
        var policies = (YamlSequenceNode)Child(Child(function, "Properties"), "Policies");
        var statements = new List<AllowStatement>();
        foreach (var policy in policies.Children)
        {
            Assert.True(policy is YamlMappingNode, "Every entry of the function's Policies must be an inline policy document, so this test can check it.");
            foreach (var statement in ((YamlSequenceNode)Child(policy, "Statement")).Children.Cast<YamlMappingNode>())
            {
                Assert.Equal("Allow", Scalar(Child(statement, "Effect")));
                statements.Add(new AllowStatement(Values(Child(statement, "Action")), [.. Values(Child(statement, "Resource")).Select(ResolveSub)]));
            }
        }

        return statements;
    }

    private static YamlNode Child(YamlNode node, string key) =>
        ((YamlMappingNode)node).Children.TryGetValue(new YamlScalarNode(key), out var child)
            ? child
            : throw new InvalidOperationException($"template.yaml: no '{key}' under {node.Start}.");

    private static string Scalar(YamlNode node) => ((YamlScalarNode)node).Value ?? "";

    private static List<string> Values(YamlNode node) => node is YamlSequenceNode sequence ? [.. sequence.Children.Select(Scalar)] : [Scalar(node)];

    // Scalars tagged !Sub keep their text; !Ref ReportTopic stays "ReportTopic", which the samples name as such.
    private static string ResolveSub(string value) => value
        .Replace("${AWS::Partition}", "aws", StringComparison.Ordinal)
        .Replace("${AWS::Region}", "us-east-1", StringComparison.Ordinal)
        .Replace("${AWS::AccountId}", "123456789012", StringComparison.Ordinal)
        .Replace("${AlarmNamePrefix}", "reconciler", StringComparison.Ordinal)
        .Replace("${DashboardNamePattern}", "*", StringComparison.Ordinal);

    // IAM resource patterns: '*' any run of characters, '?' one character, all else literal.
    private static bool Matches(string pattern, string resource) =>
        Regex.IsMatch(resource, "^" + Regex.Escape(pattern).Replace(@"\*", ".*", StringComparison.Ordinal).Replace(@"\?", ".", StringComparison.Ordinal) + "$", RegexOptions.CultureInvariant);

    private sealed record AllowStatement(IReadOnlyList<string> Actions, IReadOnlyList<string> Resources);
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
