using System.Globalization;
using System.Text;
using System.Text.Json;
using Reconciler.Kinds.FunctionTracing;
using Reconciler.Planning;
using Reconciler.Policies;
using Reconciler.Reporting;

namespace Reconciler.Tests.Reporting;

public sealed class SnsReportMessageTests
{
    private const int Failures = 60;
    private const int Conflicts = 20;
    private const int Pendings = 40;

    [Fact]
    public void Build_SmallReport_SendsItWholeWithJsonDefaultAndTextEmail()
    {
        var report = ReportFixtures.Report();

        var message = SnsReportMessage.Build(report);

        Assert.Equal(0, message.OmittedEntries);
        using var envelope = JsonDocument.Parse(message.Message);
        Assert.Equal(ReportJsonRenderer.Render(report, indented: false), envelope.RootElement.GetProperty("default").GetString());
        Assert.Equal(ReportTextRenderer.Render(report), envelope.RootElement.GetProperty("email").GetString());
        Assert.Equal(message.Subject, envelope.RootElement.GetProperty("sms").GetString());
        Assert.DoesNotContain("truncated", message.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_FiveThousandEntries_StaysUnderTheSnsLimit()
    {
        var message = SnsReportMessage.Build(LargeReport());

        Assert.InRange(Encoding.UTF8.GetByteCount(message.Message), 200_000, SnsReportMessage.MaxMessageBytes);
        Assert.True(message.OmittedEntries > 0);
    }

    [Fact]
    public void Build_FiveThousandEntries_KeepsEveryFailureConflictAndPendingEntry()
    {
        var full = LargeReport();

        var message = SnsReportMessage.Build(full);

        var kept = KeptReport(message);
        var keptNames = kept.GetProperty("policies").EnumerateArray()
            .SelectMany(p => p.GetProperty("entries").EnumerateArray())
            .Select(e => (Name: e.GetProperty("name").GetString(), Status: e.GetProperty("status").GetString()))
            .ToList();
        var mustKeep = full.Policies.SelectMany(p => p.Entries)
            .Where(e => e.Status is EntryStatus.Failed or EntryStatus.Conflict or EntryStatus.Pending)
            .Select(e => e.Name)
            .ToList();
        Assert.Equal(Failures + Conflicts + Pendings, mustKeep.Count);
        Assert.All(mustKeep, name => Assert.Contains(keptNames, k => k.Name == name));
        Assert.Equal(Pendings, kept.GetProperty("pending").GetArrayLength());
        Assert.Equal(Conflicts, kept.GetProperty("conflicts").GetArrayLength());
        Assert.Equal(ReportTruncator.EntryCount(full), keptNames.Count + message.OmittedEntries);
    }

    [Fact]
    public void Build_FiveThousandEntries_SaysHowManyWereOmittedInJsonAndText()
    {
        var full = LargeReport();

        var message = SnsReportMessage.Build(full);

        var kept = KeptReport(message);
        Assert.Equal(message.OmittedEntries, kept.GetProperty("truncated").GetProperty("omittedEntries").GetInt32());
        Assert.Equal(5_000, kept.GetProperty("summary").GetProperty("resources").GetProperty("total").GetInt32());
        Assert.Equal(Failures, kept.GetProperty("summary").GetProperty("resources").GetProperty("failed").GetInt32());
        using var envelope = JsonDocument.Parse(message.Message);
        var email = envelope.RootElement.GetProperty("email").GetString()!;
        Assert.Contains(
            $"{message.OmittedEntries.ToString(CultureInfo.InvariantCulture)} more entries left out; run `reconciler plan` for the full list",
            email,
            StringComparison.Ordinal);
        Assert.StartsWith("Drift: ", email, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_LimitOneByteBelowTheWholeMessage_LeavesOutAtLeastOneEntry()
    {
        var report = ReportFixtures.Report();
        var whole = Encoding.UTF8.GetByteCount(SnsReportMessage.Build(report).Message);

        var exact = SnsReportMessage.Build(report, Math.Max(whole, SnsReportMessage.MinMessageBytes));
        Assert.Equal(0, exact.OmittedEntries);

        var large = LargeReport();
        var largeWhole = Encoding.UTF8.GetByteCount(SnsReportMessage.Build(large, int.MaxValue).Message);
        var cut = SnsReportMessage.Build(large, largeWhole - 1);
        Assert.True(cut.OmittedEntries >= 1);
        Assert.True(Encoding.UTF8.GetByteCount(cut.Message) <= largeWhole - 1);
    }

    [Fact]
    public void Build_LimitBelowMinimum_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => SnsReportMessage.Build(ReportFixtures.Report(), 1_000));

    private static JsonElement KeptReport(SnsReportMessage message)
    {
        using var envelope = JsonDocument.Parse(message.Message);
        var json = envelope.RootElement.GetProperty("default").GetString()!;
        return JsonDocument.Parse(json).RootElement.Clone();
    }

    /// <summary>5,000 functions: failures, conflicts and pending spread through the middle, the rest in sync or corrected.</summary>
    internal static RunReport LargeReport()
    {
        var changes = new List<PlannedChange>();
        var outcomes = new List<ChangeOutcome>();
        var resources = new List<ResourceAssessment>();
        var conflicts = new List<PlanConflict>();
        for (var i = 0; i < 5_000; i++)
        {
            var name = $"orders-service-handler-{i:D4}";
            var arn = ReportFixtures.Arn(name);
            if (i % 83 == 41 && conflicts.Count < Conflicts)
            {
                resources.Add(new ResourceAssessment(ReportFixtures.Policy, ResourceType.LambdaFunction, arn, name, ResourceState.Conflict, null));
                conflicts.Add(new PlanConflict(ConflictKind.PoliciesDisagree, name, [ReportFixtures.Policy], "Two policies want different tracing modes for this function.", ChangeKind.FunctionTracing));
                continue;
            }

            var status = i switch
            {
                _ when i % 79 == 7 && outcomes.Count(o => o.Status == ChangeStatus.Failed) < Failures => ChangeStatus.Failed,
                _ when i % 97 == 13 && outcomes.Count(o => o.Status == ChangeStatus.Pending) < Pendings => ChangeStatus.Pending,
                _ when i % 3 == 0 => ChangeStatus.Applied,
                _ => (ChangeStatus?)null,
            };
            if (status is null)
            {
                resources.Add(new ResourceAssessment(ReportFixtures.Policy, ResourceType.LambdaFunction, arn, name, ResourceState.InSync, null));
                continue;
            }

            resources.Add(new ResourceAssessment(ReportFixtures.Policy, ResourceType.LambdaFunction, arn, name, ResourceState.Drifted, null));
            var change = new PlannedChange(
                ReportFixtures.Policy, ChangeKind.FunctionTracing, ChangeAction.Update, name, arn,
                [new FieldDiff("tracing", "PassThrough", "Active")],
                new SetFunctionTracing(name, LambdaTracingMode.Active), Enforced: true);
            changes.Add(change);
            outcomes.Add(status == ChangeStatus.Failed
                ? new ChangeOutcome(change, ChangeStatus.Failed, "TooManyRequestsException", "Rate exceeded; retries ran out.")
                : new ChangeOutcome(change, status.Value, null, null));
        }

        Assert.Equal(Failures, outcomes.Count(o => o.Status == ChangeStatus.Failed));
        Assert.Equal(Pendings, outcomes.Count(o => o.Status == ChangeStatus.Pending));
        Assert.Equal(Conflicts, conflicts.Count);
        return RunReportBuilder.Build(
            ReportFixtures.Context(),
            [ReportFixtures.PolicyOf()],
            new Plan(changes, conflicts, resources, []),
            new ApplyResult(outcomes, StopReason.Deadline),
            ReportFixtures.Calls(),
            []);
    }
}
