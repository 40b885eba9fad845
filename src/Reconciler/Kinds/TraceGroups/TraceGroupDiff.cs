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

    /// <summary>The diff of the group named <paramref name="groupName"/> for <paramref name="policyName"/>.</summary>
    public static KindDiff Diff(string groupName, string? desiredFilter, ObservedTraceGroup? observed, string policyName, string owner)
    {
        ArgumentNullException.ThrowIfNull(groupName);
        if (observed is null)
        {
            return desiredFilter is null ? new KindDiff.InSync() : new KindDiff.Create([new FieldDiff(Field, null, desiredFilter)]);
        }

        var tags = observed.Tags ?? throw new ArgumentException("a group whose tags were not read cannot be diffed", nameof(observed));
        var standing = XRayOwnedObject.StandingOf(tags, owner, out var taggedPolicy);
        var ours = standing == Standing.Ours && string.Equals(taggedPolicy, policyName, StringComparison.Ordinal);
        if (desiredFilter is null)
        {
            return ours
                ? new KindDiff.Delete([new FieldDiff(Field, observed.FilterExpression, null)], new OwnershipClaim(policyName, owner))
                : new KindDiff.InSync();
        }

        if (!ours)
        {
            return new KindDiff.Conflict(ConflictKind.NotOwned, NotOwned(groupName, standing, taggedPolicy, policyName, owner));
        }

        return string.Equals(observed.FilterExpression, desiredFilter, StringComparison.Ordinal)
            ? new KindDiff.InSync()
            : new KindDiff.Update([new FieldDiff(Field, observed.FilterExpression, desiredFilter)], Claim: null);
    }

    private static string NotOwned(string groupName, Standing standing, string taggedPolicy, string policyName, string owner) => standing switch
    {
        Standing.Ours => $"The X-Ray group {groupName} that policy {policyName} would use is tagged as policy {taggedPolicy}'s (two policy names shorten to the same group name); it is left alone. Rename one of the policies.",
        Standing.OtherDeployment => $"The X-Ray group {groupName} that policy {policyName} would use belongs to another deployment of the reconciler (its {OwnershipMarker.OwnerTagKey} tag is not {owner}); it is left alone. Give the deployments different alarm name prefixes.",
        _ => $"An X-Ray group named {groupName} already exists and was not made by this reconciler (it lacks the tags {OwnershipMarker.ManagedByTagKey}={OwnershipMarker.ManagerName}, {OwnershipMarker.OwnerTagKey}={owner}, {OwnershipMarker.PolicyTagKey}={policyName}); it is left alone and policy {policyName} gets no group. Delete or rename that group, or add the tags if the reconciler should adopt it.",
    };
}
