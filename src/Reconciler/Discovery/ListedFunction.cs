using Reconciler.Aws;

namespace Reconciler.Discovery;

/// <summary>
/// One function as ListFunctions lists it: its $LATEST configuration (with the unqualified ARN) and, when published
/// versions were listed, the TracingConfig.Mode each published version keeps, by version number (else empty).
/// </summary>
internal sealed record ListedFunction(FunctionConfiguration Latest, IReadOnlyDictionary<string, string> PublishedTracing)
{
    private const string LatestVersion = "$LATEST";

    private static readonly IReadOnlyDictionary<string, string> NoVersions = new Dictionary<string, string>();

    /// <summary>
    /// Groups ListFunctions entries by function: the $LATEST entry (Version "$LATEST", or absent when versions were
    /// not asked for) is the function, the others are its published versions. A function listed only by published
    /// versions (its $LATEST entry missing from a listing that raced a deletion) is left out.
    /// </summary>
    public static IReadOnlyDictionary<string, ListedFunction> Group(IEnumerable<FunctionConfiguration> entries)
    {
        var latest = new Dictionary<string, FunctionConfiguration>(StringComparer.Ordinal);
        var published = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (entry.Version is null or LatestVersion)
            {
                latest[entry.FunctionName] = entry with { FunctionArn = UnqualifiedArn(entry.FunctionArn) };
                continue;
            }

            if (!published.TryGetValue(entry.FunctionName, out var versions))
            {
                versions = new Dictionary<string, string>(StringComparer.Ordinal);
                published[entry.FunctionName] = versions;
            }

            versions[entry.Version] = entry.TracingMode;
        }

        return latest.ToDictionary(
            pair => pair.Key,
            pair => new ListedFunction(pair.Value, published.TryGetValue(pair.Key, out var versions) ? versions : NoVersions),
            StringComparer.Ordinal);
    }

    // The $LATEST entry of a FunctionVersion=ALL listing carries a qualified ARN (…:function:name:$LATEST); alarms,
    // reports and the tagging API name the function by its unqualified one.
    private static string UnqualifiedArn(string arn)
    {
        var parts = arn.Split(':');
        return parts.Length > 7 ? string.Join(':', parts[..7]) : arn;
    }
}
