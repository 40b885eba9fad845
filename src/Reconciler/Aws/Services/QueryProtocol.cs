using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Reconciler.Aws.Services;

/// <summary>The query protocol: a form-encoded POST with Action and Version, answered in XML.</summary>
internal sealed class QueryParameters(string action, string version)
{
    private readonly List<KeyValuePair<string, string>> parameters = [new("Action", action), new("Version", version)];

    public QueryParameters Add(string name, string? value)
    {
        if (value is not null)
        {
            parameters.Add(new(name, value));
        }

        return this;
    }

    public QueryParameters Add(string name, int? value) => Add(name, value?.ToString(CultureInfo.InvariantCulture));

    public QueryParameters Add(string name, double? value) => Add(name, value?.ToString("R", CultureInfo.InvariantCulture));

    public QueryParameters Add(string name, bool? value) => Add(name, value is null ? null : value.Value ? "true" : "false");

    /// <summary>Adds Name.member.1, Name.member.2, …; an empty list adds nothing.</summary>
    public QueryParameters AddMembers(string name, IReadOnlyList<string> values)
    {
        for (var i = 0; i < values.Count; i++)
        {
            Add($"{name}.member.{i + 1}", values[i]);
        }

        return this;
    }

    public IReadOnlyList<KeyValuePair<string, string>> Pairs => parameters;

    /// <summary>The POST to "/" with the form body, as botocore sends it.</summary>
    public HttpRequestMessage ToRequest(string baseUrl)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(Encode()));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/x-www-form-urlencoded; charset=utf-8");
        return new HttpRequestMessage(HttpMethod.Post, baseUrl + "/") { Content = content };
    }

    // RFC 3986 unreserved characters stay as they are, everything else is %XX (like botocore's percent_encode).
    public string Encode() =>
        string.Join('&', parameters.Select(pair => Uri.EscapeDataString(pair.Key) + "=" + Uri.EscapeDataString(pair.Value)));
}

/// <summary>Namespace-agnostic reading of query-protocol XML answers.</summary>
internal static class QueryXml
{
    public static XElement ParseResult(string body, string service, string operation)
    {
        try
        {
            var root = XDocument.Parse(body).Root ?? throw new XmlException("The document has no root element.");
            return root.Elements().FirstOrDefault(e => e.Name.LocalName == operation + "Result") ?? root;
        }
        catch (XmlException error)
        {
            throw new AwsServiceException(
                service,
                operation,
                "MalformedResponse",
                $"The response is not the expected XML: {error.Message}",
                200,
                null,
                AwsErrorKind.Terminal,
                error);
        }
    }

    public static XElement? Child(this XElement? element, string name) =>
        element?.Elements().FirstOrDefault(e => e.Name.LocalName == name);

    public static string? Text(this XElement? element, string name) => element.Child(name)?.Value;

    public static IEnumerable<XElement> Members(this XElement? element, string name) =>
        element.Child(name)?.Elements().Where(e => e.Name.LocalName == "member") ?? [];

    public static int? Int(this XElement? element, string name) =>
        int.TryParse(element.Text(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    public static long? Long(this XElement? element, string name) =>
        long.TryParse(element.Text(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    public static double? Double(this XElement? element, string name) =>
        double.TryParse(element.Text(name), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

    public static bool? Bool(this XElement? element, string name) =>
        element.Text(name) is { } text ? string.Equals(text, "true", StringComparison.OrdinalIgnoreCase) : null;

    public static DateTimeOffset? Timestamp(this XElement? element, string name) => ParseTimestamp(element.Text(name));

    /// <summary>The element's own text as a timestamp: a member of a list of timestamps.</summary>
    public static DateTimeOffset? TimestampValue(this XElement element) => ParseTimestamp(element.Value);

    /// <summary>The element's own text as a double: a member of a list of numbers.</summary>
    public static double? DoubleValue(this XElement element) =>
        double.TryParse(element.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static DateTimeOffset? ParseTimestamp(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value) ? value : null;
}

/// <summary>Timestamps as the query protocol sends them (botocore's ISO 8601: seconds, or microseconds when there are any).</summary>
internal static class QueryTimestamp
{
    /// <summary>"2026-01-05T09:30:00Z", or "2026-01-05T09:30:00.250000Z"; null for null.</summary>
    public static string? Format(DateTimeOffset? value)
    {
        if (value is not { } time)
        {
            return null;
        }

        var utc = time.UtcDateTime;
        return utc.Ticks % TimeSpan.TicksPerSecond == 0
            ? utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : utc.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
    }
}
