using System.Diagnostics;
using Reconciler.Aws;
using Reconciler.Aws.Http;

namespace Reconciler.Tests.Aws;

public sealed class OperationRateLimitersTests
{
    [Theory]
    [InlineData(3, 3, 3, 1000)]
    [InlineData(10, 40, 10, 1000)]
    [InlineData(60, 3, 3, 50)]
    [InlineData(300, 15, 15, 50)]
    public void BucketOptions_AnyRateAndBurst_RefillsAtTheRateNeverAboveTheBurst(int perSecond, int burst, int tokensPerPeriod, int periodMilliseconds)
    {
        var options = OperationRateLimiters.BucketOptions(new RateLimit(perSecond, burst));

        Assert.Equal((burst, tokensPerPeriod, TimeSpan.FromMilliseconds(periodMilliseconds)), (options.TokenLimit, options.TokensPerPeriod, options.ReplenishmentPeriod));
        Assert.Equal(perSecond, options.TokensPerPeriod / options.ReplenishmentPeriod.TotalSeconds, precision: 6);
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
