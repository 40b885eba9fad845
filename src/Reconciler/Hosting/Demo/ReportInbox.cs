using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Amazon.Runtime;
using Reconciler.Aws.Http;

namespace Reconciler.Hosting.Demo;

/// <summary>One SNS notification as an SQS subscriber receives it (raw delivery off: the SNS JSON envelope).</summary>
internal sealed record DeliveredNotification(string MessageId, string TopicArn, string? Subject, string Message);

/// <summary>
/// Reads the drift report back from the SQS queue subscribed to the report topic: proof that the publish reached
/// SNS and was delivered. SQS is not part of the reconciler's AWS surface, so this one signed ReceiveMessage call
/// lives here, next to the demo, and never points anywhere but the local emulator.
/// </summary>
internal sealed class ReportInbox(Uri endpoint, string queueUrl, AWSCredentials credentials, TimeProvider time)
{
    /// <summary>Waits up to <paramref name="wait"/> for the first notification in the queue.</summary>
    public async Task<DeliveredNotification?> ReceiveAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        while (true)
        {
            var bodies = await ReceiveBodiesAsync(cancellationToken);
            if (bodies.Count > 0)
            {
                return ParseEnvelope(bodies[0]);
            }

            if (time.GetElapsedTime(started) >= wait)
            {
                return null;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), time, cancellationToken);
        }
    }

    /// <summary>The SNS envelope: {"Type":"Notification","MessageId":…,"TopicArn":…,"Subject":…,"Message":…}.</summary>
    internal static DeliveredNotification ParseEnvelope(string body)
    {
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        string? Read(string name) => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        return new DeliveredNotification(
            Read("MessageId") ?? string.Empty,
            Read("TopicArn") ?? string.Empty,
            Read("Subject"),
            Read("Message") ?? throw new DemoFailedException($"The queue held something that is not an SNS notification: {body}"));
    }

    private async Task<IReadOnlyList<string>> ReceiveBodiesAsync(CancellationToken cancellationToken)
    {
        // The queue's path on this endpoint, whatever host moto put in the URL.
        var path = new Uri(queueUrl).AbsolutePath;
        var form = $"Action=ReceiveMessage&Version=2012-11-05&MaxNumberOfMessages=1&WaitTimeSeconds=0";
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(endpoint, path))
        {
            Content = new StringContent(form, Encoding.UTF8),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/x-www-form-urlencoded; charset=utf-8");
        using var signer = SigningHandlerFactory.Create(credentials, DemoOptions.Region, "sqs", new SocketsHttpHandler());
        using var http = new HttpClient(signer);
        using var response = await http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new DemoFailedException($"SQS ReceiveMessage on {queueUrl} failed with HTTP {(int)response.StatusCode}: {text}");
        }

        return [.. XDocument.Parse(text).Descendants().Where(e => e.Name.LocalName == "Body").Select(e => e.Value)];
    }
}
