using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Reconciler.Reporting;

/// <summary>
/// A report as one SNS Publish with MessageStructure "json": <c>default</c> carries the JSON report (SNS hands it
/// to every protocol without a key of its own: sqs, lambda, http, https, email-json, firehose), <c>email</c> the
/// text report, <c>sms</c> the subject line. Machine protocols are deliberately not repeated as keys: each copy of
/// the escaped JSON would count again against the 256 KiB limit, and SNS already routes <c>default</c> to them.
/// </summary>
/// <param name="OmittedEntries">How many entries were left out to fit (0 when the report fit whole).</param>
internal sealed record SnsReportMessage(string Subject, string Message, int OmittedEntries)
{
    /// <summary>SNS Publish's message limit: 256 KiB of UTF-8.</summary>
    public const int MaxMessageBytes = 262_144;

    /// <summary>Below this even the summary of a run may not fit.</summary>
    public const int MinMessageBytes = 8_192;

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// The message of a report, at most <paramref name="maxBytes"/> bytes of UTF-8. When the whole report does not
    /// fit, the summary, failures, conflicts and pending work are kept first, then as many other entries as fit;
    /// the JSON says <c>truncated.omittedEntries</c> and the text says how many were left out.
    /// </summary>
    public static SnsReportMessage Build(RunReport report, int maxBytes = MaxMessageBytes)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, MinMessageBytes);
        var subject = ReportSubject.For(report);
        var message = ReportTruncator.RenderWithin(report, maxBytes, fitted => Envelope(fitted, subject), out var omitted)
            ?? throw new InvalidOperationException(
                $"The report of run {report.RunId} does not fit in {maxBytes} bytes even without entries " +
                $"({report.Errors.Count} errors, {report.Notices.Count} notices). Read it with `reconciler plan` or the run's log.");
        return new SnsReportMessage(subject, message, omitted);
    }

    private static string Envelope(RunReport report, string subject)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("default", ReportJsonRenderer.Render(report, indented: false));
            writer.WriteString("email", ReportTextRenderer.Render(report));
            writer.WriteString("sms", subject);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
