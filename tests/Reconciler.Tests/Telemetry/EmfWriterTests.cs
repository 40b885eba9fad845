using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Microsoft.Extensions.Time.Testing;
using Reconciler.Telemetry;

namespace Reconciler.Tests.Telemetry;

public sealed class EmfWriterTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void WriteTo_SucceededRunWithCounts_WritesValidEmfLineWithEveryMetric()
    {
        var output = new StringWriter();
        var writer = new EmfWriter(output, new FakeTimeProvider(Now));
        var metrics = new RunMetrics(true, TimeSpan.FromMilliseconds(1234.5), new RunCounts(4, 3, 1, 2, 17, 5));

        metrics.WriteTo(writer, "reconciler-prod", "req-1", dryRun: false);

        var line = SingleValidLine(output);
        var directive = line["_aws"]!["CloudWatchMetrics"]![0]!;
        Assert.Equal(Now.ToUnixTimeMilliseconds(), line["_aws"]!["Timestamp"]!.GetValue<long>());
        Assert.Equal("ObservabilityReconciler", directive["Namespace"]!.GetValue<string>());
        Assert.Equal("[[\"FunctionName\"]]", directive["Dimensions"]!.ToJsonString());
        Assert.Equal(
            ["Runs", "RunsSucceeded", "RunsFailed", "Duration", "DriftFound", "ChangesApplied", "ChangesFailed", "ChangesPending", "ApiCalls", "Throttles"],
            directive["Metrics"]!.AsArray().Select(metric => metric!["Name"]!.GetValue<string>()));
        Assert.Equal("Milliseconds", directive["Metrics"]![3]!["Unit"]!.GetValue<string>());
        Assert.Equal("reconciler-prod", line["FunctionName"]!.GetValue<string>());
        Assert.Equal(1234.5, line["Duration"]!.GetValue<double>());
        Assert.Equal(17, line["ApiCalls"]!.GetValue<double>());
        Assert.Equal("req-1", line["runId"]!.GetValue<string>());
        Assert.Equal("false", line["dryRun"]!.GetValue<string>());
    }

    [Fact]
    public void WriteTo_FailedRunWithoutCounts_PublishesOnlyRunMetrics()
    {
        var output = new StringWriter();
        var writer = new EmfWriter(output, new FakeTimeProvider(Now));

        new RunMetrics(false, TimeSpan.FromSeconds(2), Counts: null).WriteTo(writer, "fn", "req-2", dryRun: true);

        var line = SingleValidLine(output);
        Assert.Equal(0, line["RunsSucceeded"]!.GetValue<double>());
        Assert.Equal(1, line["RunsFailed"]!.GetValue<double>());
        Assert.Null(line["ChangesApplied"]);
        Assert.Equal(4, line["_aws"]!["CloudWatchMetrics"]![0]!["Metrics"]!.AsArray().Count);
    }

    [Fact]
    public void Write_SecretLookingProperty_IsRedacted()
    {
        var output = new StringWriter();
        var writer = new EmfWriter(output, new FakeTimeProvider(Now));

        writer.Write([], [new MetricDatum("Runs", 1, MetricUnit.Count)], [new("sessionToken", "FwoGZXIvYXdzEXAMPLE")]);

        Assert.Equal("[redacted]", SingleValidLine(output)["sessionToken"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("")]
    [InlineData("AWS/Lambda")]
    public void Constructor_InvalidNamespace_Throws(string metricNamespace)
    {
        Assert.ThrowsAny<ArgumentException>(() => new EmfWriter(new StringWriter(), TimeProvider.System, metricNamespace));
    }

    [Fact]
    public void Write_NoMetrics_Throws()
    {
        var writer = new EmfWriter(new StringWriter(), TimeProvider.System);

        Assert.Throws<ArgumentException>(() => writer.Write([], []));
    }

    // Checks the schema, then what a schema cannot say: every name the directive lists has a value at the top level
    // (a number for metrics, a string for dimensions), or CloudWatch drops the metric.
    private static JsonNode SingleValidLine(StringWriter output)
    {
        var text = Assert.Single(output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var schema = JsonSchema.FromText(EmfSchema.Text);
        using var document = JsonDocument.Parse(text);
        var evaluation = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(evaluation.IsValid, text);

        var line = JsonNode.Parse(text)!;
        foreach (var directive in line["_aws"]!["CloudWatchMetrics"]!.AsArray())
        {
            foreach (var dimension in directive!["Dimensions"]!.AsArray().SelectMany(set => set!.AsArray()))
            {
                Assert.Equal(JsonValueKind.String, line[dimension!.GetValue<string>()]?.GetValueKind());
            }

            foreach (var metric in directive["Metrics"]!.AsArray())
            {
                Assert.Equal(JsonValueKind.Number, line[metric!["Name"]!.GetValue<string>()]?.GetValueKind());
            }
        }

        return line;
    }
}
