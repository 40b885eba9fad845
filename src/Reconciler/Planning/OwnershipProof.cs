using Reconciler.Kinds;
namespace Reconciler.Planning;

/// <summary>
/// The second half of an ownership decision. A marker is text anyone can copy from one alarm to another in the
/// console; the ownership tags are rarely copied by hand. So every update or delete the planner bases on a marker
/// carries an <see cref="OwnershipCheck"/>, the engine reads the tags of just those objects (nothing in a converged
/// run), and this pure step keeps a change only when the tags confirm the claim. A marker without matching tags
/// becomes a <see cref="ConflictKind.NotOwned"/> conflict; tags that could not be read leave the object unchanged
/// this run (never a write on the strength of incomplete information).
/// </summary>
internal static class OwnershipProof
{
    /// <summary>The ARNs whose tags <see cref="Apply"/> needs, sorted.</summary>
    public static IReadOnlyList<string> ArnsToRead(Plan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return [.. plan.Changes
            .Where(change => change.OwnershipCheck is not null && change.ResourceArn is not null)
            .Select(change => change.ResourceArn!)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)];
    }

    /// <summary>
    /// Keeps the changes whose ownership the tags prove; turns the others into conflicts or notices. Changes without
    /// an <see cref="OwnershipCheck"/> pass through untouched.
    /// </summary>
    /// <param name="plan">The planner's plan.</param>
    /// <param name="tags">Tags by ARN for every ARN of <see cref="ArnsToRead"/> that was read.</param>
    /// <param name="failedReads">Why the tags of an ARN could not be read, by ARN.</param>
    /// <param name="owner">This deployment's owner id.</param>
    public static Plan Apply(
        Plan plan,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> tags,
        IReadOnlyDictionary<string, string> failedReads,
        string owner)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(tags);
        ArgumentNullException.ThrowIfNull(failedReads);

        var kept = new List<PlannedChange>();
        var conflicts = new List<PlanConflict>(plan.Conflicts);
        var notices = new List<PlanNotice>(plan.Notices);
        var conflicted = new Dictionary<(string Policy, string Arn), string>();
        foreach (var change in plan.Changes)
        {
            if (change.OwnershipCheck is not { } check)
            {
                kept.Add(change);
                continue;
            }

            var what = $"{ManagedKinds.Of(change.Kind).Label} {change.Target}";
            if (change.ResourceArn is not { } arn)
            {
                notices.Add(new PlanNotice(change.PolicyName, $"The {what} is left unchanged this run: the account id is unknown (STS GetCallerIdentity failed), so its ARN, and with it its ownership tags, could not be read. The next run that identifies the account checks it again."));
                continue;
            }

            if (failedReads.TryGetValue(arn, out var failure))
            {
                notices.Add(new PlanNotice(change.PolicyName, $"The {what} is left unchanged this run: its ownership tags could not be read ({failure}), and nothing the reconciler does not provably own is {(change.Action == ChangeAction.Delete ? "deleted" : "changed")}. The next run checks it again."));
                continue;
            }

            if (tags.TryGetValue(arn, out var found) && Confirms(found, check.Claim, change.PolicyName, owner))
            {
                kept.Add(change);
                continue;
            }

            conflicts.Add(new PlanConflict(
                ConflictKind.NotOwned,
                change.Target,
                [change.PolicyName],
                $"The {what} carries the ownership marker of policy {change.PolicyName}, but not the ownership tags ({OwnershipMarker.ManagedByTagKey}={OwnershipMarker.ManagerName}, {OwnershipMarker.OwnerTagKey}={owner}, {OwnershipMarker.PolicyTagKey}={change.PolicyName}) the reconciler sets on what it creates, so the marker may have been copied by hand; it is left alone{(change.Action == ChangeAction.Delete ? " and not deleted" : string.Empty)}. If the reconciler made it, add those tags; if not, remove the marker text from it.",
                change.Kind));
            if (check.SubjectArn is { } subject)
            {
                conflicted[(change.PolicyName, subject)] = $"{what} has an ownership marker without the ownership tags";
            }
        }

        if (kept.Count == plan.Changes.Count)
        {
            return plan;
        }

        return new Plan(
            kept,
            [.. conflicts.OrderBy(c => c.Target, StringComparer.Ordinal).ThenBy(c => c.Kind).ThenBy(c => string.Join(',', c.Policies), StringComparer.Ordinal)],
            [.. plan.Resources.Select(resource => Remark(resource, conflicted))],
            [.. notices.Distinct().OrderBy(n => n.PolicyName, StringComparer.Ordinal).ThenBy(n => n.Message, StringComparer.Ordinal)]);
    }

    /// <summary>
    /// True when the tags confirm the claim: managed by the reconciler, for this policy, and for this deployment. A
    /// legacy claim (a marker written before ownership named the deployment) is confirmed by the tags that version
    /// wrote, which had no owner tag; an owner tag, when present, must always be this deployment's.
    /// </summary>
    internal static bool Confirms(IReadOnlyDictionary<string, string> tags, OwnershipClaim claim, string policyName, string owner)
    {
        if (!Has(tags, OwnershipMarker.ManagedByTagKey, OwnershipMarker.ManagerName) || !Has(tags, OwnershipMarker.PolicyTagKey, policyName))
        {
            return false;
        }

        return tags.TryGetValue(OwnershipMarker.OwnerTagKey, out var taggedOwner)
            ? string.Equals(taggedOwner, owner, StringComparison.Ordinal)
            : claim.IsLegacy;
    }

    private static bool Has(IReadOnlyDictionary<string, string> tags, string key, string value) =>
        tags.TryGetValue(key, out var found) && string.Equals(found, value, StringComparison.Ordinal);

    // A resource one of whose alarms was refused is in conflict: a person has to decide about that alarm.
    private static ResourceAssessment Remark(
        ResourceAssessment resource, Dictionary<(string Policy, string Arn), string> conflicted)
    {
        if (!conflicted.TryGetValue((resource.PolicyName, resource.Arn), out var reason) || resource.State == ResourceState.Excluded)
        {
            return resource;
        }

        return resource with
        {
            State = ResourceState.Conflict,
            Reason = resource.State == ResourceState.Conflict && resource.Reason is { } earlier ? $"{earlier}; {reason}" : reason,
        };
    }
}
