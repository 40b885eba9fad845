using Reconciler.Kinds.TraceGroups;
using Reconciler.Planning;
using static Reconciler.Tests.Kinds.KindDiffText;

namespace Reconciler.Tests.Kinds.TraceGroups;

public class TraceGroupDiffTests
{
    private const string Name = "reconciler-orders";
    private const string Filter = "service(id(name: \"a\", type: \"AWS::Lambda::Function\"))";

    // tags: "ours" = this deployment's tags for policy orders, "other-policy", "other-owner", "none".
    public static TheoryData<string, string?, string?, string, string[]> Cases => new()
    {
        { "missing group is created", Filter, null, "-", ["create", "filterExpression: (none) -> " + Filter] },
        { "no group wanted, none there", null, null, "-", ["in sync"] },
        { "owned group in sync", Filter, Filter, "ours", ["in sync"] },
        { "owned group with another filter is updated", Filter, "service(\"x\")", "ours", ["update claim=none", "filterExpression: service(\"x\") -> " + Filter] },
        { "owned group no longer wanted is deleted", null, Filter, "ours", ["delete claim=reconciler/orders", "filterExpression: " + Filter + " -> (none)"] },
        { "foreign group is a conflict", Filter, Filter, "none", ["conflict NotOwned"] },
        { "foreign group not wanted is left alone", null, Filter, "none", ["in sync"] },
        { "another deployment's group is a conflict", Filter, Filter, "other-owner", ["conflict NotOwned"] },
        { "another deployment's group is never deleted", null, Filter, "other-owner", ["in sync"] },
        { "another policy's tags are a conflict", Filter, Filter, "other-policy", ["conflict NotOwned"] },
        { "another policy's group is never deleted", null, Filter, "other-policy", ["in sync"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Diff_Table_ReturnsTheTypedResult(string name, string? desired, string? observedFilter, string tags, string[] want)
    {
        var observed = tags == "-" ? null : new ObservedTraceGroup(Name, "arn:aws:xray:us-east-1:123456789012:group/reconciler-orders/X", observedFilter, Tags(tags));

        var diff = TraceGroupDiff.Diff(Name, desired, observed, "orders", "reconciler");

        Assert.True(want.SequenceEqual(Lines(diff)), $"{name}: want [{string.Join("; ", want)}], got [{string.Join("; ", Lines(diff))}]");
    }

    [Fact]
    public void Diff_ForeignGroup_SaysHowToResolveIt()
    {
        var observed = new ObservedTraceGroup(Name, "arn", Filter, Tags("none"));

        var conflict = Assert.IsType<Reconciler.Kinds.KindDiff.Conflict>(TraceGroupDiff.Diff(Name, Filter, observed, "orders", "reconciler"));

        Assert.Contains("was not made by this reconciler", conflict.Reason, StringComparison.Ordinal);
        Assert.Contains("reconciler:owner=reconciler", conflict.Reason, StringComparison.Ordinal);
    }

    internal static Dictionary<string, string> Tags(string which) => which switch
    {
        "ours" => new() { [OwnershipMarker.ManagedByTagKey] = OwnershipMarker.ManagerName, [OwnershipMarker.OwnerTagKey] = "reconciler", [OwnershipMarker.PolicyTagKey] = "orders" },
        "other-policy" => new() { [OwnershipMarker.ManagedByTagKey] = OwnershipMarker.ManagerName, [OwnershipMarker.OwnerTagKey] = "reconciler", [OwnershipMarker.PolicyTagKey] = "payments" },
        "other-owner" => new() { [OwnershipMarker.ManagedByTagKey] = OwnershipMarker.ManagerName, [OwnershipMarker.OwnerTagKey] = "reconciler-eu", [OwnershipMarker.PolicyTagKey] = "orders" },
        _ => new() { ["team"] = "orders" },
    };
}
