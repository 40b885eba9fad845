using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Reconciler.Telemetry;

/// <summary>
/// Writes CloudWatch Embedded Metric Format lines: a JSON log line with an <c>_aws.CloudWatchMetrics</c> directive
/// that CloudWatch Logs turns into metrics. Publishing our own metrics this way costs no API call and no quota that
/// the reconciler needs for its real work.
/// </summary>
internal sealed class EmfWriter
{
    /// <summary>The namespace of the reconciler's own metrics, used by template.yaml's alarms.</summary>
    public const string DefaultNamespace = "ObservabilityReconciler";

    // EMF limits: at most 30 dimensions in a set and 100 metrics in a directive.
    private const int MaxDimensions = 30;
    private const int MaxMetrics = 100;

    private readonly TextWriter output;
    private readonly TimeProvider timeProvider;
    private readonly Lock writeLock = new();

    /// <summary>Creates a writer for <paramref name="metricNamespace"/>.</summary>
    /// <exception cref="ArgumentException">The namespace is empty, too long, or in the reserved <c>AWS/</c> space.</exception>
    public EmfWriter(TextWriter output, TimeProvider timeProvider, string metricNamespace = DefaultNamespace)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentException.ThrowIfNullOrWhiteSpace(metricNamespace);
        if (metricNamespace.Length > 255 || metricNamespace.StartsWith("AWS/", StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"Metric namespace '{metricNamespace}' is not allowed: use at most 255 characters and do not start with 'AWS/'.",
                nameof(metricNamespace));
        }

        this.output = output;
        this.timeProvider = timeProvider;
        Namespace = metricNamespace;
    }

    /// <summary>The CloudWatch namespace of every metric written.</summary>
    public string Namespace { get; }

    /// <summary>
    /// Writes one line holding <paramref name="metrics"/> under one dimension set made of every key in
    /// <paramref name="dimensions"/>. <paramref name="properties"/> are searchable in Logs Insights but are not
    /// dimensions, so they create no metric (and cost nothing).
    /// </summary>
    public void Write(
        IReadOnlyList<KeyValuePair<string, string>> dimensions,
        IReadOnlyList<MetricDatum> metrics,
        IReadOnlyList<KeyValuePair<string, string>>? properties = null)
    {
        ArgumentNullException.ThrowIfNull(dimensions);
        ArgumentNullException.ThrowIfNull(metrics);
        if (dimensions.Count > MaxDimensions)
        {
            throw new ArgumentException($"EMF allows at most {MaxDimensions} dimensions; got {dimensions.Count}.", nameof(dimensions));
        }

        if (metrics.Count is 0 or > MaxMetrics)
        {
            throw new ArgumentException($"EMF needs 1 to {MaxMetrics} metrics in a line; got {metrics.Count}.", nameof(metrics));
        }

        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WritePropertyName("_aws");
            json.WriteStartObject();
            json.WriteNumber("Timestamp", timeProvider.GetUtcNow().ToUnixTimeMilliseconds());
            json.WritePropertyName("CloudWatchMetrics");
            json.WriteStartArray();
            json.WriteStartObject();
            json.WriteString(nameof(Namespace), Namespace);
            json.WritePropertyName("Dimensions");
            json.WriteStartArray();
            json.WriteStartArray();
            foreach (var dimension in dimensions)
            {
                json.WriteStringValue(dimension.Key);
            }

            json.WriteEndArray();
            json.WriteEndArray();
            json.WritePropertyName("Metrics");
            json.WriteStartArray();
            foreach (var metric in metrics)
            {
                json.WriteStartObject();
                json.WriteString("Name", metric.Name);
                json.WriteString("Unit", metric.Unit.ToString());
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();

            // Member values sit at the top level, where the directive's names point.
            foreach (var dimension in dimensions)
            {
                json.WriteString(dimension.Key, dimension.Value);
            }

            foreach (var metric in metrics)
            {
                json.WriteNumber(metric.Name, double.IsFinite(metric.Value) ? metric.Value : 0);
            }

            foreach (var property in properties ?? [])
            {
                json.WriteString(property.Key, SecretRedactor.IsSecretName(property.Key) ? SecretRedactor.Mask : property.Value);
            }

            json.WriteEndObject();
        }

        var line = Encoding.UTF8.GetString(buffer.WrittenSpan);
        lock (writeLock)
        {
            output.WriteLine(line);
            output.Flush();
        }
    }
}
