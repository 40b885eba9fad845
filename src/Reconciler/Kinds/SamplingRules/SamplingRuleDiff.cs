using System.Globalization;
using Reconciler.Aws;
using Reconciler.Planning;

namespace Reconciler.Kinds.SamplingRules;

/// <summary>
/// How a policy's sampling rule is diffed: the rule it should be (null: the policy has none) against the rule of that
/// name X-Ray lists (null: none), member by member, judged by the rule's ownership tags.
/// </summary>
internal static class SamplingRuleDiff
{
    /// <summary>The rule a policy's spec and its stages' pattern describe.</summary>
    public static XRaySamplingRule Desired(string ruleName, double fixedRate, int reservoirSize, int priority, string serviceName) =>
        new(ruleName, null, "*", priority, fixedRate, reservoirSize, serviceName, TraceGroups.TraceGroupFilter.StageType, "*", "*", "*");

    /// <summary>How messages name sampling rules.</summary>
    public static XRayObjectWords Words { get; } = new("sampling rule", "X-Ray sampling rules", "rule", "A");

    /// <summary>The diff of the rule named <paramref name="ruleName"/> for <paramref name="policyName"/>.</summary>
    public static KindDiff Diff(string ruleName, XRaySamplingRule? desired, ObservedSamplingRule? observed, string policyName, string owner)
    {
        var tags = observed is null ? null : observed.Tags ?? throw new ArgumentException("a rule whose tags were not read cannot be diffed", nameof(observed));
        return XRayOwnedObject.Diff(
            Words,
            ruleName,
            desired is not null,
            tags,
            policyName,
            owner,
            created: () => Fields(null, desired),
            deleted: () => Fields(observed!.Rule, null),
            changed: () => Fields(observed!.Rule, desired));
    }

    /// <summary>The members that differ, as "before → after" (absent on the missing side).</summary>
    private static List<FieldDiff> Fields(XRaySamplingRule? before, XRaySamplingRule? after)
    {
        var fields = new List<FieldDiff>();
        void Compare(string field, Func<XRaySamplingRule, string> value)
        {
            var (from, to) = (before is null ? null : value(before), after is null ? null : value(after));
            if (!string.Equals(from, to, StringComparison.Ordinal))
            {
                fields.Add(new FieldDiff(field, from, to));
            }
        }

        Compare("priority", rule => rule.Priority.ToString(CultureInfo.InvariantCulture));
        Compare("fixedRate", rule => rule.FixedRate.ToString("R", CultureInfo.InvariantCulture));
        Compare("reservoirSize", rule => rule.ReservoirSize.ToString(CultureInfo.InvariantCulture));
        Compare("serviceName", rule => rule.ServiceName);
        Compare("serviceType", rule => rule.ServiceType);
        Compare("resourceARN", rule => rule.ResourceArn);
        Compare("host", rule => rule.Host);
        Compare("httpMethod", rule => rule.HttpMethod);
        Compare("urlPath", rule => rule.UrlPath);
        return fields;
    }
}
