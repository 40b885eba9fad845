namespace Reconciler.Testing.Faults;

/// <summary>A thread-safe token bucket over virtual seconds; starts full.</summary>
internal sealed class TokenBucket(double ratePerSecond, double capacity)
{
    private readonly Lock _gate = new();
    private readonly double _capacity = capacity;
    private double _tokens = capacity;
    private double _lastRefill;

    /// <summary>Takes one token at <paramref name="virtualSeconds"/> if one is there.</summary>
    public bool TryTake(double virtualSeconds)
    {
        lock (_gate)
        {
            // Concurrent callers can read the clock in one order and take the lock in another; never refill backwards.
            if (virtualSeconds > _lastRefill)
            {
                _tokens = Math.Min(_capacity, _tokens + ((virtualSeconds - _lastRefill) * ratePerSecond));
                _lastRefill = virtualSeconds;
            }

            if (_tokens < 1)
            {
                return false;
            }

            _tokens -= 1;
            return true;
        }
    }
}
