using System.Globalization;
using Reconciler.Aws;
using Reconciler.Planning;
using Reconciler.Policies;

namespace Reconciler.Discovery;

/// <summary>
/// Reads what one function's aliases serve: ListAliases, with the tracing of each published version taken from the
/// run's ListFunctions (FunctionVersion=ALL) listing, so no per-version call is needed.
/// </summary>
/// <remarks>
/// Called only for a function that keeps a published version traced otherwise than a policy wants (see
/// <see cref="ScopeDiscovery"/>): only such a version can serve traffic the reconciler cannot fix. One ListAliases
/// (50 aliases a page) per such function and run; a function whose every version is traced as wanted costs nothing.
/// </remarks>
internal static class AliasReader
{
    /// <summary>
    /// Reads the routes. <paramref name="publishedTracing"/> maps each published version to its TracingConfig.Mode; an
    /// alias to a version it lacks (published after the listing) gets a route with unknown tracing. AWS failures become
    /// <see cref="ObservedAliases.Failure"/>, never exceptions.
    /// </summary>
    public static async Task<ObservedAliases> ReadAsync(
        IAccountReader aws, string functionName, IReadOnlyDictionary<string, string> publishedTracing, CancellationToken cancellationToken)
    {
        var aliases = await Listing<IReadOnlyList<AliasConfiguration>>.CaptureAsync(
            async ct =>
            {
                var found = new List<AliasConfiguration>();
                await foreach (var alias in aws.ListAliasesAsync(functionName, ct))
                {
                    found.Add(alias);
                }

                return found;
            },
            [],
            $"Lambda ListAliases of {functionName}",
            cancellationToken);
        return aliases.Failure is { } failure
            ? new ObservedAliases([], failure.Message)
            : new ObservedAliases(Routes(aliases.Items, publishedTracing));
    }

    /// <summary>One route per alias and version it sends traffic to; the primary version gets what the others leave.</summary>
    internal static IReadOnlyList<AliasRoute> Routes(IReadOnlyList<AliasConfiguration> aliases, IReadOnlyDictionary<string, string> tracingByVersion)
    {
        var routes = new List<AliasRoute>();
        foreach (var alias in aliases)
        {
            var others = alias.AdditionalVersionWeights.Where(weight => weight.Key != alias.FunctionVersion).ToList();
            routes.Add(Route(alias.Name, alias.FunctionVersion, 1 - others.Sum(weight => weight.Value), tracingByVersion));
            routes.AddRange(others.Select(weight => Route(alias.Name, weight.Key, weight.Value, tracingByVersion)));
        }

        return [.. routes
            .OrderBy(route => route.AliasName, StringComparer.Ordinal)
            .ThenBy(route => int.TryParse(route.Version, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : int.MaxValue)
            .ThenBy(route => route.Version, StringComparer.Ordinal)];
    }

    private static AliasRoute Route(string alias, string version, double weight, IReadOnlyDictionary<string, string> tracingByVersion) =>
        new(alias, version, tracingByVersion.TryGetValue(version, out var mode) ? ParseTracing(mode) : null, weight);

    /// <summary>Lambda's TracingConfig.Mode: Active, else PassThrough (its default, also when absent).</summary>
    internal static LambdaTracingMode ParseTracing(string mode) =>
        string.Equals(mode, "Active", StringComparison.Ordinal) ? LambdaTracingMode.Active : LambdaTracingMode.PassThrough;
}
