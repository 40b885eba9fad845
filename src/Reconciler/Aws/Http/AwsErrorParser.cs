using System.Net.Http.Headers;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;

namespace Reconciler.Aws.Http;

/// <summary>
/// Turns an error response of any of the three protocols into an <see cref="AwsServiceException"/>:
/// JSON (<c>__type</c> / <c>x-amzn-ErrorType</c>, <c>message</c> / <c>Message</c>) and query XML
/// (<c>&lt;ErrorResponse&gt;&lt;Error&gt;&lt;Code&gt;</c>).
/// </summary>
internal static class AwsErrorParser
{
    public static AwsServiceException Parse(string service, string operation, int statusCode, HttpResponseHeaders headers, string body)
    {
        string? code = null;
        string? message = null;
        string? requestId = HeaderValue(headers, "x-amzn-RequestId") ?? HeaderValue(headers, "x-amz-request-id");

        var trimmed = body.AsSpan().TrimStart();
        if (trimmed.StartsWith("<"))
        {
            (code, message, var xmlRequestId) = FromXml(body);
            requestId ??= xmlRequestId;
        }
        else if (trimmed.StartsWith("{"))
        {
            (code, message) = FromJson(body);
        }

        // REST-JSON services put the code in a header too; it is the most reliable source when present.
        code = SanitizeCode(HeaderValue(headers, "x-amzn-ErrorType") ?? code) ?? DefaultCode(statusCode);
        message ??= string.IsNullOrWhiteSpace(body) ? $"HTTP {statusCode} with an empty body" : Truncate(body.Trim());

        return new AwsServiceException(
            service, operation, code, message, statusCode, requestId, AwsErrorClassifier.Classify(code, statusCode, message));
    }

    private static (string? Code, string? Message) FromJson(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, null);
            }

            string? code = null;
            string? message = null;
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Value.ValueKind != JsonValueKind.String)
                {
                    continue;
                }

                if (property.NameEquals("__type") || property.NameEquals("code") || property.NameEquals("Code"))
                {
                    code ??= property.Value.GetString();
                }
                else if (property.Name.Equals("message", StringComparison.OrdinalIgnoreCase) || property.NameEquals("errorMessage"))
                {
                    message ??= property.Value.GetString();
                }
            }

            return (code, message);
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    private static (string? Code, string? Message, string? RequestId) FromXml(string body)
    {
        try
        {
            var root = XDocument.Parse(body).Root;
            var error = root?.Descendants().FirstOrDefault(e => e.Name.LocalName == "Error") ?? root;
            var code = error?.Elements().FirstOrDefault(e => e.Name.LocalName == "Code")?.Value;
            var message = error?.Elements().FirstOrDefault(e => e.Name.LocalName == "Message")?.Value;
            var requestId = root?.Descendants().FirstOrDefault(e => e.Name.LocalName is "RequestId" or "RequestID")?.Value;
            return (code, message, requestId);
        }
        catch (XmlException)
        {
            return (null, null, null);
        }
    }

    // "aws.protocoltests#ThrottlingException:http://internal" -> "ThrottlingException", as the SDKs normalise it.
    private static string? SanitizeCode(string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return null;
        }

        var value = code.Trim();
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            value = value[..colon];
        }

        var hash = value.LastIndexOf('#');
        return hash >= 0 ? value[(hash + 1)..] : value;
    }

    private static string DefaultCode(int statusCode) => statusCode switch
    {
        429 => "TooManyRequestsException",
        >= 500 => "ServiceUnavailable",
        404 => "NotFound",
        403 => "AccessDenied",
        _ => $"Http{statusCode}",
    };

    private static string? HeaderValue(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static string Truncate(string text) => text.Length <= 500 ? text : text[..500] + "…";
}
