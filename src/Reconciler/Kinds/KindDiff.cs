using Reconciler.Planning;

namespace Reconciler.Kinds;

/// <summary>
/// What one kind's pure diff function (<c>Kinds/&lt;Kind&gt;/…Diff.cs</c>) says about one desired and one observed
/// object: create it, update it, delete it, leave it (in sync), or leave it and say why (conflict). The kind's planning
/// step turns these into its fragment's changes, conflicts and marks; the diff itself builds no payload, marks nothing
/// and reads nothing but its arguments, so it can be tested with a table.
/// </summary>
internal abstract record KindDiff
{
    // Closed: only the cases below exist, so a planning step's switch over them is complete.
    private KindDiff()
    {
    }

    /// <summary>The object does not exist: every field of the desired one, as "absent → value".</summary>
    internal sealed record Create(IReadOnlyList<FieldDiff> Fields) : KindDiff;

    /// <summary>
    /// The object exists and these fields differ. <paramref name="Claim"/> is the marker the update relies on, which the
    /// object's tags must confirm before it is written; null when nothing is claimed (a tracing field, or an unmarked
    /// object the policy adopts).
    /// </summary>
    internal sealed record Update(IReadOnlyList<FieldDiff> Fields, OwnershipClaim? Claim) : KindDiff;

    /// <summary>An owned object no policy wants any more: every observed field, as "value → absent".</summary>
    internal sealed record Delete(IReadOnlyList<FieldDiff> Fields, OwnershipClaim Claim) : KindDiff;

    /// <summary>
    /// Nothing to change: equal after normalisation, or (for an object no policy wants) not this policy's to touch.
    /// </summary>
    internal sealed record InSync : KindDiff;

    /// <summary>Asked for, but must not be done: reported with <paramref name="Reason"/>, never applied.</summary>
    internal sealed record Conflict(ConflictKind Kind, string Reason) : KindDiff;
}
