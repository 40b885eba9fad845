using Reconciler.Aws;

namespace Reconciler.Verification;

/// <summary>
/// Reads GetTopicAttributes once per topic the run depends on. Read-only and cheap: one call per distinct topic, not
/// per alarm. A failed read becomes a <see cref="TopicRead"/> with the error, never an exception: a check must not
/// stop a run.
/// </summary>
internal sealed class NotificationPathReader(ISnsTopicReader sns)
{
    /// <summary>The read of each topic, by ARN.</summary>
    public async Task<IReadOnlyDictionary<string, TopicRead>> ReadAsync(IReadOnlyList<NotifiedTopic> topics, CancellationToken cancellationToken)
    {
        var reads = new Dictionary<string, TopicRead>(StringComparer.Ordinal);
        foreach (var topic in topics)
        {
            try
            {
                reads[topic.TopicArn] = new TopicRead(await sns.GetTopicAttributesAsync(topic.TopicArn, cancellationToken));
            }
            catch (AwsServiceException error)
            {
                reads[topic.TopicArn] = new TopicRead(null, error.ErrorCode, error.ErrorMessage);
            }
        }

        return reads;
    }
}
