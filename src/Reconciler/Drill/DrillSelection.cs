using Reconciler.Aws;
using Reconciler.Discovery;
using Reconciler.Planning;

namespace Reconciler.Drill;

/// <summary>The alarms a drill fires and the ones it only names as skipped; pure.</summary>
/// <param name="Targets">Owned alarms of the drilled policies that can be drilled, sorted by name.</param>
/// <param name="Skipped">Alarms that matched but are not drilled, sorted by name.</param>
/// <param name="UnmatchedGlobs">--alarm globs that matched no listed alarm.</param>
internal sealed record DrillSelection(IReadOnlyList<DrillTarget> Targets, IReadOnlyList<SkippedAlarm> Skipped, IReadOnlyList<string> UnmatchedGlobs)
{
    /// <summary>
    /// The DescribeAlarms prefixes that list every alarm the globs can match: the owned-alarm prefix without globs,
    /// else each glob's literal start; null (list every alarm) when a glob starts with a wildcard.
    /// </summary>
    public static IReadOnlyList<string>? ListingPrefixes(IReadOnlyList<string> globs, string owner)
    {
        ArgumentNullException.ThrowIfNull(globs);
        if (globs.Count == 0)
        {
            return [owner + "-"];
        }

        var prefixes = globs.Select(glob => glob[..LiteralLength(glob)]).ToList();
        if (prefixes.Any(prefix => prefix.Length == 0))
        {
            return null;
        }

        // "reconciler-orders-*" and "reconciler-*" list once, under the shorter prefix.
        return [.. prefixes.Distinct(StringComparer.Ordinal)
            .Where(prefix => !prefixes.Any(other => other.Length < prefix.Length && prefix.StartsWith(other, StringComparison.Ordinal)))
            .Order(StringComparer.Ordinal)];
    }

    /// <summary>Chooses from the listed alarms (duplicates allowed) for the deployment <paramref name="owner"/>.</summary>
    /// <param name="alarms">What DescribeAlarms returned for <see cref="ListingPrefixes"/>.</param>
    /// <param name="policies">The policies this drill runs.</param>
    /// <param name="globs">The --alarm globs; empty drills every owned alarm of those policies.</param>
    /// <param name="owner">This deployment's owner id (the alarm name prefix).</param>
    public static DrillSelection Choose(IEnumerable<MetricAlarm> alarms, IReadOnlySet<string> policies, IReadOnlyList<string> globs, string owner)
    {
        ArgumentNullException.ThrowIfNull(alarms);
        ArgumentNullException.ThrowIfNull(policies);
        ArgumentNullException.ThrowIfNull(globs);
        var targets = new List<DrillTarget>();
        var skipped = new List<SkippedAlarm>();
        var matchedGlobs = new HashSet<string>(StringComparer.Ordinal);
        foreach (var alarm in alarms.DistinctBy(alarm => alarm.AlarmName).OrderBy(alarm => alarm.AlarmName, StringComparer.Ordinal))
        {
            var matching = globs.Where(glob => Glob.IsMatch(glob, alarm.AlarmName)).ToList();
            if (globs.Count > 0 && matching.Count == 0)
            {
                continue;
            }

            matchedGlobs.UnionWith(matching);
            if (Reason(alarm, policies, owner, explicitlyNamed: globs.Count > 0, out var policyName) is { } reason)
            {
                if (reason.Length > 0)
                {
                    skipped.Add(new SkippedAlarm(alarm.AlarmName, reason));
                }

                continue;
            }

            targets.Add(new DrillTarget(alarm.AlarmName, policyName, alarm.StateValue ?? "INSUFFICIENT_DATA", [.. alarm.AlarmActions.Order(StringComparer.Ordinal)]));
        }

        return new DrillSelection(targets, skipped, [.. globs.Where(glob => !matchedGlobs.Contains(glob)).Distinct(StringComparer.Ordinal)]);
    }

    // Null: drill it. Empty: leave it out silently. Otherwise: why it is skipped.
    private static string? Reason(MetricAlarm alarm, IReadOnlySet<string> policies, string owner, bool explicitlyNamed, out string policyName)
    {
        var standing = Ownership.OfAlarm(AlarmMapping.ToDefinition(alarm), owner, out var claim);
        policyName = claim.PolicyName;
        if (standing is Standing.Unmarked)
        {
            return "not the reconciler's: it carries no ownership marker, so the drill never touches it";
        }

        if (standing is Standing.OtherDeployment)
        {
            return $"owned by another deployment of the reconciler (its marker names {claim.Owner ?? "no deployment"}, this one is {owner}); never touched";
        }

        if (!policies.Contains(claim.PolicyName))
        {
            return explicitlyNamed ? $"owned by policy {claim.PolicyName}, which this drill does not run" : string.Empty;
        }

        if (!alarm.ActionsEnabled)
        {
            return "its actions are disabled (ActionsEnabled false): CloudWatch would notify no one, so a drill proves nothing; enable them or apply the policy";
        }

        if (alarm.AlarmActions.Count == 0)
        {
            return "it has no ALARM actions, so nothing would be notified; add spec.alarms.actions.alarm to the policy";
        }

        if (alarm.StateValue == "ALARM")
        {
            return "it is in ALARM now: setting ALARM again is no state change, so CloudWatch would run no action (its notification went out when it entered ALARM); drill it once it is OK";
        }

        return null;
    }

    private static int LiteralLength(string glob)
    {
        var wildcard = glob.IndexOfAny(['*', '?']);
        return wildcard < 0 ? glob.Length : wildcard;
    }
}
