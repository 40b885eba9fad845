using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace Reconciler.Aws.Http;

/// <summary>One token bucket per operation group, so a run never asks faster than the documented quota.</summary>
internal sealed class OperationRateLimiters(AwsRateLimitOptions options) : IDisposable
{
    private readonly ConcurrentDictionary<string, RateLimiter> limiters = new(StringComparer.Ordinal);

    /// <summary>Waits for a token of <paramref name="group"/>; returns a lease to dispose after the attempt is sent.</summary>
    public async ValueTask<RateLimitLease?> AcquireAsync(string? group, CancellationToken cancellationToken)
    {
        if (!options.Enabled || group is null || !options.Groups.TryGetValue(group, out var limit))
        {
            return null;
        }

        var limiter = limiters.GetOrAdd(group, _ => new TokenBucketRateLimiter(BucketOptions(limit)));

        var lease = await limiter.AcquireAsync(1, cancellationToken);
        if (!lease.IsAcquired)
        {
            lease.Dispose();
            throw new InvalidOperationException($"The client-side rate limiter of '{group}' refused a request; its queue is full.");
        }

        return lease;
    }

    /// <summary>
    /// The limiter's bucket for <paramref name="limit"/>: one token every 1/rate seconds, at most the burst saved up.
    /// Refilling PerSecond tokens once a second would cap the rate at the burst whenever the burst is the smaller
    /// (60/s with burst 3 ran at 3/s), and refilling in chunks sends requests in clumps that AWS's continuously
    /// refilled bucket throttles; one token at a time spaces them out as AWS counts them.
    /// </summary>
    internal static TokenBucketRateLimiterOptions BucketOptions(RateLimit limit) => new()
    {
        TokenLimit = Math.Max(1, limit.Burst),
        TokensPerPeriod = 1,
        ReplenishmentPeriod = TimeSpan.FromSeconds(1.0 / Math.Max(1, limit.PerSecond)),
        QueueLimit = int.MaxValue,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        AutoReplenishment = true,
    };

    public void Dispose()
    {
        foreach (var limiter in limiters.Values)
        {
            limiter.Dispose();
        }
    }
}
