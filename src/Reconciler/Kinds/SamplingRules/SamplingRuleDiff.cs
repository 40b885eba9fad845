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

    /// <summary>The diff of the rule named <paramref name="desired"/>.RuleName for <paramref name="policyName"/>.</summary>
    public static KindDiff Diff(string ruleName, XRaySamplingRule? desired, ObservedSamplingRule? observed, string policyName, string owner)
    {
        if (observed is null)
        {
            return desired is null ? new KindDiff.InSync() : new KindDiff.Create(Fields(null, desired));
        }

        var tags = observed.Tags ?? throw new ArgumentException("a rule whose tags were not read cannot be diffed", nameof(observed));
        var standing = XRayOwnedObject.StandingOf(tags, owner, out var taggedPolicy);
        var ours = standing == Standing.Ours && string.Equals(taggedPolicy, policyName, StringComparison.Ordinal);
        if (desired is null)
        {
            return ours ? new KindDiff.Delete(Fields(observed.Rule, null), new OwnershipClaim(policyName, owner)) : new KindDiff.InSync();
        }

        if (!ours)
        {
            return new KindDiff.Conflict(ConflictKind.NotOwned, standing == Standing.Unmarked
                ? $"A sampling rule named {ruleName} already exists and was not made by this reconciler (it lacks the tags {OwnershipMarker.ManagedByTagKey}={OwnershipMarker.ManagerName}, {OwnershipMarker.OwnerTagKey}={owner}, {OwnershipMarker.PolicyTagKey}={policyName}); it is left alone and policy {policyName} gets no rule. Delete or rename that rule, or add the tags if the reconciler should adopt it."
                : $"The sampling rule {ruleName} that policy {policyName} would use is tagged for {(standing == Standing.Ours ? $"policy {taggedPolicy}" : "another deployment of the reconciler")}; it is left alone. Rename the policy, or give the deployments different alarm name prefixes.");
        }

        var fields = Fields(observed.Rule, desired);
        return fields.Count == 0 ? new KindDiff.InSync() : new KindDiff.Update(fields, Claim: null);
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
