using System.Text.Json.Nodes;

namespace Reconciler.Tests.Aws.Wire;

/// <summary>
/// Reads the golden files tools/wire/generate_golden.py writes from botocore (testdata/wire/&lt;service&gt;/&lt;Operation&gt;.json):
/// per case the parameters and the request botocore serialises for them, and one canned answer with what botocore's
/// parser reads from it.
/// </summary>
internal static class GoldenWire
{
    public static string Directory { get; } = Path.Combine(AppContext.BaseDirectory, "testdata", "wire");

    public static JsonObject Operation(string service, string operation)
    {
        var path = Path.Combine(Directory, service, operation + ".json");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"No golden wire file {path}. Regenerate the files with 'python3 tools/wire/generate_golden.py'.", path);
        }

        return JsonNode.Parse(File.ReadAllText(path))!.AsObject();
    }

    public static JsonObject Case(string service, string operation, string caseName) =>
        Operation(service, operation)["cases"]!.AsArray().Select(c => c!.AsObject()).SingleOrDefault(c => (string?)c["name"] == caseName)
        ?? throw new InvalidOperationException($"{service}/{operation}.json has no case '{caseName}'.");

    /// <summary>The case names of one operation, for [MemberData].</summary>
    public static TheoryData<string> CaseNames(string service, string operation)
    {
        var data = new TheoryData<string>();
        foreach (var c in Operation(service, operation)["cases"]!.AsArray())
        {
            data.Add((string)c!["name"]!);
        }

        return data;
    }
}
