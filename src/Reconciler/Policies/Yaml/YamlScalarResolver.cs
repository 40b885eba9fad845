using System.Globalization;
using System.Text.RegularExpressions;

namespace Reconciler.Policies.Yaml;

/// <summary>
/// Resolves plain scalars by the YAML 1.2 core schema (the one JSON Schema tooling assumes), so that
/// `threshold: 5` is a number, `adopt: true` a boolean and `env: "5"` a string, exactly as an editor
/// checking the JSON Schema sees them. YAML 1.1 words such as yes/no/on/off stay strings.
/// </summary>
internal static partial class YamlScalarResolver
{
    /// <summary>The kind of a plain (unquoted) scalar.</summary>
    public static YamlScalarKind ResolvePlain(string text) => text switch
    {
        "" or "~" or "null" or "Null" or "NULL" => YamlScalarKind.Null,
        "true" or "True" or "TRUE" or "false" or "False" or "FALSE" => YamlScalarKind.Boolean,
        _ when NumberPattern().IsMatch(text) => YamlScalarKind.Number,
        _ => YamlScalarKind.String,
    };

    /// <summary>The value of a scalar already resolved as <see cref="YamlScalarKind.Number"/>.</summary>
    public static double ParseNumber(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>True when the number literal <paramref name="text"/> is zero (every digit of its mantissa is 0).</summary>
    public static bool IsZeroLiteral(string text)
    {
        var mantissa = Mantissa(text);
        return !mantissa.ContainsAnyInRange('1', '9');
    }

    /// <summary>
    /// True when the number literal <paramref name="text"/> is a whole number as written: "60.0000000000000001"
    /// parses to the double 60, but it is not 60. Literals too long for decimal are left to the double checks.
    /// </summary>
    public static bool IsWholeLiteral(string text) =>
        !decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var exact) || exact == decimal.Truncate(exact);

    private static ReadOnlySpan<char> Mantissa(string text)
    {
        var exponent = text.AsSpan().IndexOfAny('e', 'E');
        return exponent < 0 ? text : text.AsSpan(0, exponent);
    }

    /// <summary>The value of a scalar already resolved as <see cref="YamlScalarKind.Boolean"/>.</summary>
    public static bool ParseBoolean(string text) => text is "true" or "True" or "TRUE";

    // \A and \z, not ^ and $: in .NET "$" also matches before a final "\n".
    [GeneratedRegex(@"\A[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\z", RegexOptions.CultureInvariant)]
    private static partial Regex NumberPattern();
}
