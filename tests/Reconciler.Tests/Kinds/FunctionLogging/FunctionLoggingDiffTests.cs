using Reconciler.Kinds;
using Reconciler.Kinds.FunctionLogging;
using Reconciler.Planning;
using Reconciler.Policies;
using static Reconciler.Tests.Kinds.KindDiffText;
using static Reconciler.Tests.Planning.PlanningFixtures;

namespace Reconciler.Tests.Kinds.FunctionLogging;

public class FunctionLoggingDiffTests
{
    private static readonly ObservedLogging Text = ObservedLogging.DefaultFor("ManageProjects");
    private static readonly ObservedLogging JsonInfo = Text with { Format = "JSON", ApplicationLogLevel = "INFO", SystemLogLevel = "INFO" };

    public static TheoryData<string, string[], string, string[]> Cases => new()
    {
        { "text to JSON", ["JSON"], "text", ["update claim=none", "logFormat: Text -> JSON"] },
        { "JSON with levels from text", ["JSON,DEBUG,WARN"], "text", ["update claim=none", "logFormat: Text -> JSON", "applicationLogLevel: (none) -> DEBUG", "systemLogLevel: (none) -> WARN"] },
        { "only the level that differs", ["JSON,INFO,WARN"], "json-info", ["update claim=none", "systemLogLevel: INFO -> WARN"] },
        { "JSON back to text", ["Text"], "json-info", ["update claim=none", "logFormat: JSON -> Text"] },
        { "in sync", ["JSON,INFO,INFO"], "json-info", ["in sync"] },
        { "format only, levels unmanaged", ["JSON"], "json-info", ["in sync"] },
        { "two policies manage different members", ["JSON,ERROR,", "JSON,,WARN"], "json-info", ["update claim=none", "applicationLogLevel: INFO -> ERROR", "systemLogLevel: INFO -> WARN"] },
        { "two policies disagree on a level", ["JSON,ERROR,", "JSON,DEBUG,"], "json-info", ["conflict PoliciesDisagree"] },
        { "two policies disagree on the format", ["JSON", "Text"], "text", ["conflict PoliciesDisagree"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Diff_Table_ReturnsTheTypedResult(string name, string[] wanted, string observed, string[] want)
    {
        var wishes = wanted.Select((spec, i) => (Policy($"team-{i}"), Logs(spec))).ToList();

        var diff = FunctionLoggingDiff.Diff("ManageProjects", wishes, observed == "text" ? Text : JsonInfo);

        Assert.True(want.SequenceEqual(Lines(diff)), $"{name}: {WantGot(want, Lines(diff))}");
    }

    [Fact]
    public void Diff_PoliciesDisagree_ReasonNamesTheMemberAndEachPolicy()
    {
        var diff = FunctionLoggingDiff.Diff("ManageProjects", [(Policy("team-b"), Logs("JSON,,DEBUG")), (Policy("team-a"), Logs("JSON,,WARN"))], JsonInfo);

        var conflict = Assert.IsType<KindDiff.Conflict>(diff);
        Assert.Equal(
            "Policies disagree on systemLogLevel of ManageProjects: policy team-a (policies/team-a.yaml) wants WARN, policy team-b (policies/team-b.yaml) wants DEBUG. Neither is applied. Make the policies agree, or exclude ManageProjects from all but one of them.",
            conflict.Reason);
    }

    [Fact]
    public void Payload_SendsEveryManagedMemberInLambdasSpellingAndLeavesTheOthersOut()
    {
        var payload = FunctionLoggingDiff.Payload("ManageProjects", [(Policy("team-a"), Logs("JSON,,WARN"))]);

        Assert.Equal(new SetFunctionLogging("ManageProjects", "JSON", null, "WARN"), payload);
    }

    // "FORMAT,APPLICATION,SYSTEM" with empty parts unmanaged.
    private static LogsSpec Logs(string spec)
    {
        var parts = (spec + ",,").Split(',');
        return new LogsSpec(
            null,
            Parse(parts[0], PolicyVocabulary.LogFormats),
            Parse(parts[1], PolicyVocabulary.ApplicationLogLevels),
            Parse(parts[2], PolicyVocabulary.SystemLogLevels));
    }

    private static T? Parse<T>(string text, IReadOnlyList<KeyValuePair<string, T>> table)
        where T : struct =>
        text.Length == 0 ? null : table.Single(entry => entry.Key == text).Value;
}
