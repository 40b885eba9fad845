using Reconciler.Planning;

namespace Reconciler.Kinds.TraceGroups;

/// <summary>
/// How a policy's X-Ray group is diffed: the filter expression it should have (null: the policy asks for no group)
/// against the group of that name X-Ray lists (null: none), judged by the group's ownership tags.
/// </summary>
internal static class TraceGroupDiff
{
    /// <summary>The field a group change names.</summary>
    public const string Field = "filterExpression";

    /// <summary>How messages name X-Ray groups.</summary>
    public static XRayObjectWords Words { get; } = new("X-Ray group", "X-Ray groups", "group", "An");

    /// <summary>The diff of the group named <paramref name="groupName"/> for <paramref name="policyName"/>.</summary>
    public static KindDiff Diff(string groupName, string? desiredFilter, ObservedTraceGroup? observed, string policyName, string owner)
    {
        ArgumentNullException.ThrowIfNull(groupName);
        var tags = observed is null ? null : observed.Tags ?? throw new ArgumentException("a group whose tags were not read cannot be diffed", nameof(observed));
        return XRayOwnedObject.Diff(
            Words,
            groupName,
            desiredFilter is not null,
            tags,
            policyName,
            owner,
            created: () => [new FieldDiff(Field, null, desiredFilter)],
            deleted: () => [new FieldDiff(Field, observed!.FilterExpression, null)],
            changed: () => string.Equals(observed!.FilterExpression, desiredFilter, StringComparison.Ordinal) ? [] : [new FieldDiff(Field, observed.FilterExpression, desiredFilter)]);
    }
}
