using System.Text;
using System.Text.Json;
using Reconciler.Reporting;

namespace Reconciler.Tests.Reporting;

public sealed class ReportTruncatorTests
{
    private static string Json(RunReport report) => ReportJsonRenderer.Render(report, indented: false);

    [Fact]
    public void RenderWithin_ReportFits_RendersItWhole()
    {
        var report = SnsReportMessageTests.LargeReport();

        var json = ReportTruncator.RenderWithin(report, int.MaxValue, Json, out var omitted);

        Assert.Equal(Json(report), json);
        Assert.Equal(0, omitted);
    }

    [Fact]
    public void RenderWithin_ReportTooLarge_KeepsWhatFitsAndCountsTheRest()
    {
        var report = SnsReportMessageTests.LargeReport();

        var json = ReportTruncator.RenderWithin(report, 100_000, Json, out var omitted);

        Assert.NotNull(json);
        Assert.InRange(Encoding.UTF8.GetByteCount(json), 1, 100_000);
        using var parsed = JsonDocument.Parse(json);
        Assert.Equal(omitted, parsed.RootElement.GetProperty("truncated").GetProperty("omittedEntries").GetInt32());
        Assert.InRange(omitted, 1, ReportTruncator.EntryCount(report) - 1);
    }

    [Fact]
    public void RenderWithin_NothingFits_ReturnsNull()
    {
        Assert.Null(ReportTruncator.RenderWithin(SnsReportMessageTests.LargeReport(), 10, Json, out var omitted));
        Assert.Equal(ReportTruncator.EntryCount(SnsReportMessageTests.LargeReport()), omitted);
    }
}
