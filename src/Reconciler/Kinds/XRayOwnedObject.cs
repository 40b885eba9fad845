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
}
