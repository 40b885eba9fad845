using Reconciler.Kinds;
using Reconciler.Policies;

namespace Reconciler.Planning;

/// <summary>
/// Conflicts the alarm and dashboard kinds share: existing objects with a desired name that the reconciler does not
/// own, and dashboards rendered for another Region. (Names that collide are each kind's own check.) Pure: each says
/// why an object must be left alone, or null; the kinds' diff functions turn a reason into a conflict, and every
/// object involved in a conflict is left out of the plan.
/// </summary>
internal static class Conflicts
{
    /// <summary>
    /// Why an existing object (alarm or dashboard) with a desired name may not be written by
    /// <paramref name="policy"/> (a <see cref="ConflictKind.NotOwned"/> conflict), or null when it may: its marker
    /// names this deployment and the policy (the change then still needs its tags to agree, see
    /// <see cref="OwnershipProof"/>), or it has no marker and the policy adopts (spec.alarms.adopt, used for dashboards
    /// too).
    /// </summary>
    public static string? NotOwned(
        ObservabilityPolicy policy,
        ChangeKind targetKind,
        string name,
        Standing standing,
        OwnershipClaim claim)
    {
        var kind = ManagedKinds.Of(targetKind).Label;
        switch (standing)
        {
            case Standing.Ours or Standing.OursLegacy when string.Equals(claim.PolicyName, policy.Name, StringComparison.Ordinal):
                return null;

            case Standing.Ours or Standing.OursLegacy:
                return $"The {kind} {name} exists and is managed by policy {claim.PolicyName}, not {policy.Name}; it is left alone. Give one of the policies another name for it, or delete the {kind} if {claim.PolicyName} was retired.";

            case Standing.OtherDeployment:
                var deployment = claim.Owner is { } owner
                    ? $"the deployment with owner id {owner}"
                    : "its marker was written by an earlier version of the reconciler, under another alarm name prefix";
                return $"The {kind} {name} exists and is managed by policy {claim.PolicyName} of another deployment of the reconciler ({deployment}); it is left alone. If that deployment was retired, delete the {kind}; otherwise give this policy's {kind} another name.";

            default:
                return policy.Alarms.Adopt
                    ? null
                    : $"The {kind} {name} exists but has no ownership marker, so it was made by someone else; it is left alone. To take it over, set spec.alarms.adopt: true in policy {policy.Name} ({policy.Source.File}); or delete or rename the existing {kind}.";
        }
    }

    /// <summary>
    /// Why a dashboard this deployment's policy owns must be left alone because it was rendered for another Region (a
    /// <see cref="ConflictKind.OtherRegion"/> conflict), or null: dashboards are global to the account, so the same
    /// policy run from two Regions would overwrite it in turn every run. The Region is read from the body (metric
    /// widgets' "region", alarm widgets' ARNs) rather than written into the marker: older versions refuse a marker
    /// with fields they do not know, and would then take their own dashboards for someone else's.
    /// </summary>
    public static string? RenderedElsewhere(
        ObservabilityPolicy policy,
        string name,
        Standing standing,
        string body,
        PlanningOptions options)
    {
        // An adopted (unmarked) dashboard was made by hand, whatever it graphs: taking it over is what adopt asks for.
        if (standing == Standing.Unmarked)
        {
            return null;
        }

        var regions = RegionFidelity.RenderedRegions(body);
        if (regions.Count == 0 || regions.Contains(options.Region))
        {
            return null;
        }

        var others = string.Join(" and ", regions);
        return $"The dashboard {name} is global to the account and was written by the deployment in {others} (it graphs metrics of {others}); this run is in {options.Region}, so it is left alone. Two Regions with the same policy would overwrite each other every run: give each Region its own dashboard name (e.g. with the Region in it) in spec.dashboard.name of {policy.Source.File}, or manage it from one Region. If the deployment in {others} was retired, delete the dashboard and the next run recreates it.";
    }
}
