using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Reconciler.Hosting.Cli;

/// <summary>
/// What `--output json` prints on stdout when a command stops before it runs, so a pipeline that parses stdout gets
/// a reason instead of nothing: <c>{"error": {"kind": "invalidOption", "messages": ["…"]}}</c>
/// (docs/report-schema.md, "When a command cannot run"). The same messages go to stderr as text.
/// </summary>
internal static class CliErrorJson
{
    /// <summary>An option on the command line has a value the command cannot use.</summary>
    public const string InvalidOption = "invalidOption";

    /// <summary>An environment variable or the AWS configuration (region, endpoints, credentials) is unusable.</summary>
    public const string InvalidConfiguration = "invalidConfiguration";

    /// <summary>A policy file is invalid, or the policy directory is missing.</summary>
    public const string InvalidPolicy = "invalidPolicy";

    /// <summary>Writes the document as one line.</summary>
    public static void Write(TextWriter output, string kind, IEnumerable<string> messages)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        // Relaxed escaping like the report's, so the quotes in messages stay readable ('abc', not \u0027abc\u0027).
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteStartObject("error");
            json.WriteString("kind", kind);
            json.WriteStartArray("messages");
            foreach (var message in messages)
            {
                json.WriteStringValue(message);
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
        }

        output.WriteLine(Encoding.UTF8.GetString(buffer.WrittenSpan));
    }
}
