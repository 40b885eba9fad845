namespace Reconciler.Aws;

/// <summary>
/// SQS, for the one thing the reconciler needs a queue for: `drill --verify-delivery` creates a temporary queue,
/// lets the drilled topics deliver to it, reads what arrived and deletes it.
/// </summary>
internal interface ISqsClient
{
    /// <summary>CreateQueue; returns the QueueUrl. <paramref name="attributes"/> and <paramref name="tags"/> may be empty.</summary>
    Task<string> CreateQueueAsync(string queueName, IReadOnlyDictionary<string, string> attributes, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken);

    /// <summary>GetQueueAttributes of the named attributes (e.g. QueueArn), by name.</summary>
    Task<IReadOnlyDictionary<string, string>> GetQueueAttributesAsync(string queueUrl, IReadOnlyList<string> attributeNames, CancellationToken cancellationToken);

    /// <summary>SetQueueAttributes (e.g. Policy).</summary>
    Task SetQueueAttributesAsync(string queueUrl, IReadOnlyDictionary<string, string> attributes, CancellationToken cancellationToken);

    /// <summary>ReceiveMessage: at most <paramref name="maxMessages"/> (1 to 10), long-polling up to <paramref name="waitSeconds"/> (0 to 20).</summary>
    Task<IReadOnlyList<SqsMessage>> ReceiveMessageAsync(string queueUrl, int maxMessages, int waitSeconds, CancellationToken cancellationToken);

    /// <summary>DeleteQueue; a queue that no longer exists counts as deleted.</summary>
    Task DeleteQueueAsync(string queueUrl, CancellationToken cancellationToken);
}

/// <summary>A received message: its id, receipt handle and body (for an SNS subscription, SNS's JSON envelope).</summary>
internal sealed record SqsMessage(string MessageId, string? ReceiptHandle, string Body);

/// <summary>The SNS calls of a temporary subscription (`drill --verify-delivery`).</summary>
internal interface ISnsSubscriber
{
    /// <summary>Subscribe with ReturnSubscriptionArn; returns the SubscriptionArn.</summary>
    Task<string> SubscribeAsync(string topicArn, string protocol, string endpoint, CancellationToken cancellationToken);

    /// <summary>Unsubscribe; a subscription that no longer exists counts as removed.</summary>
    Task UnsubscribeAsync(string subscriptionArn, CancellationToken cancellationToken);
}
