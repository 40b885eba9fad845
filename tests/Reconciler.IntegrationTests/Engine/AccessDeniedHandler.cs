using System.Net;
using System.Text;

namespace Reconciler.IntegrationTests.Engine;

/// <summary>
/// Answers every request for <paramref name="operation"/> with the terminal access-denied error AWS sends when the
/// role lacks the permission: AccessDeniedException for JSON 1.1 operations (named by X-Amz-Target, e.g.
/// GetResources), AccessDenied in query XML for query operations (named by Action=, e.g. DescribeAlarms).
/// Everything else goes to moto.
/// </summary>
internal sealed class AccessDeniedHandler(HttpMessageHandler inner, string operation) : DelegatingHandler(inner)
{
    public int Denied { get; private set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        const string message = "User: arn:aws:sts::123456789012:assumed-role/reconciler/run is not authorized to perform this action";
        if (request.Headers.TryGetValues("X-Amz-Target", out var targets) && targets.Any(t => t.EndsWith("." + operation, StringComparison.Ordinal)))
        {
            Denied++;
            return Deny(request, $$"""{"__type":"AccessDeniedException","Message":"{{message}}"}""", "application/x-amz-json-1.1");
        }

        if (request.Content is { } content
            && content.Headers.ContentType?.MediaType == "application/x-www-form-urlencoded"
            && (await content.ReadAsStringAsync(cancellationToken)).Split('&').Contains("Action=" + operation))
        {
            Denied++;
            return Deny(request, $"<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>{message}</Message></Error><RequestId>denied</RequestId></ErrorResponse>", "text/xml");
        }

        return await base.SendAsync(request, cancellationToken);
    }

    private static HttpResponseMessage Deny(HttpRequestMessage request, string body, string contentType) =>
        new(request.Content is null ? HttpStatusCode.BadRequest : HttpStatusCode.Forbidden)
        {
            RequestMessage = request,
            Content = new StringContent(body, Encoding.UTF8, contentType),
        };
}
