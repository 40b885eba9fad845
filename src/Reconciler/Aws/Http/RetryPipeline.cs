using Polly;
using Polly.Retry;

namespace Reconciler.Aws.Http;

/// <summary>
/// Builds the Polly retry pipeline: exponential backoff with full jitter, capped, only for retryable errors, within
/// the call's attempt and time budget, waiting at least as long as a Retry-After header asked.
/// </summary>
internal static class RetryPipeline
{
    /// <summary>The context property that holds when the call began (a <see cref="TimeProvider"/> timestamp).</summary>
    public static ResiliencePropertyKey<long> StartedAt { get; } = new("reconciler.startedAt");

    private static readonly ResiliencePropertyKey<TimeSpan> NextDelayKey = new("reconciler.nextDelay");

    private static readonly ResiliencePropertyKey<int> TransientFailuresKey = new("reconciler.transientFailures");

    public static ResiliencePipeline Create(AwsRetryOptions options, TimeProvider timeProvider, Func<double> nextJitter)
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = timeProvider };
        if (options.MaxAttempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxAttempts - 1,
                ShouldHandle = args =>
                {
                    if (args.Outcome.Exception is not AwsServiceException error)
                    {
                        return ValueTask.FromResult(false);
                    }

                    var elapsed = args.Context.Properties.TryGetValue(StartedAt, out var startedAt)
                        ? timeProvider.GetElapsedTime(startedAt)
                        : TimeSpan.Zero;
                    // Throttles do not use up the transient budget: a call throttled twice may still ride out a 503.
                    var transientFailures = args.Context.Properties.GetValue(TransientFailuresKey, 0)
                        + (error.Kind == AwsErrorKind.Transient ? 1 : 0);
                    args.Context.Properties.Set(TransientFailuresKey, transientFailures);
                    var delay = NextDelay(error, args.AttemptNumber + 1, transientFailures, elapsed, options, nextJitter());
                    if (delay is { } wait)
                    {
                        args.Context.Properties.Set(NextDelayKey, wait);
                    }

                    return ValueTask.FromResult(delay is not null);
                },
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(
                    args.Context.Properties.TryGetValue(NextDelayKey, out var delay) ? delay : TimeSpan.Zero),
            });
        }

        return builder.Build();
    }

    /// <summary>
    /// How long to wait before the next attempt, or null when the call should fail now: the error is terminal, its
    /// kind has used up its attempts, or the wait would end past the call's time budget.
    /// </summary>
    /// <param name="attemptsMade">Attempts made so far, 1 after the first.</param>
    /// <param name="transientFailures">How many of them ended in a transient error.</param>
    /// <param name="elapsed">Time since the first attempt began.</param>
    /// <param name="jitter">A number in [0, 1).</param>
    public static TimeSpan? NextDelay(AwsServiceException error, int attemptsMade, int transientFailures, TimeSpan elapsed, AwsRetryOptions options, double jitter)
    {
        var outOfAttempts = error.Kind switch
        {
            AwsErrorKind.Throttling or AwsErrorKind.Conflict => attemptsMade >= options.MaxAttempts,
            AwsErrorKind.Transient => attemptsMade >= options.MaxAttempts || transientFailures >= options.EffectiveMaxTransientAttempts,
            _ => true,
        };
        if (outOfAttempts)
        {
            return null;
        }

        var delay = FullJitterDelay(attemptsMade - 1, options.EffectiveBaseDelay, options.EffectiveMaxDelay, jitter);
        if (error.RetryAfter is { } asked)
        {
            // The service knows better than our backoff how long it needs; never wait longer than the cap though,
            // and never less than the backoff: a "Retry-After: 0" from a busy service must not start a tight loop.
            var honoured = asked < options.EffectiveMaxDelay ? asked : options.EffectiveMaxDelay;
            delay = honoured > delay ? honoured : delay;
        }

        return elapsed + delay > options.EffectiveMaxElapsed ? null : delay;
    }

    /// <summary>
    /// "Full jitter" (AWS Architecture Blog, Exponential Backoff and Jitter): a uniform pick in
    /// [0, min(cap, base * 2^retry)), which spreads competing clients out better than a fixed exponential.
    /// </summary>
    /// <param name="retryIndex">0 for the first retry.</param>
    /// <param name="jitter">A number in [0, 1).</param>
    public static TimeSpan FullJitterDelay(int retryIndex, TimeSpan baseDelay, TimeSpan maxDelay, double jitter)
    {
        var exponent = Math.Min(retryIndex, 30);
        var ceiling = Math.Min(maxDelay.TotalMilliseconds, baseDelay.TotalMilliseconds * Math.Pow(2, exponent));
        return TimeSpan.FromMilliseconds(ceiling * Math.Clamp(jitter, 0, 1));
    }
}
