using System.Diagnostics;
using Reconciler.Aws;
using Reconciler.Aws.Http;

namespace Reconciler.Tests.Aws;

public sealed class OperationRateLimitersTests
{
    [Theory]
    [InlineData(3, 3, 1, 334)]
    [InlineData(10, 40, 1, 100)]
    [InlineData(15, 15, 1, 67)]
    [InlineData(60, 3, 3, 50)]
    [InlineData(60, 1, 1, 17)]
    [InlineData(300, 15, 3, 10)]
    public void BucketOptions_AnyRateAndBurst_RefillsInWholeMillisecondsNeverAboveTheRate(int perSecond, int burst, int tokensPerPeriod, double periodMilliseconds)
    {
        var options = OperationRateLimiters.BucketOptions(new RateLimit(perSecond, burst));

        Assert.Equal((burst, tokensPerPeriod), (options.TokenLimit, options.TokensPerPeriod));
        Assert.Equal(periodMilliseconds, options.ReplenishmentPeriod.TotalMilliseconds, precision: 3);
        // Never faster than the quota, and no more than 2 % slower.
        Assert.InRange(options.TokensPerPeriod / options.ReplenishmentPeriod.TotalSeconds, perSecond * 0.98, perSecond);
    }

    [Fact]
    public async Task AcquireAsync_RateAboveBurst_PacesAtTheRateNotAtTheBurst()
    {
        // 100/s with a burst of 2: 22 requests need about 0.2 s. A bucket that refilled once a second would take 10 s.
        using var limiters = new OperationRateLimiters(new AwsRateLimitOptions(true, new Dictionary<string, RateLimit> { ["g"] = new(100, 2) }));
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 22; i++)
        {
            using var lease = await limiters.AcquireAsync("g", CancellationToken.None);
            Assert.NotNull(lease);
        }

        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.15), TimeSpan.FromSeconds(3));
    }
}
