namespace Reconciler.Aws;

/// <summary>
/// Per-run call counts from counters that live as long as the clients: a Lambda sandbox keeps one client set (its HTTP
/// pool, rate limiters and endpoint breaker) for every invocation, so a run reports what changed since it started.
/// </summary>
internal static class ApiCallCounts
{
    /// <summary>
    /// <paramref name="now"/> minus <paramref name="before"/>, per operation; operations with no call in between are
    /// left out. Sorted by service, then operation, as snapshots are.
    /// </summary>
    public static IReadOnlyList<ApiCallCount> Since(IReadOnlyList<ApiCallCount> now, IReadOnlyList<ApiCallCount> before)
    {
        ArgumentNullException.ThrowIfNull(now);
        ArgumentNullException.ThrowIfNull(before);
        var earlier = before.ToDictionary(count => (count.Service, count.Operation));
        return [.. now
            .Select(count => earlier.TryGetValue((count.Service, count.Operation), out var then)
                ? count with
                {
                    Calls = count.Calls - then.Calls,
                    Attempts = count.Attempts - then.Attempts,
                    Retries = count.Retries - then.Retries,
                    Throttles = count.Throttles - then.Throttles,
                    Failures = count.Failures - then.Failures,
                }
                : count)
            .Where(count => count.Attempts > 0 || count.Calls > 0)
            .OrderBy(count => count.Service, StringComparer.Ordinal)
            .ThenBy(count => count.Operation, StringComparer.Ordinal)];
    }
}
