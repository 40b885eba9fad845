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
    /// The limiter's bucket for <paramref name="limit"/>: a few tokens at a time at the rate, at most the burst saved
    /// up. Refilling PerSecond tokens once a second would cap the rate at the burst whenever the burst is the smaller
    /// (60/s with burst 3 ran at 3/s), and big chunks send requests in clumps that AWS's continuously refilled bucket
    /// throttles. The limiter's timer counts whole milliseconds, so the period is rounded up (a hair under the quota,
    /// never over it) and as many tokens per period are taken, up to the burst, as make that rounding negligible:
    /// 60/s refills 3 tokens every 50 ms rather than 1 every 16 ms (62.5/s, over the quota) or 17 ms (58.8/s).
    /// </summary>
    internal static TokenBucketRateLimiterOptions BucketOptions(RateLimit limit)
    {
        var rate = Math.Max(1, limit.PerSecond);
        var burst = Math.Max(1, limit.Burst);
        var (tokens, milliseconds) = (1, Math.Ceiling(1000.0 / rate));
        for (var candidate = 1; candidate <= burst; candidate++)
        {
            var period = Math.Ceiling(1000.0 * candidate / rate);
            if (period * rate / (1000.0 * candidate) - 1 < 0.005)
            {
                (tokens, milliseconds) = (candidate, period);
                break;
            }
        }

        return new TokenBucketRateLimiterOptions
        {
            TokenLimit = burst,
            TokensPerPeriod = tokens,
            ReplenishmentPeriod = TimeSpan.FromMilliseconds(milliseconds),
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        };
    }

    public void Dispose()
    {
        foreach (var limiter in limiters.Values)
        {
            limiter.Dispose();
        }
    }
}
