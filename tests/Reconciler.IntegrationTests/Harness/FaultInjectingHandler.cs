using System.Net;
using System.Text;

namespace Reconciler.IntegrationTests.Harness;

/// <summary>
/// Sits below signing (via AwsClientOptions.WrapTransport) and answers chosen attempts itself with a fault, without
/// forwarding them, so moto sees each write exactly once when it finally goes through.
/// </summary>
public sealed class FaultInjectingHandler(HttpMessageHandler inner, Func<int, HttpRequestMessage, Fault?> faultForAttempt)
    : DelegatingHandler(inner)
{
    private int attempts;

    /// <summary>Requests that reached moto.</summary>
    public int Forwarded { get; private set; }

    /// <summary>Requests answered with a fault.</summary>
    public int Injected { get; private set; }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var attempt = Interlocked.Increment(ref attempts);
        switch (faultForAttempt(attempt, request))
        {
            case Fault.Throttle throttle:
                Injected++;
                return new HttpResponseMessage(throttle.Status)
                {
                    Content = new StringContent(throttle.Body, Encoding.UTF8, throttle.ContentType),
                    RequestMessage = request,
                };
            case Fault.ServerError:
                Injected++;
                return new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Content = new StringContent("Service Unavailable"), RequestMessage = request };
            case Fault.DropConnection:
                Injected++;
                throw new HttpRequestException("Injected: connection reset by peer", new IOException("reset"));
            default:
                Forwarded++;
                return await base.SendAsync(request, cancellationToken);
        }
    }
}

/// <summary>A fault to inject.</summary>
public abstract record Fault
{
    /// <summary>A throttling answer as the protocol would send it.</summary>
    public sealed record Throttle(HttpStatusCode Status, string Body, string ContentType) : Fault;

    /// <summary>HTTP 503.</summary>
    public sealed record ServerError : Fault;

    /// <summary>A dropped connection.</summary>
    public sealed record DropConnection : Fault;

    /// <summary>Query-protocol throttling (CloudWatch, SNS).</summary>
    public static Fault QueryThrottling { get; } = new Throttle(
        HttpStatusCode.BadRequest,
        "<ErrorResponse xmlns=\"http://monitoring.amazonaws.com/doc/2010-08-01/\"><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>injected</RequestId></ErrorResponse>",
        "text/xml");

    /// <summary>REST-JSON throttling (Lambda, API Gateway).</summary>
    public static Fault JsonThrottling { get; } = new Throttle(
        HttpStatusCode.TooManyRequests,
        "{\"message\":\"Rate exceeded\",\"__type\":\"TooManyRequestsException\"}",
        "application/json");
}
