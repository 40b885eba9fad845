using System.Collections.Concurrent;
using System.Globalization;

namespace Reconciler.Aws.Http;

/// <summary>
/// Stops calling an endpoint that cannot be reached: after <see cref="AwsCircuitBreakerOptions.FailureThreshold"/>
/// connection-level failures in a row (refused, reset, no answer within the attempt timeout) spread over at least
/// <see cref="AwsCircuitBreakerOptions.MinimumOutage"/> with no HTTP answer in between, every further call to it fails at
/// once for <see cref="AwsCircuitBreakerOptions.BreakDuration"/>, then one call probes it again. Any HTTP answer, even a
/// 500 or a throttle, proves the endpoint is there and closes the breaker.
/// </summary>
/// <remarks>
/// Polly 8's circuit breaker only counts a failure ratio over a sampling window: one success inside the window keeps
/// it closed, so an endpoint that dies mid-run is noticed only when the window has slid past the last success, and
/// attempts that each wait out a 20 s timeout never reach its minimum throughput in a short window. "N failures in a
/// row" is what tells a dead endpoint from a flaky one, and it is a few lines, so it is written here.
/// The minimum outage keeps a burst of dropped connections on a busy, healthy endpoint (as the fault tests inject)
/// from opening it: their neighbours answer within milliseconds.
/// </remarks>
internal sealed class EndpointCircuitBreaker(AwsCircuitBreakerOptions options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, EndpointState> endpoints = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Null when a call to <paramref name="endpoint"/> may go ahead; else why it may not.</summary>
    public string? Refusal(string endpoint)
    {
        if (!options.Enabled || !endpoints.TryGetValue(endpoint, out var state))
        {
            return null;
        }

        lock (state)
        {
            if (state.OpenReason is null)
            {
                return null;
            }

            var now = time.GetTimestamp();
            if (!state.Probing && time.GetElapsedTime(state.OpenedAt, now) >= options.EffectiveBreakDuration)
            {
                // Half-open: this one call probes; the others keep failing fast until it comes back.
                state.Probing = true;
                return null;
            }

            return state.OpenReason;
        }
    }

    /// <summary>An HTTP answer came back from <paramref name="endpoint"/>: it is reachable.</summary>
    public void OnAnswer(string endpoint)
    {
        if (endpoints.TryGetValue(endpoint, out var state))
        {
            lock (state)
            {
                state.Reset();
            }
        }
    }

    /// <summary>
    /// A connection-level failure of <paramref name="operation"/> against <paramref name="endpoint"/>. Returns the
    /// one line that says the endpoint is given up when this failure opened the breaker; else null.
    /// </summary>
    /// <param name="cause">What went wrong, e.g. "connection refused".</param>
    public string? OnConnectionFailure(string endpoint, string operation, string cause)
    {
        if (!options.Enabled)
        {
            return null;
        }

        var state = endpoints.GetOrAdd(endpoint, _ => new EndpointState());
        lock (state)
        {
            var now = time.GetTimestamp();
            if (state.OpenReason is not null)
            {
                // A failed probe: stay open for another break.
                state.OpenedAt = now;
                state.Probing = false;
                return null;
            }

            if (state.Failures++ == 0)
            {
                state.FirstFailureAt = now;
            }

            var outage = time.GetElapsedTime(state.FirstFailureAt, now);
            if (state.Failures < options.FailureThreshold || outage < options.EffectiveMinimumOutage)
            {
                return null;
            }

            state.OpenReason = string.Create(
                CultureInfo.InvariantCulture,
                $"Cannot reach {endpoint} ({operation}): {cause}; gave up after {state.Failures} attempts in {outage.TotalSeconds:0.0} s. Check that the endpoint is up and that --endpoint-url / AWS_ENDPOINT_URL point at it.");
            state.OpenedAt = now;
            return state.OpenReason;
        }
    }

    private sealed class EndpointState
    {
        public int Failures { get; set; }

        public long FirstFailureAt { get; set; }

        public string? OpenReason { get; set; }

        public long OpenedAt { get; set; }

        public bool Probing { get; set; }

        public void Reset()
        {
            Failures = 0;
            OpenReason = null;
            Probing = false;
        }
    }
}
