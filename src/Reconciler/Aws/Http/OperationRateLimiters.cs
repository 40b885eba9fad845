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
    /// The limiter's bucket for <paramref name="limit"/>. A bucket never holds more than its burst, so refilling
    /// PerSecond tokens once a second would cap the rate at the burst whenever the burst is the smaller (60/s with
    /// burst 3 would run at 3/s). Instead it refills at most a burst's worth at a time, as often as the rate needs.
    /// </summary>
    internal static TokenBucketRateLimiterOptions BucketOptions(RateLimit limit)
    {
        var perSecond = Math.Max(1, limit.PerSecond);
        var burst = Math.Max(1, limit.Burst);
        var tokensPerPeriod = Math.Min(perSecond, burst);
        return new TokenBucketRateLimiterOptions
        {
            TokenLimit = burst,
            TokensPerPeriod = tokensPerPeriod,
            ReplenishmentPeriod = TimeSpan.FromSeconds((double)tokensPerPeriod / perSecond),
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
