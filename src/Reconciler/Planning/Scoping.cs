using Reconciler.Policies;

namespace Reconciler.Planning;

/// <summary>
/// The resources one policy manages: those discovery returned for it that still pass the selector when checked
/// here (so a sloppy discovery can never widen scope) and that no exclusion removes.
/// </summary>
/// <param name="Scope">The observed scope, or null when observation has none for this policy.</param>
/// <param name="Functions">Selected functions, sorted by name.</param>
/// <param name="Stages">Selected stages, sorted by "api/stage".</param>
/// <param name="Excluded">Resources the policy considered and left out, with the reason.</param>
internal sealed record PolicySelection(
    ObservabilityPolicy Policy,
    PolicyScope? Scope,
    IReadOnlyList<ObservedFunction> Functions,
    IReadOnlyList<ObservedStage> Stages,
    IReadOnlyList<ResourceAssessment> Excluded)
{
    /// <summary>Why this policy's owned alarms must not be pruned this run, or null when pruning is safe.</summary>
    public string? IncompleteReason => Scope switch
    {
        null => "discovery returned no scope for this policy",
        { Complete: false } scope => scope.IncompleteReason ?? "discovery of its resources was incomplete",
        _ => null,
    };
}

/// <summary>Applies a policy's selector and exclusions to what discovery returned.</summary>
internal static class Scoping
{
    /// <summary>Splits the observed scope of <paramref name="policy"/> into selected and excluded resources.</summary>
    public static PolicySelection Select(ObservabilityPolicy policy, PolicyScope? scope)
    {
        var functions = new List<ObservedFunction>();
        var stages = new List<ObservedStage>();
        var excluded = new List<ResourceAssessment>();
        var seen = new HashSet<string>(StringComparer.Ordinal);

        Sort(scope?.Functions ?? [], ResourceType.LambdaFunction, f => f.Arn, f => f.FunctionName, f => f.Tags, functions);
        Sort(scope?.Stages ?? [], ResourceType.ApiGatewayStage, s => s.Arn, s => s.DisplayName, s => s.Tags, stages);

        // Selected resources go to `selected`, excluded ones become assessments with the reason; duplicates are dropped.
        void Sort<T>(
            IEnumerable<T> resources,
            ResourceType type,
            Func<T, string> arnOf,
            Func<T, string> nameOf,
            Func<T, IReadOnlyDictionary<string, string>> tagsOf,
            List<T> selected)
        {
            foreach (var resource in resources)
            {
                if (!seen.Add(arnOf(resource)))
                {
                    continue;
                }

                if (WhyExcluded(policy.Selector, type, nameOf(resource), tagsOf(resource)) is { } reason)
                {
                    excluded.Add(new ResourceAssessment(policy.Name, type, arnOf(resource), nameOf(resource), ResourceState.Excluded, reason));
                }
                else
                {
                    selected.Add(resource);
                }
            }
        }

        return new PolicySelection(
            policy,
            scope,
            [.. functions.OrderBy(f => f.FunctionName, StringComparer.Ordinal).ThenBy(f => f.Arn, StringComparer.Ordinal)],
            [.. stages.OrderBy(s => s.DisplayName, StringComparer.Ordinal).ThenBy(s => s.Arn, StringComparer.Ordinal)],
            excluded);
    }

    /// <summary>Null when the resource is in scope; otherwise a reason a person can act on.</summary>
    internal static string? WhyExcluded(
        ResourceSelector selector, ResourceType type, string name, IReadOnlyDictionary<string, string> tags)
    {
        if (!selector.ResourceTypes.Contains(type))
        {
            return $"resource type {PolicyVocabulary.ResourceTypeName(type)} is not in the selector's resourceTypes";
        }

        if (selector.Tags.Count == 0 && !selector.MatchAll)
        {
            return "the selector has no tags and matchAll is not set, so it selects nothing";
        }

        if (selector.TagMismatch(tags) is { } mismatch)
        {
            return $"discovery returned it, but {mismatch}";
        }

        foreach (var pattern in selector.Exclude.Names)
        {
            if (Glob.IsMatch(pattern, name))
            {
                return $"excluded by name: '{name}' matches exclude.names glob '{pattern}'";
            }
        }

        foreach (var (key, value) in selector.Exclude.Tags.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            if (tags.TryGetValue(key, out var actual) && string.Equals(actual, value, StringComparison.Ordinal))
            {
                return $"excluded by tag: {key}={value} matches exclude.tags";
            }
        }

        return null;
    }
}
