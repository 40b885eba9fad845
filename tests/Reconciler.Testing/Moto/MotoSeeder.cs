using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;

namespace Reconciler.Testing.Moto;

/// <summary>
/// Test-only seeding of moto for the operations the reconciler does not implement (CreateFunction, DeleteFunction, CreateRestApi,
/// CreateStage, CreateTopic, CreateQueue, Subscribe, ReceiveMessage, and CloudWatch Logs' CreateLogGroup without tags,
/// DeleteRetentionPolicy and DeleteLogGroup), with raw SigV4-signed HTTP calls. Shared by the
/// integration tests and the benchmark; safe to call concurrently (moto takes a handful of requests at once).
/// </summary>
public sealed class MotoSeeder(Uri endpoint, string region, AWSCredentials credentials)
{
    /// <summary>The account moto answers with.</summary>
    public const string AccountId = "123456789012";

    private const string LambdaRoleName = "reconciler-test-lambda-role";

    private readonly Lock roleGate = new();
    private Task? roleCreated;

    /// <summary>
    /// The execution role seeded functions use unless given another (created on first use). It may write to X-Ray
    /// (an inline policy allowing xray:PutTraceSegments), so strict moto lets its functions turn Active tracing on.
    /// </summary>
    public static string LambdaRoleArn => RoleArn(LambdaRoleName);

    /// <summary>The ARN of the role named <paramref name="roleName"/> in moto's account.</summary>
    public static string RoleArn(string roleName) => $"arn:aws:iam::{AccountId}:role/{roleName}";

    /// <summary>Creates a Python function with <paramref name="tags"/> and the given tracing mode; returns its ARN.</summary>
    public async Task<string> CreateFunctionAsync(string name, IReadOnlyDictionary<string, string> tags, string tracingMode = "PassThrough", CancellationToken cancellationToken = default)
    {
        await EnsureLambdaRoleAsync(cancellationToken);
        return await CreateFunctionAsync(name, tags, tracingMode, LambdaRoleArn, cancellationToken);
    }

    /// <summary>
    /// Creates a Python function whose execution role is <paramref name="roleArn"/> (e.g. from
    /// <see cref="CreateExecutionRoleAsync"/>); returns its ARN.
    /// </summary>
    public async Task<string> CreateFunctionAsync(string name, IReadOnlyDictionary<string, string> tags, string tracingMode, string roleArn, CancellationToken cancellationToken = default)
    {
        var body = FunctionBody(name, tags, tracingMode, roleArn);
        var response = await SendJsonAsync("lambda", HttpMethod.Post, "/2015-03-31/functions", body, cancellationToken);
        return response["FunctionArn"]!.GetValue<string>();
    }

    /// <summary>Deletes the function <paramref name="name"/>, as someone cleaning up an app would.</summary>
    public Task DeleteFunctionAsync(string name, CancellationToken cancellationToken = default) =>
        SendJsonAsync("lambda", HttpMethod.Delete, $"/2015-03-31/functions/{Uri.EscapeDataString(name)}", null, cancellationToken);

    /// <summary>
    /// Creates a Python function (PassThrough tracing, the default role) with a LoggingConfig of
    /// <paramref name="logFormat"/> and, when given, <paramref name="logGroup"/> instead of /aws/lambda/NAME; returns
    /// its ARN. Patched moto keeps it (patch H of tools/moto/run_moto.py).
    /// </summary>
    public async Task<string> CreateFunctionWithLoggingAsync(string name, IReadOnlyDictionary<string, string> tags, string logFormat, string? logGroup = null, CancellationToken cancellationToken = default)
    {
        await EnsureLambdaRoleAsync(cancellationToken);
        var logging = new JsonObject { ["LogFormat"] = logFormat };
        if (logGroup is not null)
        {
            logging["LogGroup"] = logGroup;
        }

        var body = FunctionBody(name, tags, "PassThrough", LambdaRoleArn);
        body["LoggingConfig"] = logging;
        var response = await SendJsonAsync("lambda", HttpMethod.Post, "/2015-03-31/functions", body, cancellationToken);
        return response["FunctionArn"]!.GetValue<string>();
    }

    /// <summary>
    /// Creates a REST API with one GET / mock method, a deployment and the given stages (each tagged with
    /// <paramref name="tags"/> plus stage=NAME); the API itself is tagged with <paramref name="tags"/>. Returns the API id.
    /// </summary>
    public async Task<string> CreateRestApiAsync(string name, IReadOnlyDictionary<string, string> tags, IReadOnlyList<string> stageNames, CancellationToken cancellationToken = default)
    {
        var api = await SendJsonAsync("apigateway", HttpMethod.Post, "/restapis", new JsonObject { ["name"] = name, ["tags"] = ToJsonObject(tags) }, cancellationToken);
        var apiId = api["id"]!.GetValue<string>();
        var resources = await SendJsonAsync("apigateway", HttpMethod.Get, $"/restapis/{apiId}/resources", null, cancellationToken);
        var rootId = resources["item"]![0]!["id"]!.GetValue<string>();
        await SendJsonAsync("apigateway", HttpMethod.Put, $"/restapis/{apiId}/resources/{rootId}/methods/GET", new JsonObject { ["authorizationType"] = "NONE" }, cancellationToken);
        await SendJsonAsync("apigateway", HttpMethod.Put, $"/restapis/{apiId}/resources/{rootId}/methods/GET/integration", new JsonObject { ["type"] = "MOCK" }, cancellationToken);
        var deployment = await SendJsonAsync("apigateway", HttpMethod.Post, $"/restapis/{apiId}/deployments", new JsonObject(), cancellationToken);
        var deploymentId = deployment["id"]!.GetValue<string>();
        foreach (var stage in stageNames)
        {
            var stageTags = ToJsonObject(tags);
            stageTags["stage"] = stage;
            await SendJsonAsync("apigateway", HttpMethod.Post, $"/restapis/{apiId}/stages", new JsonObject { ["stageName"] = stage, ["deploymentId"] = deploymentId, ["tags"] = stageTags }, cancellationToken);
        }

        return apiId;
    }

    /// <summary>Creates an SNS topic; returns its ARN.</summary>
    public async Task<string> CreateTopicAsync(string name, CancellationToken cancellationToken = default)
    {
        var result = await SendQueryAsync("sns", "2010-03-31", [new("Action", "CreateTopic"), new("Name", name)], cancellationToken);
        return Text(result, "TopicArn");
    }

    /// <summary>Creates an SQS queue subscribed (raw delivery off) to <paramref name="topicArn"/>; returns the queue URL.</summary>
    public async Task<string> CreateQueueSubscribedToAsync(string queueName, string topicArn, CancellationToken cancellationToken = default)
    {
        var created = await SendQueryAsync("sqs", "2012-11-05", [new("Action", "CreateQueue"), new("QueueName", queueName)], cancellationToken);
        var queueUrl = Text(created, "QueueUrl");
        var queueArn = $"arn:aws:sqs:{region}:{AccountId}:{queueName}";
        await SendQueryAsync("sns", "2010-03-31", [new("Action", "Subscribe"), new("TopicArn", topicArn), new("Protocol", "sqs"), new("Endpoint", queueArn)], cancellationToken);
        return queueUrl;
    }

    /// <summary>Receives (and deletes) up to 10 message bodies from <paramref name="queueUrl"/>.</summary>
    public async Task<IReadOnlyList<string>> ReceiveMessagesAsync(string queueUrl, CancellationToken cancellationToken = default)
    {
        var queueName = queueUrl[(queueUrl.LastIndexOf('/') + 1)..];
        var path = $"/{AccountId}/{queueName}";
        var result = await SendQueryAsync("sqs", "2012-11-05", [new("Action", "ReceiveMessage"), new("MaxNumberOfMessages", "10"), new("WaitTimeSeconds", "0")], cancellationToken, path);
        var messages = result.Descendants().Where(e => e.Name.LocalName == "Message").ToList();
        foreach (var handle in messages.Select(m => Text(m, "ReceiptHandle")))
        {
            await SendQueryAsync("sqs", "2012-11-05", [new("Action", "DeleteMessage"), new("ReceiptHandle", handle)], cancellationToken, path);
        }

        return [.. messages.Select(m => Text(m, "Body"))];
    }

    /// <summary>
    /// Creates the log group <paramref name="logGroupName"/> untagged and with no retention (its events never expire),
    /// as Lambda creates a function's group on its first invocation.
    /// </summary>
    public Task CreateLogGroupAsync(string logGroupName, CancellationToken cancellationToken = default) =>
        SendLogsAsync("CreateLogGroup", logGroupName, cancellationToken);

    /// <summary>Removes the retention of <paramref name="logGroupName"/>, so its events never expire again.</summary>
    public Task DeleteRetentionPolicyAsync(string logGroupName, CancellationToken cancellationToken = default) =>
        SendLogsAsync("DeleteRetentionPolicy", logGroupName, cancellationToken);

    /// <summary>Deletes the log group <paramref name="logGroupName"/> and its events.</summary>
    public Task DeleteLogGroupAsync(string logGroupName, CancellationToken cancellationToken = default) =>
        SendLogsAsync("DeleteLogGroup", logGroupName, cancellationToken);

    /// <summary>
    /// Creates an IAM user allowed to do everything and returns its access key (three IAM calls), for a moto started
    /// with INITIAL_NO_AUTH_ACTION_COUNT so that later calls are authenticated and signatures checked.
    /// </summary>
    public async Task<BasicAWSCredentials> CreateAdminAccessKeyAsync(string userName, CancellationToken cancellationToken = default)
    {
        const string allowAll = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""";
        await SendQueryAsync("iam", "2010-05-08", [new("Action", "CreateUser"), new("UserName", userName)], cancellationToken);
        await SendQueryAsync("iam", "2010-05-08", [new("Action", "PutUserPolicy"), new("UserName", userName), new("PolicyName", "all"), new("PolicyDocument", allowAll)], cancellationToken);
        var key = await SendQueryAsync("iam", "2010-05-08", [new("Action", "CreateAccessKey"), new("UserName", userName)], cancellationToken);
        return new BasicAWSCredentials(Text(key, "AccessKeyId"), Text(key, "SecretAccessKey"));
    }

    /// <summary>
    /// Creates a Lambda execution role with the given X-Ray permission and returns its ARN. Strict moto refuses Active
    /// tracing for a role with <see cref="ExecutionRoleXRay.None"/>, as AWS does. <see cref="ExecutionRoleXRay.ManagedPolicy"/>
    /// needs a strict moto (only it loads AWS's managed policies).
    /// </summary>
    public async Task<string> CreateExecutionRoleAsync(string roleName, ExecutionRoleXRay xray = ExecutionRoleXRay.InlinePolicy, CancellationToken cancellationToken = default)
    {
        const string trust = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}""";
        try
        {
            await SendQueryAsync("iam", "2010-05-08", [new("Action", "CreateRole"), new("RoleName", roleName), new("AssumeRolePolicyDocument", trust)], cancellationToken);
        }
        catch (HttpRequestException error) when (error.Message.Contains("EntityAlreadyExists", StringComparison.Ordinal))
        {
            // Created by an earlier test in this run; its policies are set again below, which IAM allows.
        }

        switch (xray)
        {
            case ExecutionRoleXRay.InlinePolicy:
                const string writeTraces = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["xray:PutTraceSegments","xray:PutTelemetryRecords"],"Resource":"*"}]}""";
                await SendQueryAsync("iam", "2010-05-08", [new("Action", "PutRolePolicy"), new("RoleName", roleName), new("PolicyName", "xray-write"), new("PolicyDocument", writeTraces)], cancellationToken);
                break;
            case ExecutionRoleXRay.ManagedPolicy:
                await SendQueryAsync("iam", "2010-05-08", [new("Action", "AttachRolePolicy"), new("RoleName", roleName), new("PolicyArn", "arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess")], cancellationToken);
                break;
        }

        return RoleArn(roleName);
    }

    // One CreateRole per seeder, not one per function: the benchmark seeds a thousand functions with one seeder.
    private Task EnsureLambdaRoleAsync(CancellationToken cancellationToken)
    {
        lock (roleGate)
        {
            return roleCreated is { IsCompletedSuccessfully: true } or { IsCompleted: false }
                ? roleCreated
                : roleCreated = CreateExecutionRoleAsync(LambdaRoleName, ExecutionRoleXRay.InlinePolicy, cancellationToken);
        }
    }

    private static JsonObject FunctionBody(string name, IReadOnlyDictionary<string, string> tags, string tracingMode, string roleArn) => new()
    {
        ["FunctionName"] = name,
        ["Runtime"] = "python3.12",
        ["Role"] = roleArn,
        ["Handler"] = "index.handler",
        ["Code"] = new JsonObject { ["ZipFile"] = Convert.ToBase64String(HandlerZip()) },
        ["TracingConfig"] = new JsonObject { ["Mode"] = tracingMode },
        ["Tags"] = ToJsonObject(tags),
    };

    private async Task<JsonNode> SendJsonAsync(string service, HttpMethod method, string path, JsonObject? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(endpoint, path));
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        var text = await SendAsync(service, request, cancellationToken);
        return JsonNode.Parse(string.IsNullOrWhiteSpace(text) ? "{}" : text)!;
    }

    // CloudWatch Logs is JSON 1.1 (botocore's logs/2014-03-28 model: targetPrefix Logs_20140328, POST /); these three
    // operations take only logGroupName and answer an empty body.
    private async Task SendLogsAsync(string operation, string logGroupName, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(endpoint, "/"))
        {
            Content = new StringContent(new JsonObject { ["logGroupName"] = logGroupName }.ToJsonString(), Encoding.UTF8),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.1");
        request.Headers.Add("X-Amz-Target", "Logs_20140328." + operation);
        await SendAsync("logs", request, cancellationToken);
    }

    private async Task<XElement> SendQueryAsync(string service, string version, IReadOnlyList<KeyValuePair<string, string>> parameters, CancellationToken cancellationToken, string path = "/")
    {
        var form = string.Join('&', parameters.Append(new("Version", version)).Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(endpoint, path))
        {
            Content = new StringContent(form, Encoding.UTF8),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/x-www-form-urlencoded; charset=utf-8");
        return XDocument.Parse(await SendAsync(service, request, cancellationToken)).Root!;
    }

    private async Task<string> SendAsync(string service, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var signer = new SigV4SigningHandler(credentials, RegionEndpoint.GetBySystemName(region), service, new SocketsHttpHandler());
        using var http = new HttpClient(signer);
        using var response = await http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"Seeding {service} {request.Method} {request.RequestUri?.PathAndQuery} failed with {(int)response.StatusCode}: {text}");
        }

        return text;
    }

    private static string Text(XElement root, string name) =>
        root.Descendants().First(e => e.Name.LocalName == name).Value;

    private static JsonObject ToJsonObject(IReadOnlyDictionary<string, string> tags)
    {
        var json = new JsonObject();
        foreach (var (key, value) in tags)
        {
            json[key] = value;
        }

        return json;
    }

    private static byte[] HandlerZip()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(zip.CreateEntry("index.py").Open());
            writer.Write("def handler(event, context):\n    return {'statusCode': 200}\n");
        }

        return buffer.ToArray();
    }
}

/// <summary>What a seeded execution role may do with X-Ray.</summary>
public enum ExecutionRoleXRay
{
    /// <summary>Nothing: AWS (and strict moto) refuse Active tracing for its functions.</summary>
    None,

    /// <summary>An inline policy allowing xray:PutTraceSegments and xray:PutTelemetryRecords.</summary>
    InlinePolicy,

    /// <summary>AWS's managed policy AWSXRayDaemonWriteAccess attached (strict moto only).</summary>
    ManagedPolicy,
}
