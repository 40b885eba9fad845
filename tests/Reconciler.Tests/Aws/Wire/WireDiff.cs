using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Reconciler.Tests.Aws.Wire;

/// <summary>
/// Compares a captured request with the one botocore serialised, and lists every difference in words: form and query
/// parameters as a multiset (order does not matter, but a parameter only one side sends does), JSON bodies
/// structurally, paths segment by segment after decoding, and the headers that choose the operation.
/// </summary>
internal static class WireDiff
{
    public static void AssertSameRequest(JsonObject goldenCase, CapturedRequest actual)
    {
        var differences = Request((JsonObject)goldenCase["request"]!, actual);
        Assert.True(
            differences.Count == 0,
            $"Case '{goldenCase["name"]}' ({goldenCase["description"]}): our request differs from botocore's:\n  " + string.Join("\n  ", differences));
    }

    public static List<string> Request(JsonObject expected, CapturedRequest actual)
    {
        var differences = new List<string>();
        if ((string)expected["method"]! != actual.Method)
        {
            differences.Add($"method: botocore {expected["method"]}, ours {actual.Method}");
        }

        var expectedPath = Segments((string)expected["path"]!);
        var actualPath = Segments(actual.RawPath);
        if (!expectedPath.SequenceEqual(actualPath, StringComparer.Ordinal))
        {
            differences.Add($"path (decoded segments): botocore [{string.Join(" | ", expectedPath)}] from '{expected["path"]}', ours [{string.Join(" | ", actualPath)}] from '{actual.RawPath}'");
        }

        differences.AddRange(Multiset("query", Pairs(expected["query"]!), DecodeForm(actual.RawQuery), Names(expected["numeric_query"])));

        foreach (var (header, ours) in new[] { ("Content-Type", actual.ContentType), ("X-Amz-Target", actual.Target), ("Accept", actual.Accept) })
        {
            var theirs = (string?)expected["headers"]![header];
            var same = header == "Content-Type" ? SameMediaType(theirs, ours) : theirs == ours;
            if (!same)
            {
                differences.Add($"header {header}: botocore {Show(theirs)}, ours {Show(ours)}");
            }
        }

        if (expected["form"] is JsonArray form)
        {
            differences.AddRange(Multiset("form", Pairs(form), DecodeForm(actual.Body), Names(expected["numeric_form"])));
        }
        else
        {
            var expectedJson = expected["json"];
            JsonNode? actualJson;
            try
            {
                actualJson = actual.Body.Length == 0 ? null : JsonNode.Parse(actual.Body);
            }
            catch (JsonException error)
            {
                differences.Add($"body: ours is not JSON ({error.Message}): {actual.Body}");
                return differences;
            }

            differences.AddRange(Json("body", expectedJson, actualJson));
        }

        return differences;
    }

    /// <summary>Structural JSON differences; numbers compare by value, object members in any order.</summary>
    public static IEnumerable<string> Json(string path, JsonNode? expected, JsonNode? actual)
    {
        switch (expected, actual)
        {
            case (null, null):
                yield break;
            case (JsonObject theirs, JsonObject ours):
                foreach (var (name, value) in theirs)
                {
                    if (!ours.ContainsKey(name))
                    {
                        yield return $"{path}.{name}: botocore has {Show(value)}, ours leaves it out";
                        continue;
                    }

                    foreach (var difference in Json($"{path}.{name}", value, ours[name]))
                    {
                        yield return difference;
                    }
                }

                foreach (var (name, value) in ours.Where(member => !theirs.ContainsKey(member.Key)))
                {
                    yield return $"{path}.{name}: ours sends {Show(value)}, botocore does not";
                }

                break;
            case (JsonArray theirs, JsonArray ours):
                if (theirs.Count != ours.Count)
                {
                    yield return $"{path}: botocore has {theirs.Count} items {Show(theirs)}, ours {ours.Count} {Show(ours)}";
                    yield break;
                }

                for (var i = 0; i < theirs.Count; i++)
                {
                    foreach (var difference in Json($"{path}[{i}]", theirs[i], ours[i]))
                    {
                        yield return difference;
                    }
                }

                break;
            case (JsonValue theirs, JsonValue ours) when SameValue(theirs, ours):
                yield break;
            default:
                yield return $"{path}: botocore {Show(expected)}, ours {Show(actual)}";
                break;
        }
    }

    private static bool SameValue(JsonValue theirs, JsonValue ours)
    {
        var a = theirs.GetValueKind();
        var b = ours.GetValueKind();
        if (a == JsonValueKind.Number && b == JsonValueKind.Number)
        {
            return Number(theirs) == Number(ours);
        }

        return a == b && theirs.ToJsonString() == ours.ToJsonString();
    }

    private static IEnumerable<string> Multiset(
        string what,
        List<KeyValuePair<string, string>> theirs,
        List<KeyValuePair<string, string>> ours,
        HashSet<string> numeric)
    {
        var unmatched = new List<KeyValuePair<string, string>>(ours);
        foreach (var pair in theirs)
        {
            var index = unmatched.FindIndex(candidate => candidate.Key == pair.Key && SameParameterValue(pair, candidate.Value, numeric));
            if (index < 0)
            {
                var ourValues = ours.Where(p => p.Key == pair.Key).Select(p => Show(p.Value)).ToList();
                yield return ourValues.Count == 0
                    ? $"{what} {pair.Key}: botocore sends {Show(pair.Value)}, ours does not send it"
                    : $"{what} {pair.Key}: botocore sends {Show(pair.Value)}, ours {string.Join(", ", ourValues)}";
            }
            else
            {
                unmatched.RemoveAt(index);
            }
        }

        foreach (var pair in unmatched.Where(p => !theirs.Any(t => t.Key == p.Key)))
        {
            yield return $"{what} {pair.Key}: ours sends {Show(pair.Value)}, botocore does not";
        }
    }

    // botocore writes a double as Python prints it (5.0, 1e-07), .NET as it round-trips (5, 1E-07): one value.
    private static bool SameParameterValue(KeyValuePair<string, string> theirs, string ours, HashSet<string> numeric) =>
        theirs.Value == ours
        || (numeric.Contains(theirs.Key)
            && double.TryParse(theirs.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var a)
            && double.TryParse(ours, NumberStyles.Float, CultureInfo.InvariantCulture, out var b)
            && a == b);

    private static bool SameMediaType(string? theirs, string? ours)
    {
        if (theirs is null || ours is null)
        {
            return theirs == ours;
        }

        var a = MediaTypeHeaderValue.Parse(theirs);
        var b = MediaTypeHeaderValue.Parse(ours);
        return string.Equals(a.MediaType, b.MediaType, StringComparison.OrdinalIgnoreCase)
            && string.Equals(a.CharSet?.Trim('"'), b.CharSet?.Trim('"'), StringComparison.OrdinalIgnoreCase);
    }

    // Each segment decoded on its own, so an escaped '/' (%2F) inside a name stays distinguishable from a separator.
    private static string[] Segments(string rawPath) => [.. rawPath.Split('/').Select(Uri.UnescapeDataString)];

    public static List<KeyValuePair<string, string>> DecodeForm(string encoded) =>
        [.. encoded.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(part =>
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? part : part[..equals];
            var value = equals < 0 ? string.Empty : part[(equals + 1)..];
            return new KeyValuePair<string, string>(Decode(name), Decode(value));
        })];

    private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));

    private static List<KeyValuePair<string, string>> Pairs(JsonNode node) =>
        [.. node.AsArray().Select(pair => new KeyValuePair<string, string>((string)pair![0]!, (string)pair[1]!))];

    private static HashSet<string> Names(JsonNode? node) =>
        node is JsonArray array ? [.. array.Select(n => (string)n!)] : [];

    private static string Show(string? value) => value is null ? "(none)" : $"'{value}'";

    private static string Show(JsonNode? value) => value is null ? "null" : value.ToJsonString();

    // A value built from a CLR int is not readable as double; its JSON text always is.
    private static double Number(JsonValue value) => double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
}
