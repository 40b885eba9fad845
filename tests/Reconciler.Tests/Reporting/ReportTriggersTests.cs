using Reconciler.Policies;
using Reconciler.Reporting;

namespace Reconciler.Tests.Reporting;

public sealed class ReportTriggersTests
{
    [Theory]
    [InlineData(nameof(ReportWhen.Always), new string[0], false, true)]
    [InlineData(nameof(ReportWhen.Always), new[] { nameof(EntryStatus.InSync) }, false, true)]
    [InlineData(nameof(ReportWhen.OnChange), new[] { nameof(EntryStatus.InSync), nameof(EntryStatus.Excluded) }, false, false)]
    [InlineData(nameof(ReportWhen.OnChange), new[] { nameof(EntryStatus.InSync), nameof(EntryStatus.Corrected) }, false, true)]
    [InlineData(nameof(ReportWhen.OnChange), new[] { nameof(EntryStatus.Drifted) }, false, true)]
    [InlineData(nameof(ReportWhen.OnChange), new[] { nameof(EntryStatus.Pending) }, false, true)]
    [InlineData(nameof(ReportWhen.OnChange), new[] { nameof(EntryStatus.Conflict) }, false, true)]
    [InlineData(nameof(ReportWhen.OnChange), new[] { nameof(EntryStatus.Failed) }, false, true)]
    [InlineData(nameof(ReportWhen.OnChange), new[] { nameof(EntryStatus.InSync) }, true, true)]
    [InlineData(nameof(ReportWhen.OnError), new[] { nameof(EntryStatus.Corrected), nameof(EntryStatus.Drifted), nameof(EntryStatus.Pending), nameof(EntryStatus.Conflict) }, false, false)]
    [InlineData(nameof(ReportWhen.OnError), new[] { nameof(EntryStatus.InSync), nameof(EntryStatus.Failed) }, false, true)]
    [InlineData(nameof(ReportWhen.OnError), new[] { nameof(EntryStatus.InSync) }, true, true)]
    public void ShouldPublish_WhenAndStatuses_DecidesAsDocumented(string when, string[] statuses, bool hasErrors, bool expected) =>
        Assert.Equal(expected, ReportTriggers.ShouldPublish(Enum.Parse<ReportWhen>(when), statuses.Select(Enum.Parse<EntryStatus>), hasErrors));

    [Theory]
    [InlineData(nameof(ReportWhen.Always), new[] { nameof(EntryStatus.InSync) }, false, false)]
    [InlineData(nameof(ReportWhen.OnChange), new[] { nameof(EntryStatus.InSync), nameof(EntryStatus.Excluded) }, false, false)]
    [InlineData(nameof(ReportWhen.OnChange), new[] { nameof(EntryStatus.Conflict), nameof(EntryStatus.Pending) }, false, false)]
    [InlineData(nameof(ReportWhen.OnChange), new[] { nameof(EntryStatus.InSync), nameof(EntryStatus.Corrected) }, false, true)]
    [InlineData(nameof(ReportWhen.Always), new[] { nameof(EntryStatus.Drifted) }, false, true)]
    [InlineData(nameof(ReportWhen.OnChange), new[] { nameof(EntryStatus.Failed) }, false, true)]
    [InlineData(nameof(ReportWhen.OnChange), new string[0], true, true)]
    [InlineData(nameof(ReportWhen.OnError), new[] { nameof(EntryStatus.Corrected) }, false, false)]
    [InlineData(nameof(ReportWhen.OnError), new[] { nameof(EntryStatus.Failed) }, false, true)]
    public void ShouldPublish_WatchRun_ReportsOnlyCorrectionsDriftAndFailures(string when, string[] statuses, bool hasErrors, bool expected) =>
        Assert.Equal(expected, ReportTriggers.ShouldPublish(Enum.Parse<ReportWhen>(when), statuses.Select(Enum.Parse<EntryStatus>), hasErrors, watchRun: true));
}
