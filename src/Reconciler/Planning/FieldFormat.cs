using System.Globalization;

namespace Reconciler.Planning;

/// <summary>
/// Renders values for <see cref="FieldDiff"/> the way a person reads them: numbers without trailing zeros,
/// lists as "[a, b]". Diffing compares these renderings, so two values that render alike are equal by design
/// (5 and 5.0 both render "5": CloudWatch returns doubles, policies may write integers).
/// </summary>
internal static class FieldFormat
{
    /// <summary>Shortest round-trip rendering: 5 → "5", 0.05 → "0.05", 2000 → "2000".</summary>
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>An integer, invariant culture.</summary>
    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>null stays null (the field is absent), otherwise the shortest rendering.</summary>
    public static string? Number(double? value) => value is { } number ? Number(number) : null;

    /// <summary>null stays null (the field is absent), otherwise invariant culture.</summary>
    public static string? Number(int? value) => value is { } number ? Number(number) : null;

    /// <summary>"true" or "false", as CloudWatch and API Gateway spell them.</summary>
    public static string Boolean(bool value) => value ? "true" : "false";

    /// <summary>"[a, b]"; an empty list is "[]".</summary>
    public static string List(IEnumerable<string> items) => "[" + string.Join(", ", items) + "]";

    /// <summary>Cuts long values (dashboard JSON) so a plan stays readable; the payload keeps the full value.</summary>
    public static string Shorten(string value, int maxLength = 200) =>
        value.Length <= maxLength ? value : string.Concat(value.AsSpan(0, maxLength - 1), "…");
}
