using Reconciler.Aws;
using Reconciler.Policies;

namespace Reconciler.Discovery;

/// <summary>Turns a policy selector into the tagging API query that finds its candidates server-side.</summary>
internal static class SelectorQuery
{
    /// <summary>
    /// GetResources input: every selector key becomes a TagFilter (AND across keys, OR across a key's values), which
    /// is exactly the selector's rule. "apigateway" is asked for as a whole service so that both REST APIs and
    /// stages come back; the ARN tells them apart.
    /// </summary>
    public static GetResourcesRequest For(ResourceSelector selector)
    {
        var filters = selector.Tags
            .OrderBy(tag => tag.Key, StringComparer.Ordinal)
            .Select(tag => new TagFilter(tag.Key, [.. tag.Value.Order(StringComparer.Ordinal)]))
            .ToList();
        var types = selector.ResourceTypes
            .Select(type => type switch
            {
                ResourceType.LambdaFunction => "lambda:function",
                ResourceType.ApiGatewayStage => "apigateway",
                _ => throw new ArgumentOutOfRangeException(nameof(selector), type, "unknown resource type"),
            })
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
        return new GetResourcesRequest(filters, types);
    }

    /// <summary>True when the tags satisfy the selector's tag rule (<see cref="ResourceSelector.TagMismatch"/>).</summary>
    public static bool Matches(ResourceSelector selector, IReadOnlyDictionary<string, string> tags) =>
        selector.TagMismatch(tags) is null;
}
