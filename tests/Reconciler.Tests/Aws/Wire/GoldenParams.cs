using System.Text.Json.Nodes;
using Reconciler.Aws;

namespace Reconciler.Tests.Aws.Wire;

/// <summary>
/// Reads a golden case's botocore parameters into our request records. Every top-level parameter must be read or
/// declared as one the client sends by itself (a constant or a page token), so a case can never carry a parameter
/// this mapping silently drops.
/// </summary>
internal sealed class GoldenParams(JsonObject goldenCase)
{
    private readonly JsonObject parameters = goldenCase["params"]!.AsObject();
    private readonly HashSet<string> used = new(StringComparer.Ordinal);

    public string? String(string name) => (string?)Take(name);

    public string RequiredString(string name) =>
        String(name) ?? throw new InvalidOperationException($"Case '{goldenCase["name"]}' has no {name}.");

    public int? Int(string name) => (int?)Take(name);

    public double? Double(string name) => (double?)Take(name);

    public bool? Bool(string name) => (bool?)Take(name);

    public JsonNode? Node(string name) => Take(name);

    public IReadOnlyList<string> Strings(string name) =>
        Take(name) is JsonArray array ? [.. array.Select(item => (string)item!)] : [];

    public IReadOnlyList<Tag> Tags(string name = "Tags") =>
        Take(name) is JsonArray array ? [.. array.Select(tag => new Tag((string)tag!["Key"]!, (string)tag["Value"]!))] : [];

    public static IReadOnlyList<Dimension> Dimensions(JsonNode? node) =>
        node is JsonArray array ? [.. array.Select(d => new Dimension((string)d!["Name"]!, (string)d["Value"]!))] : [];

    /// <summary>
    /// A parameter the client sends on its own rather than taking it from the caller: it must have the value the
    /// client always sends (the wire comparison then checks that it is really sent).
    /// </summary>
    public void Constant(string name, JsonNode expected)
    {
        var value = Take(name);
        Assert.True(
            JsonNode.DeepEquals(value, expected),
            $"Case '{goldenCase["name"]}': {name} is {value?.ToJsonString() ?? "absent"}, but the client always sends {expected.ToJsonString()}.");
    }

    /// <summary>The page token, which the client takes from the previous answer (see <see cref="WireHarness"/>).</summary>
    public void PageToken(string name) => Take(name);

    /// <summary>Fails when the case holds a parameter nothing read.</summary>
    public void AssertAllRead()
    {
        var unread = parameters.Select(p => p.Key).Where(key => !used.Contains(key)).ToList();
        Assert.True(
            unread.Count == 0,
            $"Case '{goldenCase["name"]}' has parameters the client cannot be given: {string.Join(", ", unread)}.");
    }

    private JsonNode? Take(string name)
    {
        used.Add(name);
        return parameters[name];
    }
}
