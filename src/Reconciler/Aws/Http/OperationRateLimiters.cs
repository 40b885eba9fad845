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

        var limiter = limiters.GetOrAdd(group, _ => new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, limit.Burst),
            TokensPerPeriod = Math.Max(1, limit.PerSecond),
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        }));

        var lease = await limiter.AcquireAsync(1, cancellationToken);
        if (!lease.IsAcquired)
        {
            lease.Dispose();
            throw new InvalidOperationException($"The client-side rate limiter of '{group}' refused a request; its queue is full.");
        }

        return lease;
    }

    public void Dispose()
    {
        foreach (var limiter in limiters.Values)
        {
            limiter.Dispose();
        }
    }
}
