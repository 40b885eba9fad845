using Reconciler.Kinds.TraceGroups;
using Reconciler.Planning;

namespace Reconciler.Kinds.SamplingRules;

/// <summary>
/// Which requests a policy's one sampling rule matches. A rule has one ServiceName pattern (at most 64 characters,
/// wildcards * and ?), and API Gateway names a stage's service "&lt;api name&gt;/&lt;stage&gt;". So a policy with one
/// stage gets that exact name; a policy with several gets their longest common start followed by *, provided that
/// start is not empty and matches no stage another policy selects (which would then be sampled by this policy's rule).
/// Otherwise one rule cannot select just the policy's stages, and none is written.
/// </summary>
internal static class SamplingRuleMatch
{
    /// <summary>The model's maximum ServiceName length.</summary>
    public const int MaxServiceNameLength = 64;

    /// <summary>The ServiceName pattern for <paramref name="stages"/>, or null and the reason none fits.</summary>
    public static (string? Pattern, string? Refusal) For(IReadOnlyList<ObservedStage> stages, IEnumerable<ObservedStage> othersStages)
    {
        ArgumentNullException.ThrowIfNull(stages);
        var names = stages.Select(TraceGroupFilter.StageNodeName).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (names.Count == 0)
        {
            return (null, "it selects no REST API stage, and only API Gateway stages use X-Ray sampling rules (Lambda's sampling, the first request each second and 5% of the rest, cannot be configured)");
        }

        if (names.Count == 1 && names[0].Length <= MaxServiceNameLength && names[0].IndexOfAny(['*', '?']) < 0)
        {
            return (names[0], null);
        }

        var common = CommonStart(names);
        if (common.Length > MaxServiceNameLength - 1)
        {
            common = common[..(MaxServiceNameLength - 1)];
        }

        if (common.Length == 0)
        {
            return (null, $"its stages ({string.Join(", ", names)}) share no common start, so one ServiceName pattern would match every stage in the account; give the APIs a common name prefix, or split the policy");
        }

        var pattern = common + "*";
        var caught = othersStages.Select(TraceGroupFilter.StageNodeName)
            .Where(name => name.StartsWith(common, StringComparison.Ordinal) && !names.Contains(name, StringComparer.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        return caught.Count == 0
            ? (pattern, null)
            : (null, $"the pattern its stages share, {pattern}, also matches {string.Join(", ", caught)}, which other policies select, so those stages would be sampled by this policy's rule; give the APIs distinct name prefixes, or split the policy");
    }

    private static string CommonStart(List<string> sortedNames)
    {
        var (first, last) = (sortedNames[0], sortedNames[^1]);
        var length = 0;
        while (length < first.Length && length < last.Length && first[length] == last[length] && first[length] is not ('*' or '?'))
        {
            length++;
        }

        return first[..length];
    }
}
