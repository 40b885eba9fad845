using Polly;
using Polly.Retry;

namespace Reconciler.Aws.Http;

/// <summary>Builds the Polly retry pipeline: exponential backoff with full jitter, capped, only for retryable errors.</summary>
internal static class RetryPipeline
{
    public static ResiliencePipeline Create(AwsRetryOptions options, TimeProvider timeProvider, Func<double> nextJitter)
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = timeProvider };
        if (options.MaxAttempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxAttempts - 1,
                ShouldHandle = new PredicateBuilder().Handle<AwsServiceException>(error => error.Kind != AwsErrorKind.Terminal),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(
                    FullJitterDelay(args.AttemptNumber, options.EffectiveBaseDelay, options.EffectiveMaxDelay, nextJitter())),
            });
        }

        return builder.Build();
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
