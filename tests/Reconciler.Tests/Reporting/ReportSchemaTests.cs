using System.Runtime.CompilerServices;
using System.Text.Json;
using Json.Schema;
using Reconciler.Reporting;

namespace Reconciler.Tests.Reporting;

/// <summary>The JSON the reconciler writes matches docs/report-v1.schema.json, so the documented schema cannot drift.</summary>
public sealed class ReportSchemaTests
{
    [Fact]
    public void Render_ProjectManagementRun_MatchesPublishedSchema() =>
        AssertValid(ReportJsonRenderer.Render(ReportFixtures.Report()));

    [Fact]
    public void Render_WithANotificationPathWarning_MatchesPublishedSchema()
    {
        var warning = new Reconciler.Verification.RunWarning(
            "notificationPath",
            "noConfirmedSubscription",
            "arn:aws:sns:us-east-1:123456789012:ops-alerts",
            [ReportFixtures.Policy],
            ["reconciler-orders-error-rate", "report"],
            2,
            "The topic has no confirmed subscription, so the notifications of 1 alarm and the drift reports reach nobody.",
            "Subscribe the people or systems that must be told and have them confirm.");

        var json = ReportJsonRenderer.Render(ReportFixtures.Report() with { Warnings = [warning] });

        AssertValid(json);
        Assert.Contains("\"code\": \"noConfirmedSubscription\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_TraceArrivalWarnings_MatchPublishedSchemaWithoutTheTextOnlyWording()
    {
        var unverified = Reconciler.Verification.RunWarning.Of("traceArrival", "unverified", "traces of policy orders", [ReportFixtures.Policy], ["orders-api"], "Could not be checked.", "Grant the reads.")
            with
        { ResourcesAre = "unchecked:" };
        var silent = Reconciler.Verification.RunWarning.Of("traceArrival", "noTraces", "Lambda function orders-api", [ReportFixtures.Policy], [], "It was invoked 40 times.", "Check its role.");

        var json = ReportJsonRenderer.Render(ReportFixtures.Report() with { Warnings = [unverified, silent] });

        AssertValid(json);
        Assert.Contains("\"code\": \"noTraces\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("unchecked:", json, StringComparison.Ordinal);
        Assert.DoesNotContain("resourcesAre", json, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Render_DryRunWithRunErrors_MatchesPublishedSchema()
    {
        var errors = new[]
        {
            new RunError(ReportFixtures.Policy, "discovery", "Rate exceeded", "tagging", "GetResources", "ThrottlingException"),
            new RunError(null, "identity", "Could not resolve credentials"),
        };

        AssertValid(ReportJsonRenderer.Render(ReportFixtures.Report(dryRun: true, errors: errors)));
    }

    [Fact]
    public void Build_TruncatedSnsReport_MatchesPublishedSchema()
    {
        var message = SnsReportMessage.Build(SnsReportMessageTests.LargeReport());
        using var envelope = JsonDocument.Parse(message.Message);

        AssertValid(envelope.RootElement.GetProperty("default").GetString()!);
    }

    [Fact]
    public void Render_WatchRunWithItsTrigger_MatchesPublishedSchema()
    {
        var trigger = new ReportTrigger(
        [
            new ReportTriggerEvent(
                "059f36b4-87a3-44ab-83d2-661975830a7d",
                ReportTriggerStatus.Reconciled,
                "Lambda function orders-api: reconciled",
                [ReportFixtures.Policy],
                "6a7e8feb-b491-4cf7-a9f1-bf3703467718",
                "0f1ba5a0-5a77-4d4a-9e58-2b4c3a8d1f11",
                "UpdateFunctionConfiguration20150331v2",
                "lambda.amazonaws.com",
                "arn:aws:sts::123456789012:assumed-role/Admin/alice",
                new DateTimeOffset(2026, 11, 25, 9, 59, 58, TimeSpan.Zero)),
            new ReportTriggerEvent("a9c1", ReportTriggerStatus.Unreadable, "the body is not JSON", [], null, null, null, null, null, null),
        ]);

        var json = ReportJsonRenderer.Render(ReportFixtures.Report() with { Trigger = trigger });

        AssertValid(json);
        Assert.Contains("\"status\": \"unreadable\"", json, StringComparison.Ordinal);
        Assert.Contains("\"userIdentityArn\": \"arn:aws:sts::123456789012:assumed-role/Admin/alice\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ScheduledRun_HasNoTrigger() =>
        Assert.DoesNotContain("\"trigger\"", ReportJsonRenderer.Render(ReportFixtures.Report()), StringComparison.Ordinal);

    [Fact]
    public void Schema_ReportMissingAField_IsRejected()
    {
        var json = ReportJsonRenderer.Render(ReportFixtures.Report()).Replace("\"runId\"", "\"runIdentifier\"", StringComparison.Ordinal);

        Assert.False(Evaluate(json).IsValid);
    }

    [Fact]
    public void SchemaDoc_Example_IsTheCurrentGoldenReport()
    {
        var doc = File.ReadAllText(DocPath("report-schema.md"));

        Assert.Contains(ReportJsonRenderer.Render(ReportFixtures.Report()), doc, StringComparison.Ordinal);
    }

    private static void AssertValid(string json)
    {
        var result = Evaluate(json);
        var problems = result.Details?
            .Where(d => d.Errors is { Count: > 0 })
            .Select(d => $"{d.InstanceLocation}: {string.Join("; ", d.Errors!.Values)}") ?? [];
        Assert.True(result.IsValid, "report does not match docs/report-v1.schema.json:\n" + string.Join('\n', problems));
    }

    private static EvaluationResults Evaluate(string json)
    {
        // A registry per evaluation: the global one refuses a second registration of the schema's $id.
        var schema = JsonSchema.FromFile(DocPath("report-v1.schema.json"), new BuildOptions { SchemaRegistry = new SchemaRegistry() });
        using var document = JsonDocument.Parse(json);
        return schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
    }

    private static string DocPath(string fileName, [CallerFilePath] string thisFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "..", "..", "docs", fileName));
}
