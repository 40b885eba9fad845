namespace Reconciler.Planning;

/// <summary>How an existing alarm or dashboard stands relative to this deployment, judged from its marker.</summary>
internal enum Standing
{
    /// <summary>No marker: made by someone else (or adoptable, when the policy says so).</summary>
    Unmarked,

    /// <summary>The marker names this deployment.</summary>
    Ours,

    /// <summary>
    /// A marker of an earlier version, which named no deployment, on an object this deployment would have made (for
    /// an alarm: its name is this deployment's name for that policy). Updated in place, which rewrites the marker and
    /// tags; never deleted, since another deployment may have written it.
    /// </summary>
    OursLegacy,

    /// <summary>The marker names another deployment of the reconciler (another owner id, or a legacy alarm whose
    /// name does not follow this deployment's prefix).</summary>
    OtherDeployment,
}

/// <summary>The one place that turns a marker into a <see cref="Standing"/>.</summary>
internal static class Ownership
{
    /// <summary>The standing of an observed alarm for the deployment <paramref name="owner"/>.</summary>
    public static Standing OfAlarm(AlarmDefinition observed, string owner, out OwnershipClaim claim)
    {
        if (!OwnershipMarker.TryRead(observed.AlarmDescription, out claim))
        {
            return Standing.Unmarked;
        }

        if (claim.Owner is { } named)
        {
            return string.Equals(named, owner, StringComparison.Ordinal) ? Standing.Ours : Standing.OtherDeployment;
        }

        // "reconciler-eu-orders-…" read by the deployment "reconciler" claims policy "orders", but this deployment
        // names that policy's alarms "reconciler-orders-…": the alarm is another prefix's.
        return AlarmNaming.BelongsTo(observed.AlarmName, owner, claim.PolicyName) ? Standing.OursLegacy : Standing.OtherDeployment;
    }

    /// <summary>The standing of an observed dashboard body for the deployment <paramref name="owner"/>.</summary>
    public static Standing OfDashboard(string body, string owner, out OwnershipClaim claim)
    {
        if (!DashboardRendering.TryReadClaim(body, out claim))
        {
            return Standing.Unmarked;
        }

        return claim.Owner switch
        {
            null => Standing.OursLegacy,
            var named when string.Equals(named, owner, StringComparison.Ordinal) => Standing.Ours,
            _ => Standing.OtherDeployment,
        };
    }
}
