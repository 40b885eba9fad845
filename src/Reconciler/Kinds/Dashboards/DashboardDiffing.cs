using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Reconciler.Planning;

namespace Reconciler.Kinds.Dashboards;

/// <summary>
/// Compares dashboard bodies as JSON by meaning: key order, whitespace and number spelling (1 vs 1.0) do not count.
/// Differences are reported at the deepest path that still says something: objects are always descended into,
/// arrays of objects (widgets) element by element, other arrays (a widget's metrics) as one value, e.g.
/// <c>widgets[3].properties.metrics</c>.
/// </summary>
internal static class DashboardDiffing
{
    private static readonly JsonWriterOptions CanonicalOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The paths where <paramref name="observedBody"/> and <paramref name="desiredBody"/> differ.</summary>
    public static IReadOnlyList<FieldDiff> Diff(string observedBody, string desiredBody)
    {
        using var desired = JsonDocument.Parse(desiredBody);
        JsonDocument observed;
        try
        {
            observed = JsonDocument.Parse(observedBody);
        }
        catch (JsonException)
        {
            return [new FieldDiff("body", "(not valid JSON)", FieldFormat.Shorten(Canonical(desired.RootElement)))];
        }

        using (observed)
        {
            var diffs = new List<FieldDiff>();
            Compare(string.Empty, observed.RootElement, desired.RootElement, diffs);
            return diffs;
        }
    }

    /// <summary>True when both bodies mean the same JSON.</summary>
    public static bool SameMeaning(string observedBody, string desiredBody) => Diff(observedBody, desiredBody).Count == 0;

    /// <summary>The canonical form: keys sorted (ordinal), no whitespace, numbers in their shortest spelling.</summary>
    public static string Canonical(JsonElement element)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, CanonicalOptions))
        {
            WriteCanonical(writer, element);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void Compare(string path, JsonElement before, JsonElement after, List<FieldDiff> diffs)
    {
        if (before.ValueKind == JsonValueKind.Object && after.ValueKind == JsonValueKind.Object)
        {
            var was = Properties(before);
            var will = Properties(after);
            foreach (var key in was.Keys.Union(will.Keys).Order(StringComparer.Ordinal))
            {
                var child = path.Length == 0 ? key : $"{path}.{key}";
                var hasBefore = was.TryGetValue(key, out var b);
                var hasAfter = will.TryGetValue(key, out var a);
                if (hasBefore && hasAfter)
                {
                    Compare(child, b, a, diffs);
                }
                else
                {
                    diffs.Add(new FieldDiff(child, hasBefore ? Render(b) : null, hasAfter ? Render(a) : null));
                }
            }

            return;
        }

        if (before.ValueKind == JsonValueKind.Array && after.ValueKind == JsonValueKind.Array
            && AllObjects(before) && AllObjects(after))
        {
            var was = before.EnumerateArray().ToList();
            var will = after.EnumerateArray().ToList();
            for (var i = 0; i < Math.Max(was.Count, will.Count); i++)
            {
                var child = $"{path}[{i}]";
                if (i < was.Count && i < will.Count)
                {
                    Compare(child, was[i], will[i], diffs);
                }
                else
                {
                    diffs.Add(new FieldDiff(child, i < was.Count ? Render(was[i]) : null, i < will.Count ? Render(will[i]) : null));
                }
            }

            return;
        }

        if (before.ValueKind == JsonValueKind.Array && after.ValueKind == JsonValueKind.Array
            && TryDiffItems(path, before, after, diffs))
        {
            return;
        }

        var canonicalBefore = Canonical(before);
        var canonicalAfter = Canonical(after);
        if (!string.Equals(canonicalBefore, canonicalAfter, StringComparison.Ordinal))
        {
            diffs.Add(new FieldDiff(path.Length == 0 ? "body" : path, FieldFormat.Shorten(canonicalBefore), FieldFormat.Shorten(canonicalAfter)));
        }
    }

    /// <summary>
    /// Lists of values (alarm ARNs, metric lines) that gained or lost items: show only those items, since two long
    /// lists shortened for display would look the same.
    /// </summary>
    private static bool TryDiffItems(string path, JsonElement before, JsonElement after, List<FieldDiff> diffs)
    {
        var was = before.EnumerateArray().Select(Canonical).ToList();
        var will = after.EnumerateArray().Select(Canonical).ToList();
        var removed = was.Except(will, StringComparer.Ordinal).ToList();
        var added = will.Except(was, StringComparer.Ordinal).ToList();
        if (removed.Count == 0 && added.Count == 0)
        {
            return false;
        }

        diffs.Add(new FieldDiff(
            $"{path} (items that differ)",
            FieldFormat.Shorten($"[{string.Join(", ", removed)}]"),
            FieldFormat.Shorten($"[{string.Join(", ", added)}]")));
        return true;
    }

    private static bool AllObjects(JsonElement array) =>
        array.EnumerateArray().All(e => e.ValueKind == JsonValueKind.Object);

    // Duplicate keys: the last one wins, as in most JSON readers (and CloudWatch's).
    private static Dictionary<string, JsonElement> Properties(JsonElement element)
    {
        var properties = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            properties[property.Name] = property.Value;
        }

        return properties;
    }

    private static string Render(JsonElement element) => FieldFormat.Shorten(Canonical(element));

    private static void WriteCanonical(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var (name, value) in Properties(element).OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(name);
                    WriteCanonical(writer, value);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    WriteCanonical(writer, item);
                }

                writer.WriteEndArray();
                break;
            case JsonValueKind.Number:
                // By value: 6, 6.0 and 6e0 are one number. Numbers beyond double keep their own spelling.
                if (element.TryGetDouble(out var number) && double.IsFinite(number))
                {
                    writer.WriteRawValue(number.ToString("R", CultureInfo.InvariantCulture));
                }
                else
                {
                    writer.WriteRawValue(element.GetRawText());
                }

                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }
}
