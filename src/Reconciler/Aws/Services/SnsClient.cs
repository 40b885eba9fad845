using Reconciler.Aws.Http;

namespace Reconciler.Aws.Services;

/// <summary>SNS over the query protocol (Version 2010-03-31).</summary>
internal sealed class SnsClient(AwsTransport transport) : ISnsClient
{
    private static readonly AwsOperation Publish = new(AwsServiceCatalog.Sns, "Publish", null, true);
    private static readonly AwsOperation GetTopicAttributes = new(AwsServiceCatalog.Sns, "GetTopicAttributes", null, false);
    private static readonly AwsOperation Subscribe = new(AwsServiceCatalog.Sns, "Subscribe", null, true);
    private static readonly AwsOperation Unsubscribe = new(AwsServiceCatalog.Sns, "Unsubscribe", null, true);

    public async Task<string> SubscribeAsync(string topicArn, string protocol, string endpoint, CancellationToken cancellationToken)
    {
        var parameters = new QueryParameters(Subscribe.Name, "2010-03-31")
            .Add("TopicArn", topicArn)
            .Add("Protocol", protocol)
            .Add("Endpoint", endpoint)
            .Add("ReturnSubscriptionArn", true);
        var response = await transport.SendAsync(Subscribe, parameters.ToRequest, cancellationToken);
        return QueryXml.ParseResult(response.Body, "sns", Subscribe.Name).Text("SubscriptionArn")
            ?? throw new AwsServiceException("sns", Subscribe.Name, "MalformedResponse", "Subscribe answered without a SubscriptionArn.", response.StatusCode, response.RequestId, AwsErrorKind.Terminal);
    }

    public async Task UnsubscribeAsync(string subscriptionArn, CancellationToken cancellationToken)
    {
        try
        {
            await transport.SendAsync(Unsubscribe, new QueryParameters(Unsubscribe.Name, "2010-03-31").Add("SubscriptionArn", subscriptionArn).ToRequest, cancellationToken);
        }
        catch (AwsServiceException error) when (error.ErrorCode is "NotFound" or "NotFoundException")
        {
            // Already gone: what cleaning up wanted.
        }
    }

    public async Task<IReadOnlyDictionary<string, string>> GetTopicAttributesAsync(string topicArn, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(topicArn);
        var parameters = new QueryParameters(GetTopicAttributes.Name, "2010-03-31").Add("TopicArn", topicArn);
        var response = await transport.SendAsync(GetTopicAttributes, parameters.ToRequest, cancellationToken);
        // The map is <Attributes><entry><key>…</key><value>…</value></entry>…</Attributes> on the wire.
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in QueryXml.ParseResult(response.Body, "sns", GetTopicAttributes.Name).Child("Attributes")?.Elements() ?? [])
        {
            if (entry.Text("key") is { } key)
            {
                attributes[key] = entry.Text("value") ?? string.Empty;
            }
        }

        return attributes;
    }

    public async Task<string> PublishAsync(PublishRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var parameters = new QueryParameters(Publish.Name, "2010-03-31")
            .Add("TopicArn", request.TopicArn)
            .Add("Message", request.Message)
            .Add("Subject", request.Subject)
            .Add("MessageStructure", request.MessageStructure);
        var index = 1;
        foreach (var (name, value) in (request.MessageAttributes ?? new Dictionary<string, string>()).OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            var prefix = $"MessageAttributes.entry.{index++}";
            parameters
                .Add(prefix + ".Name", name)
                .Add(prefix + ".Value.DataType", "String")
                .Add(prefix + ".Value.StringValue", value);
        }

        var response = await transport.SendAsync(Publish, parameters.ToRequest, cancellationToken);
        return QueryXml.ParseResult(response.Body, "sns", Publish.Name).Text("MessageId")
            ?? throw new AwsServiceException("sns", Publish.Name, "MalformedResponse", "Publish answered without a MessageId.", response.StatusCode, response.RequestId, AwsErrorKind.Terminal);
    }
}
