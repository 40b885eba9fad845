using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace Reconciler.Tests.Faults;

/// <summary>A terminal handler standing in for moto: answers 200 and keeps what it received, body included.</summary>
internal sealed class RecordingTransport : HttpMessageHandler
{
    private readonly ConcurrentQueue<ReceivedRequest> _received = new();

    public IReadOnlyList<ReceivedRequest> Received => [.. _received];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        _received.Enqueue(new ReceivedRequest(request.Method.Method, request.RequestUri!.PathAndQuery, body));
        return new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent("{}", Encoding.UTF8, "application/json"),
            RequestMessage = request,
        };
    }
}

internal sealed record ReceivedRequest(string Method, string PathAndQuery, string Body);
