using Reconciler.Planning;

namespace Reconciler.Kinds;

/// <summary>
/// How an X-Ray group or sampling rule stands for this deployment. Neither has a description to carry a marker, so the
/// ownership tags the reconciler sets when it creates one (managed-by, reconciler:owner, reconciler:policy) are the
/// whole proof, read with the listing; an object whose tags could not be read is not judged at all.
/// </summary>
internal static class XRayOwnedObject
{
    /// <summary>
    /// <see cref="Standing.Ours"/> with the policy its tags name, <see cref="Standing.OtherDeployment"/> when they name
    /// another owner, <see cref="Standing.Unmarked"/> when they are not the reconciler's.
    /// </summary>
    public static Standing StandingOf(IReadOnlyDictionary<string, string> tags, string owner, out string policyName)
    {
        ArgumentNullException.ThrowIfNull(tags);
        policyName = tags.GetValueOrDefault(OwnershipMarker.PolicyTagKey) ?? string.Empty;
        if (tags.GetValueOrDefault(OwnershipMarker.ManagedByTagKey) != OwnershipMarker.ManagerName || policyName.Length == 0)
        {
            return Standing.Unmarked;
        }

        return tags.GetValueOrDefault(OwnershipMarker.OwnerTagKey) == owner ? Standing.Ours : Standing.OtherDeployment;
    }

    /// <summary>The ownership tags of an object this deployment creates for <paramref name="policyName"/>.</summary>
    public static IReadOnlyList<Aws.Tag> Tags(string owner, string policyName) =>
        [.. OwnershipMarker.Tags(owner, policyName).Select(tag => new Aws.Tag(tag.Key, tag.Value))];

    /// <summary>
    /// The notices for owned objects tagged for a policy that is not loaded (nor left out of the run on purpose): like
    /// alarms, they stay, because a missing policy file never deletes anything.
    /// </summary>
    public static IEnumerable<PlanNotice> OfUnloadedPolicies(
        IEnumerable<(string Name, IReadOnlyDictionary<string, string>? Tags)> objects, PlanningContext context, string what)
    {
        ArgumentNullException.ThrowIfNull(objects);
        ArgumentNullException.ThrowIfNull(context);
        var loaded = context.Selections.Select(selection => selection.Policy.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var (name, tags) in objects.OrderBy(o => o.Name, StringComparer.Ordinal))
        {
            if (tags is not null
                && StandingOf(tags, context.Options.Owner, out var policyName) == Standing.Ours
                && !loaded.Contains(policyName)
                && !context.Options.IsOutsideRun(policyName))
            {
                yield return new PlanNotice(policyName, $"The {what} {name} carries the tags of policy {policyName}, which is not loaded, so it is left in place (a missing policy file never deletes anything). If {policyName} was retired on purpose, delete it by hand; if not, restore its policy file.");
            }
        }
    }

    /// <summary>
    /// Whether a policy's group or rule may be planned this run, adding the notice that says why not: the listing
    /// failed (<paramref name="listed"/> false; said only when the policy wants the object), the object's tags could
    /// not be read (<paramref name="tagsUnread"/>), or the policy wants it but its scope was observed incompletely
    /// (what it should cover is not all known).
    /// </summary>
    /// <param name="what">"X-Ray group", "sampling rule".</param>
    /// <param name="plural">"X-Ray groups", "X-Ray sampling rules".</param>
    /// <param name="incompleteConsequence">What an incomplete scope would do to the object, for the notice.</param>
    public static bool MayPlan(
        PolicySelection selection,
        bool wanted,
        bool listed,
        bool tagsUnread,
        string name,
        string what,
        string plural,
        string incompleteConsequence,
        ICollection<PlanNotice> notices)
    {
        ArgumentNullException.ThrowIfNull(selection);
        ArgumentNullException.ThrowIfNull(notices);
        var policy = selection.Policy.Name;
        if (!listed)
        {
            if (wanted)
            {
                notices.Add(new PlanNotice(policy, $"The {what} {name} of policy {policy} is not checked this run: the {plural} could not be listed (see the errors). Nothing about them is changed."));
            }

            return false;
        }

        if (tagsUnread)
        {
            notices.Add(new PlanNotice(policy, $"The {what} {name} is left unchanged this run: its tags could not be read, so whether this deployment owns it is unknown. The next run checks it again."));
            return false;
        }

        if (wanted && selection.IncompleteReason is { } reason)
        {
            notices.Add(new PlanNotice(policy, $"The {what} {name} of policy {policy} is not created or updated this run because {reason}; {incompleteConsequence}. The next complete run brings it up to date."));
            return false;
        }

        return true;
    }
}
