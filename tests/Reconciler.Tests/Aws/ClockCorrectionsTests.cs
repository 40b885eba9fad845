using Microsoft.Extensions.Time.Testing;
using Reconciler.Aws.Http;

namespace Reconciler.Tests.Aws;

public sealed class ClockCorrectionsTests
{
    private static readonly DateTimeOffset Local = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0, null)]
    [InlineData(180, null)]
    [InlineData(-239, null)]
    [InlineData(300, 300)]
    [InlineData(-3600, -3600)]
    public void Measure_ServerDate_OffsetOnlyPastFourMinutes(int serverAheadSeconds, int? expectedSeconds)
    {
        var skew = ClockCorrections.Measure(Local.AddSeconds(serverAheadSeconds), Local);

        Assert.Equal(expectedSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null, skew);
    }

    [Fact]
    public void Learn_SkewedAnswer_SignsLaterRequestsToThatEndpointWithTheServersTime()
    {
        var time = new FakeTimeProvider(Local);
        var clock = new ClockCorrections(time);

        clock.Learn("https://lambda.us-east-1.amazonaws.com", Local.AddHours(1), Local);

        Assert.Equal(Local.AddHours(1).UtcDateTime, clock.SigningTimeFor("https://lambda.us-east-1.amazonaws.com"));
        Assert.Null(clock.SigningTimeFor("https://monitoring.us-east-1.amazonaws.com"));
        Assert.Null(clock.Learn("https://sts.amazonaws.com", null, Local));
    }
}
