using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Reconciler.Telemetry;

/// <summary>
/// Writes one JSON object per line: timestamp, level, runId, the message rendered from its template, the template
/// itself, and each named value as its own field, so CloudWatch Logs Insights can filter on them. Secret-looking
/// fields and values are redacted before anything is written. Safe to call from concurrent tasks.
/// </summary>
/// <param name="output">Where lines go: standard output in Lambda, which CloudWatch Logs collects.</param>
/// <param name="timeProvider">The clock for timestamps.</param>
/// <param name="runId">The correlation id put on every line (the Lambda request id in Lambda).</param>
/// <param name="minimumLevel">Lines below this level are dropped.</param>
internal sealed class RunLogger(TextWriter output, TimeProvider timeProvider, string runId, RunLogLevel minimumLevel = RunLogLevel.Information)
{
    // Field names the logger writes itself; a template hole with one of these names is written as "field_<name>".
    private static readonly HashSet<string> ReservedNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "timestamp", "level", "runId", "message", "messageTemplate", "exception", "exceptionType",
    };

    private readonly Lock writeLock = new();

    /// <summary>The correlation id on every line.</summary>
    public string RunId { get; } = runId ?? throw new ArgumentNullException(nameof(runId));

    /// <summary>The lowest level written.</summary>
    public RunLogLevel MinimumLevel { get; } = minimumLevel;

    /// <summary>A logger for another run (another invocation) writing to the same place.</summary>
    public RunLogger ForRun(string newRunId) => new(output, timeProvider, newRunId, MinimumLevel);

    /// <summary>True when lines of <paramref name="level"/> are written.</summary>
    public bool IsEnabled(RunLogLevel level) => level >= MinimumLevel;

    /// <summary>Logs at Debug.</summary>
    public void Debug(string messageTemplate, params ReadOnlySpan<object?> values) =>
        Log(RunLogLevel.Debug, exception: null, messageTemplate, values);

    /// <summary>Logs at Information.</summary>
    public void Information(string messageTemplate, params ReadOnlySpan<object?> values) =>
        Log(RunLogLevel.Information, exception: null, messageTemplate, values);

    /// <summary>Logs at Warning.</summary>
    public void Warning(string messageTemplate, params ReadOnlySpan<object?> values) =>
        Log(RunLogLevel.Warning, exception: null, messageTemplate, values);

    /// <summary>Logs at Error, with the exception's type, message and stack trace when one is given.</summary>
    public void Error(Exception? exception, string messageTemplate, params ReadOnlySpan<object?> values) =>
        Log(RunLogLevel.Error, exception, messageTemplate, values);

    /// <summary>Writes one line if <paramref name="level"/> is enabled.</summary>
    public void Log(RunLogLevel level, Exception? exception, string messageTemplate, params ReadOnlySpan<object?> values)
    {
        ArgumentNullException.ThrowIfNull(messageTemplate);
        if (!IsEnabled(level))
        {
            return;
        }

        var names = MessageTemplate.HoleNames(messageTemplate);
        var texts = new string?[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var name = i < names.Count ? names[i] : null;
            texts[i] = name is not null && SecretRedactor.IsSecretName(name)
                ? SecretRedactor.Mask
                : Redact(FormatValue(values[i]));
        }

        var line = WriteLine(level, exception, messageTemplate, names, values, texts);
        lock (writeLock)
        {
            output.WriteLine(line);
            output.Flush();
        }
    }

    private string WriteLine(
        RunLogLevel level,
        Exception? exception,
        string messageTemplate,
        IReadOnlyList<string> names,
        ReadOnlySpan<object?> values,
        string?[] texts)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("timestamp", timeProvider.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            json.WriteString("level", level.ToString());
            json.WriteString("runId", RunId);
            json.WriteString("message", MessageTemplate.Render(messageTemplate, texts));
            json.WriteString("messageTemplate", messageTemplate);

            var written = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < values.Length && i < names.Count; i++)
            {
                var field = ReservedNames.Contains(names[i]) ? "field_" + names[i] : names[i];
                if (!written.Add(field))
                {
                    continue;
                }

                if (texts[i] == SecretRedactor.Mask)
                {
                    json.WriteString(field, SecretRedactor.Mask);
                }
                else
                {
                    WriteValue(json, field, values[i], texts[i]);
                }
            }

            if (exception is not null)
            {
                json.WriteString("exceptionType", exception.GetType().FullName);
                json.WriteString("exception", Redact(exception.ToString()));
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    // Numbers and booleans stay JSON numbers and booleans so Logs Insights can compare them; everything else is text.
    private static void WriteValue(Utf8JsonWriter json, string field, object? value, string? text)
    {
        switch (value)
        {
            case null:
                json.WriteNull(field);
                break;
            case bool flag:
                json.WriteBoolean(field, flag);
                break;
            case int number:
                json.WriteNumber(field, number);
                break;
            case long number:
                json.WriteNumber(field, number);
                break;
            case double number when double.IsFinite(number):
                json.WriteNumber(field, number);
                break;
            case decimal number:
                json.WriteNumber(field, number);
                break;
            default:
                json.WriteString(field, text);
                break;
        }
    }

    private static string? FormatValue(object? value) => value switch
    {
        null => null,
        string text => text,
        bool flag => flag ? "true" : "false",
        DateTimeOffset time => time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        TimeSpan span => span.ToString("c", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static string? Redact(string? text) => text is null ? null : SecretRedactor.RedactText(text);
}
