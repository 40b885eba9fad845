using System.Text;
using System.Text.Json;
using Reconciler.Aws;
using Reconciler.Planning;

namespace Reconciler.Drill;

/// <summary>
/// `drill --verify-delivery`: a temporary SQS queue subscribed to every drilled topic, so the drill sees SNS deliver
/// the alarm's message and not only CloudWatch's word that it published it. It names everything it creates as it
/// creates it (through the announce callback), and <see cref="CleanUpAsync"/> removes all of it: the caller calls it in
/// a finally, so failure, timeout and Ctrl-C clean up too; only a killed process leaves the named resources behind.
/// </summary>
internal sealed class DeliveryProbe(ISqsClient sqs, ISnsSubscriber sns, Action<string> announce) : IDeliveryWitness, IDisposable
{
    private readonly List<string> subscriptions = [];
    private readonly List<string> problems = [];
    private readonly List<(string TopicArn, string AlarmName)> arrived = [];
    private readonly SemaphoreSlim receiving = new(1, 1);
    private string? queueUrl;

    /// <summary>The queue name for a drill run: "reconciler-drill-" and the run id's time and suffix (SQS allows 80 characters).</summary>
    public static string QueueName(string runId)
    {
        var builder = new StringBuilder("reconciler-drill-");
        foreach (var c in runId.Replace("drill-", string.Empty, StringComparison.Ordinal))
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-');
        }

        return builder.ToString()[..Math.Min(80, builder.Length)];
    }

    /// <summary>Creates the queue, lets the topics send to it and subscribes it to each. Failures are kept as problems.</summary>
    public async Task<bool> SetUpAsync(string runId, IReadOnlyList<string> topicArns, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(topicArns);
        try
        {
            var tags = new Dictionary<string, string> { [OwnershipMarker.ManagedByTagKey] = OwnershipMarker.ManagerName, ["reconciler:drill"] = runId };
            // 15 minutes: long enough for any drill, short enough that a queue left behind by a killed process empties itself.
            queueUrl = await sqs.CreateQueueAsync(QueueName(runId), new Dictionary<string, string> { ["MessageRetentionPeriod"] = "900" }, tags, cancellationToken);
            announce($"Created the temporary SQS queue {queueUrl}");
            var queueArn = (await sqs.GetQueueAttributesAsync(queueUrl, ["QueueArn"], cancellationToken)).GetValueOrDefault("QueueArn")
                ?? throw new AwsServiceException("sqs", "GetQueueAttributes", "MalformedResponse", "GetQueueAttributes returned no QueueArn.", 200, null, AwsErrorKind.Terminal);
            await sqs.SetQueueAttributesAsync(queueUrl, new Dictionary<string, string> { ["Policy"] = QueuePolicy(queueArn, topicArns) }, cancellationToken);
            foreach (var topic in topicArns)
            {
                var subscription = await sns.SubscribeAsync(topic, "sqs", queueArn, cancellationToken);
                subscriptions.Add(subscription);
                announce($"Subscribed it to {topic}: {subscription}");
            }

            return true;
        }
        catch (AwsServiceException error)
        {
            problems.Add($"could not set up the delivery check: {error.Operation} answered {error.ErrorCode}: {error.ErrorMessage}");
            return false;
        }
    }

    /// <inheritdoc />
    public async Task<bool> HasArrivedAsync(string alarmName, string topicArn, CancellationToken cancellationToken)
    {
        await receiving.WaitAsync(cancellationToken);
        try
        {
            if (Seen(alarmName, topicArn) || queueUrl is null)
            {
                return Seen(alarmName, topicArn);
            }

            IReadOnlyList<SqsMessage> messages;
            try
            {
                messages = await sqs.ReceiveMessageAsync(queueUrl, 10, 1, cancellationToken);
            }
            catch (AwsServiceException)
            {
                return false;
            }

            foreach (var message in messages)
            {
                if (Notification(message.Body) is { } notification)
                {
                    arrived.Add(notification);
                }
            }

            return Seen(alarmName, topicArn);
        }
        finally
        {
            receiving.Release();
        }
    }

    /// <summary>Unsubscribes and deletes the queue, whatever happened before; never throws for AWS errors.</summary>
    public async Task<DeliveryCheckResources> CleanUpAsync()
    {
        var removed = true;
        foreach (var subscription in subscriptions)
        {
            try
            {
                await sns.UnsubscribeAsync(subscription, CancellationToken.None);
                announce($"Removed the temporary subscription {subscription}");
            }
            catch (AwsServiceException error)
            {
                removed = false;
                problems.Add($"could not remove the subscription {subscription} ({error.ErrorCode}: {error.ErrorMessage}); remove it with: aws sns unsubscribe --subscription-arn {subscription}");
            }
        }

        if (queueUrl is not null)
        {
            try
            {
                await sqs.DeleteQueueAsync(queueUrl, CancellationToken.None);
                announce($"Deleted the temporary SQS queue {queueUrl}");
            }
            catch (AwsServiceException error)
            {
                removed = false;
                problems.Add($"could not delete the queue {queueUrl} ({error.ErrorCode}: {error.ErrorMessage}); delete it with: aws sqs delete-queue --queue-url {queueUrl}");
            }
        }

        return new DeliveryCheckResources(queueUrl, [.. subscriptions], removed && problems.Count == 0, [.. problems]);
    }

    /// <inheritdoc />
    public void Dispose() => receiving.Dispose();

    private bool Seen(string alarmName, string topicArn) =>
        arrived.Contains((topicArn, alarmName));

    // The SNS envelope ({"Type":"Notification","TopicArn":…,"Message":"<CloudWatch's JSON>"}) of an ALARM notification.
    private static (string TopicArn, string AlarmName)? Notification(string body)
    {
        try
        {
            using var envelope = JsonDocument.Parse(body);
            if (!envelope.RootElement.TryGetProperty("TopicArn", out var topic) || !envelope.RootElement.TryGetProperty("Message", out var message)
                || topic.ValueKind != JsonValueKind.String || message.ValueKind != JsonValueKind.String)
            {
                return null;
            }

            using var alarm = JsonDocument.Parse(message.GetString()!);
            return alarm.RootElement.TryGetProperty("AlarmName", out var name) && name.ValueKind == JsonValueKind.String
                && alarm.RootElement.TryGetProperty("NewStateValue", out var state) && state.GetString() == "ALARM"
                ? (topic.GetString()!, name.GetString()!)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string QueuePolicy(string queueArn, IReadOnlyList<string> topicArns)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("Version", "2012-10-17");
            json.WriteStartArray("Statement");
            json.WriteStartObject();
            json.WriteString("Sid", "DrilledTopics");
            json.WriteString("Effect", "Allow");
            json.WriteStartObject("Principal");
            json.WriteString("Service", "sns.amazonaws.com");
            json.WriteEndObject();
            json.WriteString("Action", "sqs:SendMessage");
            json.WriteString("Resource", queueArn);
            json.WriteStartObject("Condition");
            json.WriteStartObject("ArnEquals");
            json.WriteStartArray("aws:SourceArn");
            foreach (var topic in topicArns)
            {
                json.WriteStringValue(topic);
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
