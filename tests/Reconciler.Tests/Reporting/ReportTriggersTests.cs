using Reconciler.Policies;
using Reconciler.Reporting;

namespace Reconciler.Tests.Reporting;

public sealed class ReportTriggersTests
{
    [Theory]
    [InlineData(ReportWhen.Always, new EntryStatus[0], false, true)]
    [InlineData(ReportWhen.Always, new[] { EntryStatus.InSync }, false, true)]
    [InlineData(ReportWhen.OnChange, new[] { EntryStatus.InSync, EntryStatus.Excluded }, false, false)]
    [InlineData(ReportWhen.OnChange, new[] { EntryStatus.InSync, EntryStatus.Corrected }, false, true)]
    [InlineData(ReportWhen.OnChange, new[] { EntryStatus.Drifted }, false, true)]
    [InlineData(ReportWhen.OnChange, new[] { EntryStatus.Pending }, false, true)]
    [InlineData(ReportWhen.OnChange, new[] { EntryStatus.Conflict }, false, true)]
    [InlineData(ReportWhen.OnChange, new[] { EntryStatus.Failed }, false, true)]
    [InlineData(ReportWhen.OnChange, new[] { EntryStatus.InSync }, true, true)]
    [InlineData(ReportWhen.OnError, new[] { EntryStatus.Corrected, EntryStatus.Drifted, EntryStatus.Pending, EntryStatus.Conflict }, false, false)]
    [InlineData(ReportWhen.OnError, new[] { EntryStatus.InSync, EntryStatus.Failed }, false, true)]
    [InlineData(ReportWhen.OnError, new[] { EntryStatus.InSync }, true, true)]
    public void ShouldPublish_WhenAndStatuses_DecidesAsDocumented(ReportWhen when, EntryStatus[] statuses, bool hasErrors, bool expected) =>
        Assert.Equal(expected, ReportTriggers.ShouldPublish(when, statuses, hasErrors));
}
