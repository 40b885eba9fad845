using System.Globalization;
using Reconciler.Aws;
using Reconciler.Planning;
using Reconciler.Policies;

namespace Reconciler.Discovery;

/// <summary>
/// Reads what one function's aliases serve: ListAliases, then, only when there is an alias, ListVersionsByFunction for
/// the TracingConfig each published version was published with.
/// </summary>
/// <remarks>
/// Cost, and why it is only called for some functions: Lambda has no batched alias listing (ListFunctions with
/// FunctionVersion=ALL lists versions, not aliases, and multiplies ListFunctions' pages by the versions kept: 1,000
/// functions with 20 versions each would be 420 pages a run instead of 20). So discovery calls this only for a
/// function whose $LATEST tracing differs from what a policy wants, i.e. in the run that plans its tracing write:
/// 1 ListAliases per such function, plus ceil((versions + 1) / 50) ListVersionsByFunction pages when it has aliases.
/// A converged account (no tracing drift) pays nothing: steady state on 1,000 functions stays 20 ListFunctions pages.
/// The price is that a later run, with $LATEST already right, does not look again: see <see cref="ScopeDiscovery"/>.
/// </remarks>
internal static class AliasReader
{
    /// <summary>Reads the routes. AWS failures become <see cref="ObservedAliases.Failure"/>, never exceptions.</summary>
    public static async Task<ObservedAliases> ReadAsync(IAwsClients aws, string functionName, CancellationToken cancellationToken)
    {
        var aliases = await Listing<IReadOnlyList<AliasConfiguration>>.CaptureAsync(
            async ct =>
            {
                var found = new List<AliasConfiguration>();
                await foreach (var alias in aws.Lambda.ListAliasesAsync(functionName, ct))
                {
                    found.Add(alias);
                }

                return found;
            },
            [],
            $"Lambda ListAliases of {functionName}",
            cancellationToken);
        if (aliases.Failure is { } aliasFailure)
        {
            return new ObservedAliases([], aliasFailure.Message);
        }

        if (aliases.Items.Count == 0)
        {
            return new ObservedAliases([]);
        }

        var versions = await Listing<IReadOnlyDictionary<string, string>>.CaptureAsync(
            async ct =>
            {
                var byVersion = new Dictionary<string, string>(StringComparer.Ordinal);
                await foreach (var version in aws.Lambda.ListVersionsByFunctionAsync(functionName, ct))
                {
                    if (version.Version is { } number)
                    {
                        byVersion[number] = version.TracingMode;
                    }
                }

                return byVersion;
            },
            new Dictionary<string, string>(),
            $"Lambda ListVersionsByFunction of {functionName}",
            cancellationToken);
        if (versions.Failure is { } versionFailure)
        {
            return new ObservedAliases([], versionFailure.Message);
        }

        return new ObservedAliases(Routes(aliases.Items, versions.Items));
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
