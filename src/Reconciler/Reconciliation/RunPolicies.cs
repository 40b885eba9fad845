using Reconciler.Actuation;
using Reconciler.Planning;
using Reconciler.Policies;
using Reconciler.Reporting;

namespace Reconciler.Reconciliation;

/// <summary>
/// The policies one run is about: every valid policy in the directory, or the one a host was asked to run (--policy,
/// or a manual invoke's "policy"). The hosts only word what went wrong; what is loaded, chosen and left out is decided
/// here, once.
/// </summary>
/// <param name="Loaded">Everything the directory held, valid or not.</param>
/// <param name="Policies">The policies in this run; empty when the load failed or the named policy is not there.</param>
/// <param name="PoliciesOutsideRun">Loaded, valid policies a named run leaves out: their alarms are not "of a missing policy".</param>
/// <param name="MissingPolicy">The policy name asked for that no loaded policy has; null when there was none to miss.</param>
internal sealed record RunPolicies(
    PolicyLoadResult Loaded,
    IReadOnlyList<ObservabilityPolicy> Policies,
    IReadOnlySet<string> PoliciesOutsideRun,
    string? MissingPolicy)
{
    private static readonly IReadOnlySet<string> None = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>True when the run can start: the policies are valid and the named one (if any) was found.</summary>
    public bool CanRun => Loaded.IsValid && MissingPolicy is null;

    /// <summary>Loads <paramref name="directory"/> and keeps only <paramref name="policyName"/> when one is given.</summary>
    public static RunPolicies Load(string directory, string? policyName) => Choose(PolicyLoader.LoadDirectory(directory), policyName);

    /// <summary>Chooses from policies already loaded; see <see cref="Load"/>.</summary>
    public static RunPolicies Choose(PolicyLoadResult loaded, string? policyName)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        if (!loaded.IsValid)
        {
            return new RunPolicies(loaded, [], None, null);
        }

        if (policyName is null)
        {
            return new RunPolicies(loaded, loaded.Policies, None, null);
        }

        var chosen = loaded.Policies.Where(policy => policy.Name == policyName).ToList();
        if (chosen.Count == 0)
        {
            return new RunPolicies(loaded, [], None, policyName);
        }

        var outside = loaded.Policies.Select(policy => policy.Name).Where(name => name != policyName).ToHashSet(StringComparer.Ordinal);
        return new RunPolicies(loaded, chosen, outside, null);
    }

    /// <summary>A selection of policies that did not come from a directory (the demo's one policy): all of them run.</summary>
    public static RunPolicies Of(IReadOnlyList<ObservabilityPolicy> policies)
    {
        ArgumentNullException.ThrowIfNull(policies);
        return new RunPolicies(new PolicyLoadResult(policies, [], policies.Count), policies, None, null);
    }

    /// <summary>The request for a run over these policies, so the policies left out always travel with the ones in.</summary>
    public ReconcileRequest Request(
        bool apply,
        bool dryRun,
        DateTimeOffset deadline,
        int maxChanges = ApplyOptions.DefaultMaxChanges,
        string alarmNamePrefix = PlanningOptions.DefaultAlarmNamePrefix,
        ReportTopics? reportTopics = null)
    {
        if (!CanRun)
        {
            throw new InvalidOperationException("A run needs valid policies and the named policy; check CanRun first.");
        }

        return new ReconcileRequest(Policies, apply, dryRun, deadline, maxChanges, alarmNamePrefix, PoliciesOutsideRun, reportTopics);
    }
}
