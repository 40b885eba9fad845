using Reconciler.Planning;
using Reconciler.Policies;

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
    /// another owner, <see cref="Standing.Unmarked"/> when they are not the reconciler's. The tags are read by the rule
    /// every ownership proof uses (<see cref="OwnershipProof.Confirms"/>), for the policy they name.
    /// </summary>
    public static Standing StandingOf(IReadOnlyDictionary<string, string> tags, string owner, out string policyName)
    {
        ArgumentNullException.ThrowIfNull(tags);
        policyName = tags.GetValueOrDefault(OwnershipMarker.PolicyTagKey) ?? string.Empty;
        if (tags.GetValueOrDefault(OwnershipMarker.ManagedByTagKey) != OwnershipMarker.ManagerName || policyName.Length == 0)
        {
            return Standing.Unmarked;
        }

        return OwnershipProof.Confirms(tags, new OwnershipClaim(policyName, owner), policyName, owner) ? Standing.Ours : Standing.OtherDeployment;
    }

    /// <summary>
    /// The diff of a policy's group or rule, the part both X-Ray kinds share: the object is absent
    /// (<paramref name="observedTags"/> null: create it when <paramref name="wanted"/>), this policy's by its tags
    /// (delete it when not wanted, else update the <paramref name="changed"/> fields), or someone else's (a
    /// <see cref="ConflictKind.NotOwned"/> conflict when wanted; never touched).
    /// </summary>
    /// <param name="observedTags">The existing object's tags; null when it does not exist. Unread tags are the caller's to rule out.</param>
    /// <param name="created">The fields of a create, "absent → value".</param>
    /// <param name="deleted">The fields of a delete, "value → absent".</param>
    /// <param name="changed">The fields that differ between the existing object and the wanted one.</param>
    public static KindDiff Diff(
        XRayObjectWords words,
        string name,
        bool wanted,
        IReadOnlyDictionary<string, string>? observedTags,
        string policyName,
        string owner,
        Func<IReadOnlyList<FieldDiff>> created,
        Func<IReadOnlyList<FieldDiff>> deleted,
        Func<IReadOnlyList<FieldDiff>> changed)
    {
        ArgumentNullException.ThrowIfNull(words);
        ArgumentNullException.ThrowIfNull(created);
        ArgumentNullException.ThrowIfNull(deleted);
        ArgumentNullException.ThrowIfNull(changed);
        if (observedTags is null)
        {
            return wanted ? new KindDiff.Create(created()) : new KindDiff.InSync();
        }

        var standing = StandingOf(observedTags, owner, out var taggedPolicy);
        var ours = standing == Standing.Ours && string.Equals(taggedPolicy, policyName, StringComparison.Ordinal);
        if (!wanted)
        {
            return ours ? new KindDiff.Delete(deleted(), new OwnershipClaim(policyName, owner)) : new KindDiff.InSync();
        }

        if (!ours)
        {
            return new KindDiff.Conflict(ConflictKind.NotOwned, NotOwned(words, name, standing, taggedPolicy, policyName, owner));
        }

        var fields = changed();
        return fields.Count == 0 ? new KindDiff.InSync() : new KindDiff.Update(fields, Claim: null);
    }

    /// <summary>
    /// Adds what <paramref name="diff"/> says about a policy's group or rule to <paramref name="fragment"/>: a change
    /// carrying the payload its action needs (<paramref name="arn"/>: the existing object's, null when there is none),
    /// or a conflict filed under <paramref name="kind"/>.
    /// </summary>
    public static void Record(
        KindDiff diff,
        ChangeKind kind,
        string name,
        string? arn,
        ObservabilityPolicy policy,
        Func<ChangeAction, ChangePayload> payload,
        PlanFragmentBuilder fragment)
    {
        ArgumentNullException.ThrowIfNull(diff);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(fragment);
        switch (diff)
        {
            case KindDiff.InSync:
                return;
            case KindDiff.Conflict conflict:
                fragment.Conflicts.Add(new PlanConflict(conflict.Kind, name, [policy.Name], conflict.Reason, kind));
                return;
        }

        var (action, fields) = diff switch
        {
            KindDiff.Create create => (ChangeAction.Create, create.Fields),
            KindDiff.Update update => (ChangeAction.Update, update.Fields),
            KindDiff.Delete delete => (ChangeAction.Delete, delete.Fields),
            _ => throw new InvalidOperationException($"{kind} plans no {diff.GetType().Name}"),
        };
        fragment.Changes.Add(new PlannedChange(policy.Name, kind, action, name, arn, fields, payload(action), policy.Mode == PolicyMode.Enforce));
    }

    private static string NotOwned(XRayObjectWords words, string name, Standing standing, string taggedPolicy, string policyName, string owner) => standing switch
    {
        Standing.Ours => $"The {words.What} {name} that policy {policyName} would use is tagged as policy {taggedPolicy}'s (two policy names shorten to the same name); it is left alone. Rename one of the policies.",
        Standing.OtherDeployment => $"The {words.What} {name} that policy {policyName} would use belongs to another deployment of the reconciler (its {OwnershipMarker.OwnerTagKey} tag is not {owner}); it is left alone. Give the deployments different alarm name prefixes.",
        _ => $"{words.Article} {words.What} named {name} already exists and was not made by this reconciler (it lacks the tags {OwnershipMarker.ManagedByTagKey}={OwnershipMarker.ManagerName}, {OwnershipMarker.OwnerTagKey}={owner}, {OwnershipMarker.PolicyTagKey}={policyName}); it is left alone and policy {policyName} gets no {words.Noun}. Delete or rename that {words.Noun}, or add the tags if the reconciler should adopt it.",
    };

    /// <summary>The ownership tags of an object this deployment creates for <paramref name="policyName"/>.</summary>
    public static IReadOnlyList<Aws.Tag> Tags(string owner, string policyName) =>
        [.. OwnershipMarker.Tags(owner, policyName).Select(tag => new Aws.Tag(tag.Key, tag.Value))];

    /// <summary>
    /// The notices for owned objects tagged for a policy that is not loaded (nor left out of the run on purpose): like
    /// alarms, they stay, because a missing policy file never deletes anything.
    /// </summary>
    public static IEnumerable<PlanNotice> OfUnloadedPolicies(
        IEnumerable<(string Name, IReadOnlyDictionary<string, string>? Tags)> objects, PlanningContext context, XRayObjectWords words)
    {
        ArgumentNullException.ThrowIfNull(objects);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(words);
        var loaded = context.Selections.Select(selection => selection.Policy.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var (name, tags) in objects.OrderBy(o => o.Name, StringComparer.Ordinal))
        {
            if (tags is not null
                && StandingOf(tags, context.Options.Owner, out var policyName) == Standing.Ours
                && !loaded.Contains(policyName)
                && !context.Options.IsOutsideRun(policyName))
            {
                yield return new PlanNotice(policyName, $"The {words.What} {name} carries the tags of policy {policyName}, which is not loaded, so it is left in place (a missing policy file never deletes anything). If {policyName} was retired on purpose, delete it by hand; if not, restore its policy file.");
            }
        }
    }

    /// <summary>
    /// Whether a policy's group or rule may be planned this run, adding the notice that says why not: the listing
    /// failed (<paramref name="listed"/> false; said only when the policy wants the object), the object's tags could
    /// not be read (<paramref name="tagsUnread"/>), or the policy wants it but its scope was observed incompletely
    /// (what it should cover is not all known).
    /// </summary>
    /// <param name="incompleteConsequence">What an incomplete scope would do to the object, for the notice.</param>
    public static bool MayPlan(
        PolicySelection selection,
        bool wanted,
        bool listed,
        bool tagsUnread,
        string name,
        XRayObjectWords words,
        string incompleteConsequence,
        ICollection<PlanNotice> notices)
    {
        ArgumentNullException.ThrowIfNull(selection);
        ArgumentNullException.ThrowIfNull(words);
        ArgumentNullException.ThrowIfNull(notices);
        var policy = selection.Policy.Name;
        if (!listed)
        {
            if (wanted)
            {
                notices.Add(new PlanNotice(policy, $"The {words.What} {name} of policy {policy} is not checked this run: the {words.Plural} could not be listed (see the errors). Nothing about them is changed."));
            }

            return false;
        }

        if (tagsUnread)
        {
            notices.Add(new PlanNotice(policy, $"The {words.What} {name} is left unchanged this run: its tags could not be read, so whether this deployment owns it is unknown. The next run checks it again."));
            return false;
        }

        if (wanted && selection.IncompleteReason is { } reason)
        {
            notices.Add(new PlanNotice(policy, $"The {words.What} {name} of policy {policy} is not created or updated this run because {reason}; {incompleteConsequence}. The next complete run brings it up to date."));
            return false;
        }

        return true;
    }
}

/// <summary>How messages name one X-Ray kind's objects: "X-Ray group", "X-Ray groups", "group", "An".</summary>
internal sealed record XRayObjectWords(string What, string Plural, string Noun, string Article);
