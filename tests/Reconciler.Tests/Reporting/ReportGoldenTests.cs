using System.Text.Json;
using Reconciler.Reporting;

namespace Reconciler.Tests.Reporting;

public sealed class ReportGoldenTests
{
    [Fact]
    public void PlanTextRenderer_ProjectManagementPlan_MatchesGolden() =>
        Golden.AssertMatches("plan.txt", PlanTextRenderer.Render(ReportFixtures.Plan()));

    [Fact]
    public void ReportTextRenderer_ProjectManagementRun_MatchesGolden() =>
        Golden.AssertMatches("report.txt", ReportTextRenderer.Render(ReportFixtures.Report()));

    [Fact]
    public void ReportTextRenderer_DryRunWithDiscoveryError_MatchesGolden()
    {
        var errors = new[]
        {
            new RunError("project-management", "discovery", "Rate exceeded", "tagging", "GetResources", "ThrottlingException"),
        };
        var report = RunReportBuilder.Build(
            ReportFixtures.Context(dryRun: true), [ReportFixtures.PolicyOf()], ReportFixtures.Plan(), null, ReportFixtures.Calls(), errors);

        Golden.AssertMatches("report-dry-run.txt", ReportTextRenderer.Render(report));
    }

    [Fact]
    public void ReportJsonRenderer_ProjectManagementRun_MatchesGolden() =>
        Golden.AssertMatches("report.json", ReportJsonRenderer.Render(ReportFixtures.Report()));

    [Fact]
    public void SnsReportMessage_ProjectManagementRun_MatchesGolden()
    {
        var message = SnsReportMessage.Build(ReportFixtures.Report());

        // The envelope is one line of JSON whose values are strings; pretty-print it so the golden file diffs well.
        using var envelope = JsonDocument.Parse(message.Message);
        var pretty = JsonSerializer.Serialize(envelope.RootElement, GoldenJson.Options);
        Golden.AssertMatches("sns-envelope.json", $"Subject: {message.Subject}\n{pretty}\n");
    }

    [Fact]
    public void ReportTextRenderer_ProjectManagementRun_FitsAnEightyColumnEmail()
    {
        var text = ReportTextRenderer.Render(ReportFixtures.Report());

        // Prose wraps at 80 columns; only a line ending in an AWS name too long to share a line may be wider.
        var tooWide = text.Split('\n').Where(line => line.Length > 80 && line.Split(' ')[^1].Length < 40).ToList();
        Assert.True(tooWide.Count == 0, "lines wider than 80 columns:\n" + string.Join('\n', tooWide));
        Assert.DoesNotContain('\u001b', text);
    }

    [Fact]
    public void ReportTextRenderer_AnsiStyle_ColoursOnlyWhenAsked()
    {
        var text = ReportTextRenderer.Render(ReportFixtures.Report(), TextStyle.Ansi);

        Assert.Contains("\u001b[31m", text);
    }
}
