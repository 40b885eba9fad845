using Microsoft.Extensions.Time.Testing;
using Reconciler.Aws;
using Reconciler.Aws.Http;

namespace Reconciler.Tests.Aws;

public sealed class EndpointCircuitBreakerTests
{
    private const string Endpoint = "https://lambda.us-east-1.amazonaws.com";

    [Fact]
    public void OnConnectionFailure_ThreeInARowOverTheMinimumOutage_OpensWithOneLine()
    {
        var time = new FakeTimeProvider();
        var breaker = new EndpointCircuitBreaker(new AwsCircuitBreakerOptions(), time);

        Assert.Null(breaker.OnConnectionFailure(Endpoint, "lambda ListFunctions", "connection refused"));
        time.Advance(TimeSpan.FromMilliseconds(600));
        Assert.Null(breaker.OnConnectionFailure(Endpoint, "lambda ListFunctions", "connection refused"));
        time.Advance(TimeSpan.FromMilliseconds(600));
        var opened = breaker.OnConnectionFailure(Endpoint, "lambda ListFunctions", "connection refused");

        Assert.StartsWith($"Cannot reach {Endpoint} (lambda ListFunctions): connection refused; gave up after 3 attempts in 1.2 s.", opened, StringComparison.Ordinal);
        Assert.Equal(opened, breaker.Refusal(Endpoint));
        Assert.Null(breaker.Refusal("https://monitoring.us-east-1.amazonaws.com"));
    }

    [Fact]
    public void OnConnectionFailure_BurstFasterThanTheMinimumOutage_StaysClosed()
    {
        var time = new FakeTimeProvider();
        var breaker = new EndpointCircuitBreaker(new AwsCircuitBreakerOptions(), time);

        for (var i = 0; i < 5; i++)
        {
            Assert.Null(breaker.OnConnectionFailure(Endpoint, "lambda ListFunctions", "connection reset"));
            time.Advance(TimeSpan.FromMilliseconds(100));
        }

        Assert.Null(breaker.Refusal(Endpoint));
    }

    [Fact]
    public void OnAnswer_BetweenFailures_StartsTheCountAgain()
    {
        var time = new FakeTimeProvider();
        var breaker = new EndpointCircuitBreaker(new AwsCircuitBreakerOptions(MinimumOutage: TimeSpan.Zero), time);

        breaker.OnConnectionFailure(Endpoint, "op", "connection refused");
        breaker.OnConnectionFailure(Endpoint, "op", "connection refused");
        breaker.OnAnswer(Endpoint);
        breaker.OnConnectionFailure(Endpoint, "op", "connection refused");
        breaker.OnConnectionFailure(Endpoint, "op", "connection refused");

        Assert.Null(breaker.Refusal(Endpoint));
    }

    [Fact]
    public void Refusal_AfterTheBreak_LetsOneProbeThroughAndAnAnswerCloses()
    {
        var time = new FakeTimeProvider();
        var breaker = new EndpointCircuitBreaker(new AwsCircuitBreakerOptions(MinimumOutage: TimeSpan.Zero, BreakDuration: TimeSpan.FromSeconds(30)), time);
        for (var i = 0; i < 3; i++)
        {
            breaker.OnConnectionFailure(Endpoint, "op", "connection refused");
        }

        time.Advance(TimeSpan.FromSeconds(30));
        var probe = breaker.Refusal(Endpoint);
        var other = breaker.Refusal(Endpoint);
        breaker.OnAnswer(Endpoint);

        Assert.Null(probe);
        Assert.NotNull(other);
        Assert.Null(breaker.Refusal(Endpoint));
    }

    [Fact]
    public void OnConnectionFailure_Disabled_NeverOpens()
    {
        var breaker = new EndpointCircuitBreaker(new AwsCircuitBreakerOptions(Enabled: false, MinimumOutage: TimeSpan.Zero), new FakeTimeProvider());

        for (var i = 0; i < 10; i++)
        {
            Assert.Null(breaker.OnConnectionFailure(Endpoint, "op", "connection refused"));
        }

        Assert.Null(breaker.Refusal(Endpoint));
    }
}
