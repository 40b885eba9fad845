using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Reconciler.Aws.Services;

/// <summary>Request bodies and response parsing for the JSON protocols.</summary>
internal static class JsonContent
{
    public static ByteArrayContent Create<T>(T value, JsonTypeInfo<T> typeInfo, string mediaType)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(value, typeInfo));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(mediaType);
        return content;
    }

    /// <summary>Parses a success body; a malformed one is a terminal error that names the operation.</summary>
    public static T Parse<T>(string body, JsonTypeInfo<T> typeInfo, string service, string operation)
    {
        try
        {
            return JsonSerializer.Deserialize(string.IsNullOrWhiteSpace(body) ? "{}" : body, typeInfo)
                ?? throw new JsonException("The body is the JSON literal null.");
        }
        catch (JsonException error)
        {
            throw new AwsServiceException(
                service,
                operation,
                "MalformedResponse",
                $"The response is not the expected JSON: {error.Message} Body starts with: {Preview(body)}",
                200,
                null,
                AwsErrorKind.Terminal,
                error);
        }
    }

    private static string Preview(string body) => body.Length <= 200 ? body : body[..200] + "…";

    public static StringContent Empty() => new(string.Empty, Encoding.UTF8);
}
