using System.Collections.Concurrent;

namespace Reconciler.Aws.Http;

/// <summary>
/// The signing clock offset per endpoint, learnt from the Date header of an answer that refused our signature time.
/// AWSSDK.Core keeps such offsets in a process-wide store (<c>CorrectClockSkew</c>) that only its own service clients
/// fill; <c>AWSConfigs.ManualClockCorrection</c> is a process-wide static. The signer does take an explicit signing
/// time (<c>AWSSigV4Parameters.SignedAt</c>), so the transport keeps its own offsets and signs with now + offset.
/// </summary>
internal sealed class ClockCorrections(TimeProvider time)
{
    /// <summary>
    /// The Clock Skew Correction specification's detection threshold (AWSSDK.Core
    /// <c>ClockSkewCalculator.SkewDetectionThreshold</c>): AWS accepts signatures up to 5 minutes off, so a smaller
    /// difference is network delay, not a wrong clock.
    /// </summary>
    public static TimeSpan Threshold { get; } = TimeSpan.FromMinutes(4);

    private readonly ConcurrentDictionary<string, TimeSpan> offsets = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The signing time for a request to <paramref name="endpoint"/>: null (the signer's own clock) when no offset is known.</summary>
    public DateTime? SigningTimeFor(string endpoint) =>
        offsets.TryGetValue(endpoint, out var offset) ? (time.GetUtcNow() + offset).UtcDateTime : null;

    /// <summary>
    /// Records the offset of <paramref name="endpoint"/> when <paramref name="serverDate"/> is more than
    /// <see cref="Threshold"/> from <paramref name="receivedAt"/>; returns the offset, or null when the clocks agree
    /// (or the server sent no date), in which case a retry would be refused again.
    /// </summary>
    public TimeSpan? Learn(string endpoint, DateTimeOffset? serverDate, DateTimeOffset receivedAt)
    {
        if (Measure(serverDate, receivedAt) is not { } skew)
        {
            return null;
        }

        offsets[endpoint] = skew;
        return skew;
    }

    /// <summary>Server time minus local time when that passes <see cref="Threshold"/>; else null.</summary>
    public static TimeSpan? Measure(DateTimeOffset? serverDate, DateTimeOffset receivedAt)
    {
        if (serverDate is not { } server)
        {
            return null;
        }

        var skew = server - receivedAt;
        return skew.Duration() > Threshold ? skew : null;
    }
}
