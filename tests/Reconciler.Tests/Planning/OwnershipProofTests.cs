using Reconciler.Planning;
using static Reconciler.Tests.Planning.PlanningFixtures;

namespace Reconciler.Tests.Planning;

public class OwnershipProofTests
{
    private const string Latency = "reconciler-project-management-ManageProjects-latency";
    private const string Orphan = "reconciler-project-management-UploadFile-latency";

    private static readonly Dictionary<string, string> Proper = new(StringComparer.Ordinal)
    {
        ["managed-by"] = "observability-reconciler",
        ["reconciler:owner"] = "reconciler",
        ["reconciler:policy"] = "project-management",
    };

    /// <summary>A plan with one update (threshold edited by hand) and the deletes of UploadFile's two alarms.</summary>
    private static Plan UpdateAndDeletes(Func<AlarmDefinition, AlarmDefinition>? edit = null)
    {
        var converged = Converged(Policy() with { Dashboard = null });
        var observation = converged with { Scopes = [Scope(functions: [Function("ManageProjects")])] };
        observation = observation.WithAlarms(observation.Alarms.Values.Select(a => a.AlarmName == Latency ? (edit ?? (x => x with { Threshold = 1 }))(a) : a));
        return Planner.CreatePlan([Policy() with { Dashboard = null }], observation, Options);
    }

    private static Dictionary<string, IReadOnlyDictionary<string, string>> TagsOf(Plan plan, IReadOnlyDictionary<string, string> tags) =>
        OwnershipProof.ArnsToRead(plan).ToDictionary(arn => arn, _ => tags, StringComparer.Ordinal);

    [Fact]
    public void Apply_TagsConfirmEveryClaim_PlanUnchanged()
    {
        var plan = UpdateAndDeletes();

        var proven = OwnershipProof.Apply(plan, TagsOf(plan, Proper), new Dictionary<string, string>(), "reconciler");

        Assert.Same(plan, proven);
    }

    [Theory]
    [InlineData("no tags")]
    [InlineData("wrong owner")]
    [InlineData("wrong policy")]
    [InlineData("not managed")]
    public void Apply_MarkerWithoutMatchingTags_NotOwnedConflictAndNoWrite(string tagsCase)
    {
        var plan = UpdateAndDeletes();
        var tags = new Dictionary<string, string>(Proper, StringComparer.Ordinal);
        switch (tagsCase)
        {
            case "no tags": tags.Clear(); break;
            case "wrong owner": tags["reconciler:owner"] = "reconciler-eu"; break;
            case "wrong policy": tags["reconciler:policy"] = "billing"; break;
            case "not managed": tags.Remove("managed-by"); break;
        }

        var proven = OwnershipProof.Apply(plan, TagsOf(plan, tags), new Dictionary<string, string>(), "reconciler");

        Assert.Empty(proven.Changes);
        Assert.Equal(
            [Latency, "reconciler-project-management-UploadFile-error-rate", Orphan],
            proven.Conflicts.Select(c => c.Target).Order(StringComparer.Ordinal));
        Assert.All(proven.Conflicts, c => Assert.Equal(ConflictKind.NotOwned, c.Kind));
        var deleteConflict = proven.Conflicts.Single(c => c.Target == Orphan);
        Assert.Contains("may have been copied by hand", deleteConflict.Reason, StringComparison.Ordinal);
        Assert.Contains("not deleted", deleteConflict.Reason, StringComparison.Ordinal);
        Assert.Equal(ResourceState.Conflict, proven.Resources.Single(r => r.Name == "ManageProjects").State);
    }

    [Fact]
    public void Apply_TagReadFailed_ChangeDroppedWithNoticeNotConflict()
    {
        var plan = UpdateAndDeletes();
        var arns = OwnershipProof.ArnsToRead(plan);
        var failed = arns.ToDictionary(arn => arn, _ => "AccessDenied: not allowed to call cloudwatch:ListTagsForResource", StringComparer.Ordinal);

        var proven = OwnershipProof.Apply(plan, new Dictionary<string, IReadOnlyDictionary<string, string>>(), failed, "reconciler");

        Assert.Empty(proven.Changes);
        Assert.Empty(proven.Conflicts);
        Assert.Equal(3, proven.Notices.Count(n => n.Message.Contains("its ownership tags could not be read (AccessDenied", StringComparison.Ordinal)));
    }

    [Fact]
    public void Apply_LegacyClaimWithLegacyTags_Kept()
    {
        var plan = UpdateAndDeletes(a => a with { Threshold = 1, AlarmDescription = "x [reconciler:policy=project-management]" });
        var legacyTags = new Dictionary<string, string>(Proper, StringComparer.Ordinal);
        legacyTags.Remove("reconciler:owner");
        var update = plan.Changes.Single(c => c.Target == Latency);

        var proven = OwnershipProof.Apply(
            plan,
            new Dictionary<string, IReadOnlyDictionary<string, string>> { [update.ResourceArn!] = legacyTags },
            new Dictionary<string, string>(),
            "reconciler");

        Assert.Contains(proven.Changes, c => c.Target == Latency);
    }

    [Fact]
    public void Apply_CurrentClaimWithLegacyTags_Conflict()
    {
        var plan = UpdateAndDeletes();
        var legacyTags = new Dictionary<string, string>(Proper, StringComparer.Ordinal);
        legacyTags.Remove("reconciler:owner");

        var proven = OwnershipProof.Apply(plan, TagsOf(plan, legacyTags), new Dictionary<string, string>(), "reconciler");

        Assert.Empty(proven.Changes);
    }

    [Fact]
    public void Apply_UnknownAccount_ChangeDroppedWithNotice()
    {
        var converged = Converged(Policy() with { Dashboard = null });
        var observation = converged.WithAlarms(converged.Alarms.Values.Select(a => a.AlarmName == Latency ? a with { Threshold = 1 } : a));
        var plan = Planner.CreatePlan([Policy() with { Dashboard = null }], observation, Options with { AccountId = null });

        var proven = OwnershipProof.Apply(plan, new Dictionary<string, IReadOnlyDictionary<string, string>>(), new Dictionary<string, string>(), "reconciler");

        Assert.Empty(proven.Changes);
        Assert.Contains(proven.Notices, n => n.Message.Contains("the account id is unknown", StringComparison.Ordinal));
    }
}
