namespace Reconciler.Testing.Faults;

/// <summary>
/// The account's rate quotas as token buckets, one per <see cref="QuotaRule.Group"/>, shared by every handler (and so
/// every client) that uses this table, just as AWS counts every caller in the account.
/// </summary>
/// <remarks>
/// Time compression: the buckets run on virtual time, <c>virtual = real elapsed × timeCompression</c>, where real
/// elapsed time comes from the injected <see cref="TimeProvider"/>. With a factor of 10 every bucket refills ten
/// times faster in real time, so a run bound by PutMetricAlarm's 3/s finishes in a tenth of the real time while
/// <see cref="VirtualElapsed"/> still reports what it would take in AWS. The bound a run cannot beat is
/// <see cref="MinimumVirtualDuration"/>: the slowest bucket's (n − burst) / rate, in virtual seconds.
/// </remarks>
public sealed class QuotaTable
{
    private readonly long _startTimestamp;
    private readonly (QuotaRule Rule, TokenBucket Bucket)[] _buckets;

    /// <summary>Creates the table; virtual time starts at zero now.</summary>
    /// <param name="timeProvider">The clock (a FakeTimeProvider in unit tests).</param>
    /// <param name="timeCompression">How many virtual seconds pass per real second; 1 is real time.</param>
    /// <param name="rules">The quotas; <see cref="QuotaRule.Documented"/> when null.</param>
    public QuotaTable(TimeProvider timeProvider, double timeCompression = 1, IReadOnlyList<QuotaRule>? rules = null)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        if (!(timeCompression > 0) || double.IsInfinity(timeCompression))
        {
            throw new ArgumentOutOfRangeException(
                nameof(timeCompression), timeCompression, "The time-compression factor must be a finite number above 0 (1 = real time).");
        }

        TimeProvider = timeProvider;
        TimeCompression = timeCompression;
        Rules = rules ?? QuotaRule.Documented;
        foreach (var rule in Rules)
        {
            if (!(rule.RequestsPerSecond > 0) || rule.Burst < 1)
            {
                throw new ArgumentException(
                    $"Quota rule '{rule.Group}' needs RequestsPerSecond > 0 and Burst >= 1; it has {rule.RequestsPerSecond}/s, burst {rule.Burst}.",
                    nameof(rules));
            }
        }

        _buckets = Rules.Select(r => (r, new TokenBucket(r.RequestsPerSecond, r.Burst))).ToArray();
        _startTimestamp = timeProvider.GetTimestamp();
    }

    /// <summary>The clock the buckets (and the fault handler's delays) run on.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>Virtual seconds per real second.</summary>
    public double TimeCompression { get; }

    /// <summary>The quotas in force.</summary>
    public IReadOnlyList<QuotaRule> Rules { get; }

    /// <summary>Virtual time since the table was created: real elapsed time × <see cref="TimeCompression"/>.</summary>
    public TimeSpan VirtualElapsed => TimeProvider.GetElapsedTime(_startTimestamp) * TimeCompression;

    /// <summary>The rule <paramref name="operation"/> counts against, or null when it has no quota here.</summary>
    public QuotaRule? RuleFor(AwsOperation operation) =>
        Array.Find(_buckets, b => b.Rule.Covers(operation)).Rule;

    /// <summary>
    /// Takes a token for <paramref name="operation"/> from its bucket. False means the request is over quota and
    /// must be answered with a throttling error. Operations without a quota are always admitted.
    /// </summary>
    public bool TryAcquire(AwsOperation operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        var index = Array.FindIndex(_buckets, b => b.Rule.Covers(operation));
        return index < 0 || _buckets[index].Bucket.TryTake(VirtualElapsed.TotalSeconds);
    }

    /// <summary>Converts a virtual duration (what AWS would take) into the real time it takes under compression.</summary>
    public TimeSpan ToReal(TimeSpan virtualDuration) => virtualDuration / TimeCompression;

    /// <summary>
    /// The shortest virtual time in which the quotas allow the given admitted requests: per group,
    /// (n − burst) / rate with n the requests admitted by that group's bucket (see
    /// <see cref="QuotaRule.MinimumDuration"/>); groups refill in parallel, so the bound is the largest of them.
    /// Compare it with <see cref="VirtualElapsed"/> to see how close a run came to the quota limit.
    /// </summary>
    public TimeSpan MinimumVirtualDuration(IEnumerable<OperationCounts> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        return counts
            .Select(c => (Rule: RuleFor(c.Operation), c.QuotaAdmitted))
            .Where(x => x.Rule is not null)
            .GroupBy(x => x.Rule!.Group)
            .Select(g => g.First().Rule!.MinimumDuration(g.Sum(x => x.QuotaAdmitted)))
            .DefaultIfEmpty(TimeSpan.Zero)
            .Max();
    }
}
