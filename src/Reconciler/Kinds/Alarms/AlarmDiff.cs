using Reconciler.Planning;
using Reconciler.Policies;

namespace Reconciler.Kinds.Alarms;

/// <summary>
/// How one alarm is diffed for one policy: the alarm the policy renders (if any) against the one DescribeAlarms
/// returned (if any). Fields are compared after CloudWatch's normalisation (<see cref="Diffing.Alarm"/>); an existing
/// alarm is written only when it is the policy's (<see cref="Conflicts.NotOwned"/>), and deleted only when its marker
/// names this deployment and the policy. Whether the listing was complete, and whether the policy's scope was, is the
/// planning step's to decide before asking: a diff only sees what it is given.
/// </summary>
internal static class AlarmDiff
{
    /// <summary>
    /// Create when absent, update (with the marker the tags must confirm, none when adopted) or in sync when it is
    /// the policy's, a <see cref="ConflictKind.NotOwned"/> conflict when it is not; for an alarm no policy renders
    /// (<paramref name="desired"/> null), delete when it is this deployment's and the policy's, in sync (left alone)
    /// otherwise.
    /// </summary>
    /// <param name="desired">The alarm the policy renders, or null when no policy renders this name.</param>
    /// <param name="observed">The alarm as observed, or null when a complete listing did not return it.</param>
    /// <param name="policy">The policy asking.</param>
    /// <param name="owner">This deployment's owner id.</param>
    public static KindDiff Diff(AlarmDefinition? desired, AlarmDefinition? observed, ObservabilityPolicy policy, string owner)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (observed is null)
        {
            return desired is null
                ? throw new ArgumentException("an alarm diff needs a desired or an observed alarm", nameof(desired))
                : new KindDiff.Create(Diffing.AlarmCreated(desired));
        }

        var standing = Ownership.OfAlarm(observed, owner, out var claim);
        if (desired is null)
        {
            // Never a legacy marker: it does not name its deployment, so that this one made the alarm cannot be proven.
            return standing == Standing.Ours && string.Equals(claim.PolicyName, policy.Name, StringComparison.Ordinal)
                ? new KindDiff.Delete(Diffing.AlarmDeleted(observed), claim)
                : new KindDiff.InSync();
        }

        if (Conflicts.NotOwned(policy, ChangeKind.Alarm, desired.AlarmName, standing, claim) is { } reason)
        {
            return new KindDiff.Conflict(ConflictKind.NotOwned, reason);
        }

        var fields = Diffing.Alarm(observed, desired);
        return fields.Count == 0
            ? new KindDiff.InSync()
            : new KindDiff.Update(fields, standing == Standing.Unmarked ? null : claim);
    }
}
