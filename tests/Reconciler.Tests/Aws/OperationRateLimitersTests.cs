using System.Diagnostics;
using Reconciler.Aws;
using Reconciler.Aws.Http;

namespace Reconciler.Tests.Aws;

public sealed class OperationRateLimitersTests
{
    [Theory]
    [InlineData(3, 3, 1, 333.3333)]
    [InlineData(10, 40, 1, 100)]
    [InlineData(60, 3, 1, 16.6667)]
    [InlineData(300, 15, 1, 3.3333)]
    public void BucketOptions_AnyRateAndBurst_RefillsOneTokenAtATimeAtTheRate(int perSecond, int burst, int tokensPerPeriod, double periodMilliseconds)
    {
        var options = OperationRateLimiters.BucketOptions(new RateLimit(perSecond, burst));

        Assert.Equal((burst, tokensPerPeriod), (options.TokenLimit, options.TokensPerPeriod));
        Assert.Equal(periodMilliseconds, options.ReplenishmentPeriod.TotalMilliseconds, precision: 3);
        Assert.Equal(perSecond, options.TokensPerPeriod / options.ReplenishmentPeriod.TotalSeconds, precision: 1);
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
