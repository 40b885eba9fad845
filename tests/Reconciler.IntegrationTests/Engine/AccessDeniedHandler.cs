using System.Net;
using System.Text;

namespace Reconciler.IntegrationTests.Engine;

/// <summary>
/// Answers every request whose X-Amz-Target names <paramref name="operation"/> (a JSON 1.1 operation such as
/// "GetResources") with the terminal AccessDeniedException AWS sends when the role lacks the permission; everything
/// else goes to moto.
/// </summary>
internal sealed class AccessDeniedHandler(HttpMessageHandler inner, string operation) : DelegatingHandler(inner)
{
    public int Denied { get; private set; }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Headers.TryGetValues("X-Amz-Target", out var targets) && targets.Any(t => t.EndsWith("." + operation, StringComparison.Ordinal)))
        {
            Denied++;
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.BadRequest)
            {
                RequestMessage = request,
                Content = new StringContent(
                    $$"""{"__type":"AccessDeniedException","Message":"User: arn:aws:sts::123456789012:assumed-role/reconciler/run is not authorized to perform: tag:{{operation}}"}""",
                    Encoding.UTF8,
                    "application/x-amz-json-1.1"),
            });
        }

        return base.SendAsync(request, cancellationToken);
    }
}
