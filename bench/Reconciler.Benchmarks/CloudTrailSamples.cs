using System.Globalization;
using System.Text.Json.Nodes;

namespace Reconciler.Benchmarks;

/// <summary>
/// The watch benchmark's events, made from the CloudTrail samples of tests/Reconciler.Tests/Watch/testdata/cloudtrail
/// (copied beside the program): the sample's function name (`orders-api`, also in its ARNs and log group) replaced by
/// a seeded function's, fresh EventBridge `id`, CloudTrail `eventID` and `requestID` (so no two events are
/// duplicates), and the envelope `time` and `detail.eventTime` set to the given time. No member is added or removed;
/// the only value changed besides those is PutRetentionPolicy's `retentionInDays`, to the value the benchmark
/// drifted the log group to. The samples' account (123456789012) and Region (us-east-1) are moto's.
/// </summary>
internal static class CloudTrailSamples
{
    /// <summary>The UpdateFunctionConfiguration sample: tracing turned off (`tracingConfig.mode` PassThrough).</summary>
    public const string TracingOff = "lambda.UpdateFunctionConfiguration.json";

    /// <summary>The PutRetentionPolicy sample on the function's default log group.</summary>
    public const string Retention = "logs.PutRetentionPolicy.json";

    private const string SampleFunction = "orders-api";

    private static readonly Dictionary<string, string> Samples = new(StringComparer.Ordinal);

    /// <summary>
    /// One event, compacted to one line (as `reconciler watch --events` and an SQS message body carry it).
    /// </summary>
    /// <param name="retentionInDays">For <see cref="Retention"/>: the retention the call set.</param>
    public static string Event(string sample, string functionName, DateTimeOffset time, int? retentionInDays = null)
    {
        var text = Sample(sample).Replace(SampleFunction, functionName, StringComparison.Ordinal);
        var root = JsonNode.Parse(text)!.AsObject();
        var detail = root["detail"]!.AsObject();
        var at = time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        Set(root, "id", Guid.NewGuid().ToString());
        Set(root, "time", at);
        Set(detail, "eventTime", at);
        Set(detail, "eventID", Guid.NewGuid().ToString());
        Set(detail, "requestID", Guid.NewGuid().ToString());
        if (retentionInDays is { } days)
        {
            var request = detail["requestParameters"]!.AsObject();
            if (!request.ContainsKey("retentionInDays"))
            {
                throw new InvalidOperationException($"{sample} has no requestParameters.retentionInDays");
            }

            request["retentionInDays"] = days;
        }

        return root.ToJsonString();
    }

    // Only members the sample has: a sample that lost one is a benchmark bug, not a reason to invent the field.
    private static void Set(JsonObject node, string name, string value)
    {
        if (!node.ContainsKey(name))
        {
            throw new InvalidOperationException($"The CloudTrail sample has no '{name}' member.");
        }

        node[name] = value;
    }

    private static string Sample(string file)
    {
        lock (Samples)
        {
            if (!Samples.TryGetValue(file, out var text))
            {
                Samples[file] = text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "cloudtrail", file));
            }

            return text;
        }
    }
}
