using Reconciler.Aws;
using Reconciler.Aws.Http;

namespace Reconciler.Tests.Aws;

public sealed class RetryPipelineTests
{
    private static readonly AwsRetryOptions Options = new(MaxAttempts: 8, BaseDelay: TimeSpan.FromMilliseconds(100), MaxDelay: TimeSpan.FromSeconds(10), MaxTransientAttempts: 3, MaxElapsed: TimeSpan.FromSeconds(30));

    [Theory]
    // kind, attempts made, elapsed s, Retry-After s (-1: none), jitter, expected delay ms (-1: give up); a transient
    // error's attempts are all transient failures here, except where the two throttles before it are said.
    [InlineData(nameof(AwsErrorKind.Terminal), 1, 0, -1, 0.5, -1)]
    [InlineData(nameof(AwsErrorKind.Transient), 1, 0, -1, 0.5, 50)]
    [InlineData(nameof(AwsErrorKind.Transient), 2, 0, -1, 0.5, 100)]
    [InlineData(nameof(AwsErrorKind.Transient), 3, 0, -1, 0.5, -1)]
    [InlineData(nameof(AwsErrorKind.Throttling), 3, 0, -1, 0.5, 200)]
    [InlineData(nameof(AwsErrorKind.Throttling), 7, 0, -1, 0.5, 3200)]
    [InlineData(nameof(AwsErrorKind.Throttling), 8, 0, -1, 0.5, -1)]
    [InlineData(nameof(AwsErrorKind.Conflict), 7, 0, -1, 0.5, 3200)]
    [InlineData(nameof(AwsErrorKind.Conflict), 8, 0, -1, 0.5, -1)]
    // Retry-After wins over a shorter backoff, is capped at MaxDelay, and never shortens the backoff.
    [InlineData(nameof(AwsErrorKind.Throttling), 1, 0, 3, 0.5, 3000)]
    [InlineData(nameof(AwsErrorKind.Throttling), 1, 0, 60, 0.5, 10000)]
    [InlineData(nameof(AwsErrorKind.Throttling), 7, 0, 0, 0.5, 3200)]
    // The time budget: no retry whose wait ends past 30 s after the call began.
    [InlineData(nameof(AwsErrorKind.Throttling), 2, 29, -1, 0.5, 100)]
    [InlineData(nameof(AwsErrorKind.Throttling), 2, 30, -1, 0.5, -1)]
    [InlineData(nameof(AwsErrorKind.Throttling), 1, 25, 6, 0.5, -1)]
    public void NextDelay_KindAttemptsBudgetAndRetryAfter_WaitsOrGivesUp(string kindName, int attemptsMade, double elapsedSeconds, double retryAfterSeconds, double jitter, double expectedMs)
    {
        var kind = Enum.Parse<AwsErrorKind>(kindName);
        var error = new AwsServiceException("lambda", "ListFunctions", "Code", "message", 400, null, kind)
        {
            RetryAfter = retryAfterSeconds < 0 ? null : TimeSpan.FromSeconds(retryAfterSeconds),
        };

        var delay = RetryPipeline.NextDelay(error, attemptsMade, kind == AwsErrorKind.Transient ? attemptsMade : 0, TimeSpan.FromSeconds(elapsedSeconds), Options, jitter);

        Assert.Equal(expectedMs < 0 ? null : TimeSpan.FromMilliseconds(expectedMs), delay);
    }

    [Theory]
    [InlineData(3, 1, 200)]
    [InlineData(4, 2, 400)]
    [InlineData(5, 3, -1)]
    public void NextDelay_TransientAfterThrottles_OnlyTransientFailuresUseTheTransientBudget(int attemptsMade, int transientFailures, double expectedMs)
    {
        var error = new AwsServiceException("monitoring", "PutMetricAlarm", "ServiceUnavailable", "down", 503, null, AwsErrorKind.Transient);

        var delay = RetryPipeline.NextDelay(error, attemptsMade, transientFailures, TimeSpan.Zero, Options, 0.5);

        Assert.Equal(expectedMs < 0 ? null : TimeSpan.FromMilliseconds(expectedMs), delay);
    }

    [Theory]
    [InlineData(8, null, 4)]
    [InlineData(2, null, 2)]
    [InlineData(8, 6, 6)]
    [InlineData(3, 6, 3)]
    public void EffectiveMaxTransientAttempts_Options_NeverExceedsMaxAttempts(int maxAttempts, int? transient, int expected)
    {
        Assert.Equal(expected, new AwsRetryOptions(MaxAttempts: maxAttempts, MaxTransientAttempts: transient).EffectiveMaxTransientAttempts);
    }
}
