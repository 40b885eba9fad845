namespace Reconciler.Planning;

/// <summary>
/// The few facts about the run the pure planner cannot learn from policies or observation.
/// </summary>
/// <param name="AlarmNamePrefix">
/// First segment of every managed alarm name (see <see cref="AlarmNaming"/>); observation lists alarms with it.
/// <see cref="DefaultAlarmNamePrefix"/> unless the operator chose another.
/// </param>
/// <param name="Region">The Region dashboards graph metrics from and alarm ARNs name.</param>
/// <param name="AccountId">
/// The account alarm ARNs name. The engine always passes it (from STS); when null, alarm-status widgets cannot list
/// alarm ARNs and the plan says so in a notice.
/// </param>
/// <param name="PoliciesOutsideRun">
/// Policies that are loaded but not part of this run (the CLI's --policy, a Lambda event naming one policy): what they
/// own is neither planned nor pruned, and not reported as belonging to a missing policy.
/// </param>
/// <param name="FocusedPolicies">
/// Policies observed only for the resources a watch event named (docs/watch.md): their scopes hold just those
/// resources, so only per-resource kinds plan them, and a policy-wide object of theirs (dashboard, X-Ray group) is
/// treated as outside the run. Null or empty for a whole run.
/// </param>
internal sealed record PlanningOptions(
    string AlarmNamePrefix,
    string Region,
    string? AccountId,
    IReadOnlySet<string>? PoliciesOutsideRun = null,
    IReadOnlySet<string>? FocusedPolicies = null)
{
    /// <summary>True when <paramref name="policyName"/> was observed only for the resources a watch event named.</summary>
    public bool IsFocused(string policyName) => FocusedPolicies?.Contains(policyName) ?? false;

    /// <summary>
    /// This deployment's owner id, written into every ownership marker and tag: the alarm name prefix, which already
    /// tells deployments in one account apart. Two deployments with prefixes "reconciler" and "reconciler-eu" list
    /// each other's alarms (one prefix starts the other), and the owner id is how each knows which are its own.
    /// </summary>
    public string Owner => AlarmNamePrefix;

    /// <summary>True when <paramref name="policyName"/> is loaded but left out of this run.</summary>
    public bool IsOutsideRun(string policyName) => PoliciesOutsideRun?.Contains(policyName) ?? false;

    /// <summary>The alarm name prefix used unless the operator chose another: "reconciler".</summary>
    public const string DefaultAlarmNamePrefix = "reconciler";

    /// <summary>Options with the default alarm name prefix.</summary>
    public static PlanningOptions ForAccount(string region, string? accountId) =>
        new(DefaultAlarmNamePrefix, region, accountId);
}
