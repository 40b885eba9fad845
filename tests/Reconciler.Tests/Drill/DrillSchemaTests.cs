using System.Runtime.CompilerServices;
using System.Text.Json;
using Json.Schema;
using Reconciler.Drill;
using Reconciler.Verification;

namespace Reconciler.Tests.Drill;

/// <summary>The JSON `reconciler drill` writes matches docs/drill-v1.schema.json, so the documented schema cannot drift.</summary>
public sealed class DrillSchemaTests
{
    private const string Topic = "arn:aws:sns:us-east-1:123456789012:ops";
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public void Render_DrillWithEveryOutcomeSkipsWarningAndDeliveryCheck_MatchesPublishedSchema()
    {
        var result = new DrillResult(
            "drill-20260105T093000Z-3f9a1c",
            "us-east-1",
            Start,
            Start.AddSeconds(12),
            Executed: true,
            [
                new DrilledAlarm("reconciler-orders-fn-error-rate", "orders", "OK", "OK", null,
                [
                    new DrillAction(Topic, ActionOutcome.Delivered, "Successfully executed action " + Topic + "; the message arrived at the drill's queue", MessageReceived: true),
                    new DrillAction(Topic + "-kms", ActionOutcome.Failed, "CloudWatch Alarms does not have authorization to access the SNS topic encryption key.", DrillRemedies.For("encryption key"), MessageReceived: false),
                ]),
                new DrilledAlarm("reconciler-orders-fn-latency", "orders", "INSUFFICIENT_DATA", null, "could not set it back", [new DrillAction(Topic, ActionOutcome.Unknown, "no item within 120 s")]),
            ],
            [new SkippedAlarm("team-orders-error-rate", "not the reconciler's")],
            ["nothing-*"],
            [RunWarning.Of("notificationPath", "noConfirmedSubscription", Topic, ["orders"], ["reconciler-orders-fn-error-rate"], "nobody confirmed", "subscribe someone")],
            new DeliveryCheckResources("https://sqs.us-east-1.amazonaws.com/123456789012/reconciler-drill-x", [Topic + ":sub"], true, []));

        AssertValid(DrillJsonRenderer.Render(result));
    }

    [Fact]
    public void Render_Preview_MatchesPublishedSchemaWithoutOutcomes()
    {
        var preview = new DrillResult("drill-1", "us-east-1", Start, Start, Executed: false,
            [new DrilledAlarm("reconciler-orders-a", "orders", "OK", null, null, [new DrillAction(Topic, null, string.Empty)])], [], [], [], null);

        var json = DrillJsonRenderer.Render(preview);

        AssertValid(json);
        Assert.DoesNotContain("\"outcome\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Schema_UnknownOutcomeWord_IsRejected()
    {
        var json = DrillJsonRenderer.Render(new DrillResult("drill-1", "us-east-1", Start, Start, true,
            [new DrilledAlarm("a", "p", "OK", "OK", null, [new DrillAction(Topic, ActionOutcome.Delivered, "d")])], [], [], [], null))
            .Replace("\"delivered\"", "\"sent\"", StringComparison.Ordinal);

        Assert.False(Evaluate(json).IsValid);
    }

    private static void AssertValid(string json)
    {
        var result = Evaluate(json);
        var problems = result.Details?
            .Where(d => d.Errors is { Count: > 0 })
            .Select(d => $"{d.InstanceLocation}: {string.Join("; ", d.Errors!.Values)}") ?? [];
        Assert.True(result.IsValid, "drill JSON does not match docs/drill-v1.schema.json:\n" + string.Join('\n', problems) + "\n" + json);
    }

    private static EvaluationResults Evaluate(string json)
    {
        var schema = JsonSchema.FromFile(DocPath("drill-v1.schema.json"), new BuildOptions { SchemaRegistry = new SchemaRegistry() });
        using var document = JsonDocument.Parse(json);
        return schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
    }

    private static string DocPath(string fileName, [CallerFilePath] string thisFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "..", "..", "docs", fileName));
}
