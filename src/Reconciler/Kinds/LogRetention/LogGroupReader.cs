using Reconciler.Aws;
using Reconciler.Discovery;

namespace Reconciler.Kinds.LogRetention;

/// <summary>
/// Reads the log groups whose retention policies manage, in batches: the groups under Lambda's default prefix with one
/// DescribeLogGroups listing by their longest common name prefix (at least "/aws/lambda/"; 50 groups a page), each
/// custom group (a function's LoggingConfig.LogGroup elsewhere) by its own name. A name the listings covered but did
/// not return does not exist; the names of a listing that failed are left out of the answer, so the planner treats
/// them as not observed and changes nothing there.
/// </summary>
internal sealed class LogGroupReader(IAccountReader aws)
{
    private const string LambdaPrefix = "/aws/lambda/";

    /// <summary>The log groups named <paramref name="names"/>, and the listings that failed.</summary>
    public async Task<(IReadOnlyDictionary<string, ObservedLogGroup?> Groups, IReadOnlyList<ObservationFailure> Failures)> ReadAsync(
        IReadOnlyCollection<string> names, CancellationToken cancellationToken)
    {
        var groups = new Dictionary<string, ObservedLogGroup?>(StringComparer.Ordinal);
        var failures = new List<ObservationFailure>();
        foreach (var (prefix, covered) in Listings(names))
        {
            var listing = await Listing<IReadOnlyDictionary<string, ObservedLogGroup>>.CaptureAsync(
                async ct =>
                {
                    var found = new Dictionary<string, ObservedLogGroup>(StringComparer.Ordinal);
                    await foreach (var group in aws.DescribeLogGroupsAsync(prefix, ct))
                    {
                        found[group.LogGroupName] = new ObservedLogGroup(group.LogGroupName, WithoutWildcard(group.Arn), group.RetentionInDays);
                    }

                    return found;
                },
                new Dictionary<string, ObservedLogGroup>(),
                $"CloudWatch Logs DescribeLogGroups {prefix}",
                cancellationToken);
            if (listing.Failure is { } failure)
            {
                failures.Add(failure);
                continue;
            }

            foreach (var name in covered)
            {
                groups[name] = listing.Items.GetValueOrDefault(name);
            }
        }

        return (groups, failures);
    }

    /// <summary>The prefixes to list and the names each one answers for, in prefix order.</summary>
    internal static IReadOnlyList<(string Prefix, IReadOnlyList<string> Names)> Listings(IEnumerable<string> names)
    {
        var distinct = names.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var underLambda = distinct.Where(name => name.StartsWith(LambdaPrefix, StringComparison.Ordinal)).ToList();
        var listings = distinct.Except(underLambda, StringComparer.Ordinal)
            .Select(name => (Prefix: name, Names: (IReadOnlyList<string>)[name]))
            .ToList();
        if (underLambda.Count > 0)
        {
            listings.Add((CommonPrefix(underLambda), underLambda));
        }

        return [.. listings.OrderBy(listing => listing.Prefix, StringComparer.Ordinal)];
    }

    private static string CommonPrefix(List<string> names)
    {
        // The names are sorted, so the first and last share the prefix every name shares.
        var (first, last) = (names[0], names[^1]);
        var length = 0;
        while (length < first.Length && length < last.Length && first[length] == last[length])
        {
            length++;
        }

        return first[..length];
    }

    // DescribeLogGroups' "arn" ends in ":*"; tags and reports name the group without it.
    private static string? WithoutWildcard(string? arn) =>
        arn is not null && arn.EndsWith(":*", StringComparison.Ordinal) ? arn[..^2] : arn;
}
