using System.Text.Encodings.Web;
using System.Text.Json;

namespace Reconciler.Reporting;

/// <summary>Renders a <see cref="RunReport"/> as JSON (schema reconciler.observability/report-v1).</summary>
internal static class ReportJsonRenderer
{
    // The report is never embedded in HTML, so HTML-sensitive characters need no escaping; keeping '<', '>' and
    // non-ASCII names as they are keeps it readable and small.
    private static readonly ReportJsonContext Indented = new(new JsonSerializerOptions
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        IndentSize = 2,
    });

    private static readonly ReportJsonContext Compact = new(new JsonSerializerOptions
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = false,
    });

    /// <summary>The report as JSON; indented for people (CLI --output json), compact for messages.</summary>
    public static string Render(RunReport report, bool indented = true)
    {
        ArgumentNullException.ThrowIfNull(report);
        var context = indented ? Indented : Compact;
        var json = JsonSerializer.Serialize(report, context.RunReport);
        return indented ? json + "\n" : json;
    }
}
