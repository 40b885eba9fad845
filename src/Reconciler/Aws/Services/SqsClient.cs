using System.Text.Json.Serialization;
using Reconciler.Aws.Http;

namespace Reconciler.Aws.Services;

/// <summary>
/// SQS over the JSON 1.0 protocol (X-Amz-Target AmazonSQS.&lt;Operation&gt;), the only protocol botocore's current
/// sqs/2012-11-05 model lists. SQS's request quotas are far above what one drill sends, so no call is rate-limited.
/// </summary>
internal sealed class SqsClient(AwsTransport transport) : ISqsClient
{
    private const string MediaType = "application/x-amz-json-1.0";
    private static readonly AwsOperation CreateQueue = new(AwsServiceCatalog.Sqs, "CreateQueue", null, true);
    private static readonly AwsOperation GetQueueAttributes = new(AwsServiceCatalog.Sqs, "GetQueueAttributes", null, false);
    private static readonly AwsOperation SetQueueAttributes = new(AwsServiceCatalog.Sqs, "SetQueueAttributes", null, true);
    private static readonly AwsOperation ReceiveMessage = new(AwsServiceCatalog.Sqs, "ReceiveMessage", null, false);
    private static readonly AwsOperation DeleteQueue = new(AwsServiceCatalog.Sqs, "DeleteQueue", null, true);

    public async Task<string> CreateQueueAsync(string queueName, IReadOnlyDictionary<string, string> attributes, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        ArgumentNullException.ThrowIfNull(tags);
        var body = new SqsCreateQueueRequestJson(queueName, attributes.Count == 0 ? null : new(attributes), tags.Count == 0 ? null : new(tags));
        var response = await SendAsync(CreateQueue, JsonContent.Create(body, SqsJsonContext.Default.SqsCreateQueueRequestJson, MediaType), cancellationToken);
        return JsonContent.Parse(response.Body, SqsJsonContext.Default.SqsCreateQueueResponseJson, "sqs", CreateQueue.Name).QueueUrl
            ?? throw new AwsServiceException("sqs", CreateQueue.Name, "MalformedResponse", "CreateQueue answered without a QueueUrl.", response.StatusCode, response.RequestId, AwsErrorKind.Terminal);
    }

    public async Task<IReadOnlyDictionary<string, string>> GetQueueAttributesAsync(string queueUrl, IReadOnlyList<string> attributeNames, CancellationToken cancellationToken)
    {
        var body = new SqsGetQueueAttributesRequestJson(queueUrl, attributeNames);
        var response = await SendAsync(GetQueueAttributes, JsonContent.Create(body, SqsJsonContext.Default.SqsGetQueueAttributesRequestJson, MediaType), cancellationToken);
        return JsonContent.Parse(response.Body, SqsJsonContext.Default.SqsGetQueueAttributesResponseJson, "sqs", GetQueueAttributes.Name).Attributes
            ?? new Dictionary<string, string>();
    }

    public async Task SetQueueAttributesAsync(string queueUrl, IReadOnlyDictionary<string, string> attributes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        var body = new SqsSetQueueAttributesRequestJson(queueUrl, new(attributes));
        await SendAsync(SetQueueAttributes, JsonContent.Create(body, SqsJsonContext.Default.SqsSetQueueAttributesRequestJson, MediaType), cancellationToken);
    }

    public async Task<IReadOnlyList<SqsMessage>> ReceiveMessageAsync(string queueUrl, int maxMessages, int waitSeconds, CancellationToken cancellationToken)
    {
        var body = new SqsReceiveMessageRequestJson(queueUrl, Math.Clamp(maxMessages, 1, 10), Math.Clamp(waitSeconds, 0, 20));
        var response = await SendAsync(ReceiveMessage, JsonContent.Create(body, SqsJsonContext.Default.SqsReceiveMessageRequestJson, MediaType), cancellationToken);
        var messages = JsonContent.Parse(response.Body, SqsJsonContext.Default.SqsReceiveMessageResponseJson, "sqs", ReceiveMessage.Name).Messages ?? [];
        return [.. messages.Select(message => new SqsMessage(message.MessageId ?? string.Empty, message.ReceiptHandle, message.Body ?? string.Empty))];
    }

    public async Task DeleteQueueAsync(string queueUrl, CancellationToken cancellationToken)
    {
        try
        {
            await SendAsync(DeleteQueue, JsonContent.Create(new SqsQueueUrlJson(queueUrl), SqsJsonContext.Default.SqsQueueUrlJson, MediaType), cancellationToken);
        }
        catch (AwsServiceException error) when (error.ErrorCode is "QueueDoesNotExist" or "AWS.SimpleQueueService.NonExistentQueue")
        {
            // Already gone: what cleaning up wanted.
        }
    }

    private Task<AwsResponse> SendAsync(AwsOperation operation, HttpContent content, CancellationToken cancellationToken) =>
        transport.SendAsync(operation, baseUrl => JsonRpc.Request(baseUrl, "AmazonSQS." + operation.Name, content), cancellationToken);
}

internal sealed record SqsCreateQueueRequestJson(
    string QueueName,
    Dictionary<string, string>? Attributes,
    [property: JsonPropertyName("tags")] Dictionary<string, string>? Tags);

internal sealed record SqsCreateQueueResponseJson(string? QueueUrl);

internal sealed record SqsGetQueueAttributesRequestJson(string QueueUrl, IReadOnlyList<string> AttributeNames);

internal sealed record SqsGetQueueAttributesResponseJson(Dictionary<string, string>? Attributes);

internal sealed record SqsSetQueueAttributesRequestJson(string QueueUrl, Dictionary<string, string> Attributes);

internal sealed record SqsReceiveMessageRequestJson(string QueueUrl, int MaxNumberOfMessages, int WaitTimeSeconds);

internal sealed record SqsMessageJson(string? MessageId, string? ReceiptHandle, string? Body);

internal sealed record SqsReceiveMessageResponseJson(IReadOnlyList<SqsMessageJson>? Messages);

internal sealed record SqsQueueUrlJson(string QueueUrl);

/// <summary>Source-generated serializers of the SQS wire shapes (Native AOT).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SqsCreateQueueRequestJson))]
[JsonSerializable(typeof(SqsCreateQueueResponseJson))]
[JsonSerializable(typeof(SqsGetQueueAttributesRequestJson))]
[JsonSerializable(typeof(SqsGetQueueAttributesResponseJson))]
[JsonSerializable(typeof(SqsSetQueueAttributesRequestJson))]
[JsonSerializable(typeof(SqsReceiveMessageRequestJson))]
[JsonSerializable(typeof(SqsReceiveMessageResponseJson))]
[JsonSerializable(typeof(SqsQueueUrlJson))]
internal sealed partial class SqsJsonContext : JsonSerializerContext;
