using System.Globalization;
using Amazon.Runtime;
using Reconciler.Aws;

namespace Reconciler.Tests.Aws;

/// <summary>
/// The transport against real sockets that fail the ways endpoints fail: accepted and never answered, refused, HTTP
/// 500, throttled with Retry-After, busy (409), and a signature refused for a wrong clock. Backoff is a millisecond and
/// attempt timeouts are short, so every test ends fast; nothing asserts on how long anything took.
/// </summary>
public sealed class AwsTransportFailureTests
{
    private const string NoFunctions = "{\"Functions\":[]}";

    [Fact]
    public async Task SendAsync_EndpointNeverAnswers_EachAttemptTimesOutAndTheCallFailsTransient()
    {
        await using var silent = LocalEndpoint.Silent();
        using var aws = Clients(silent.Url, options => options with
        {
            AttemptTimeout = TimeSpan.FromMilliseconds(200),
            Retry = options.Retry with { MaxTransientAttempts = 2 },
        });

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => ListFunctionsAsync(aws));

        Assert.Equal("RequestTimeout", error.ErrorCode);
        Assert.Equal(AwsErrorKind.Transient, error.Kind);
        Assert.Contains($"No answer from {Authority(silent.Url)} within 0.2 s", error.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("gave up after 2 attempts", error.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(2, Attempts(aws, "ListFunctions"));
        Assert.Equal(2, await silent.AcceptedOnceSettledAsync(2));
    }

    [Fact]
    public async Task SendAsync_EndpointNeverAnswers_BreakerOpensAndLaterCallsAreNotSent()
    {
        await using var silent = LocalEndpoint.Silent();
        using var aws = Clients(silent.Url, options => options with
        {
            AttemptTimeout = TimeSpan.FromMilliseconds(200),
            CircuitBreaker = new AwsCircuitBreakerOptions(MinimumOutage: TimeSpan.Zero),
        });

        var first = await Assert.ThrowsAsync<AwsServiceException>(() => ListFunctionsAsync(aws));
        var accepted = await silent.AcceptedOnceSettledAsync(3);
        var second = await Assert.ThrowsAsync<AwsServiceException>(() => aws.ApiGateway.GetRestApisAsync(CancellationToken.None).ToListAsync().AsTask());

        Assert.Equal("EndpointUnreachable", first.ErrorCode);
        Assert.Equal(AwsErrorKind.Terminal, first.Kind);
        Assert.StartsWith(
            $"Cannot reach {Authority(silent.Url)} (lambda ListFunctions): no answer within 0.2 s; gave up after 3 attempts in ",
            first.ErrorMessage,
            StringComparison.Ordinal);
        Assert.Equal(3, Attempts(aws, "ListFunctions"));
        Assert.Equal(3, accepted);
        Assert.Equal("EndpointUnreachable", second.ErrorCode);
        Assert.StartsWith("Not sent. Cannot reach", second.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(accepted, silent.Accepted);
    }

    [Fact]
    public async Task SendAsync_ClosedPort_FailsConnectionRefusedAfterTheTransientAttempts()
    {
        var closed = LocalEndpoint.ClosedPort();
        using var aws = Clients(closed, options => options);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => ListFunctionsAsync(aws));

        Assert.Equal("ConnectionFailure", error.ErrorCode);
        Assert.Equal(AwsErrorKind.Transient, error.Kind);
        Assert.Contains($"Could not reach {Authority(closed)}", error.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("gave up after 4 attempts", error.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(4, Attempts(aws, "ListFunctions"));
    }

    [Fact]
    public async Task SendAsync_ClosedPort_BreakerGivesUpWithOneLineNamingEndpointOperationAndCause()
    {
        var closed = LocalEndpoint.ClosedPort();
        using var aws = Clients(closed, options => options with { CircuitBreaker = new AwsCircuitBreakerOptions(MinimumOutage: TimeSpan.Zero) });

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => ListFunctionsAsync(aws));
        var later = await Assert.ThrowsAsync<AwsServiceException>(() => aws.Sts.GetCallerIdentityAsync(CancellationToken.None));

        Assert.Equal("EndpointUnreachable", error.ErrorCode);
        Assert.Equal(AwsErrorKind.Terminal, error.Kind);
        Assert.StartsWith(
            $"Cannot reach {Authority(closed)} (lambda ListFunctions): connection refused; gave up after 3 attempts in ",
            error.ErrorMessage,
            StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.ErrorMessage);
        Assert.Equal(3, Attempts(aws, "ListFunctions"));
        Assert.Equal("EndpointUnreachable", later.ErrorCode);
        Assert.Equal(1, Attempts(aws, "GetCallerIdentity"));
    }

    [Fact]
    public async Task SendAsync_Http500Always_StopsAfterTheTransientAttemptsAndNeverOpensTheBreaker()
    {
        await using var server = LocalEndpoint.Answering((_, _) =>
            LocalEndpoint.Response(500, "{\"__type\":\"ServiceException\",\"message\":\"boom\"}", ("Content-Type", "application/json")));
        using var aws = Clients(server.Url, options => options with { CircuitBreaker = new AwsCircuitBreakerOptions(MinimumOutage: TimeSpan.Zero) });

        var first = await Assert.ThrowsAsync<AwsServiceException>(() => ListFunctionsAsync(aws));
        var second = await Assert.ThrowsAsync<AwsServiceException>(() => ListFunctionsAsync(aws));

        Assert.Equal("ServiceException", first.ErrorCode);
        Assert.Equal(AwsErrorKind.Transient, first.Kind);
        Assert.Equal(500, first.StatusCode);
        Assert.Contains("gave up after 4 attempts", first.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal("ServiceException", second.ErrorCode);
        Assert.Equal(8, Attempts(aws, "ListFunctions"));
        Assert.Equal(8, server.Accepted);
    }

    [Fact]
    public async Task SendAsync_ThrottledWithRetryAfter_ErrorCarriesTheAskedWait()
    {
        await using var server = LocalEndpoint.Answering((_, _) => LocalEndpoint.Response(
            429,
            "{\"message\":\"Rate exceeded\",\"Reason\":\"CallerRateLimitExceeded\"}",
            ("x-amzn-ErrorType", "TooManyRequestsException"),
            ("Retry-After", "7")));
        using var aws = Clients(server.Url, options => options with { Retry = options.Retry with { MaxAttempts = 1 } });

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => ListFunctionsAsync(aws));

        Assert.Equal(AwsErrorKind.Throttling, error.Kind);
        Assert.Equal(TimeSpan.FromSeconds(7), error.RetryAfter);
    }

    [Fact]
    public async Task SendAsync_LambdaUpdateInProgress_RetriesTheConflictUntilItClears()
    {
        await using var server = LocalEndpoint.Answering((request, _) => request <= 2
            ? LocalEndpoint.Response(409, UpdateInProgress, ("x-amzn-ErrorType", "ResourceConflictException"))
            : LocalEndpoint.Response(200, NoFunctions));
        using var aws = Clients(server.Url, options => options);

        var functions = await ListFunctionsAsync(aws);

        Assert.Empty(functions);
        Assert.Equal(3, server.Accepted);
    }

    [Fact]
    public async Task SendAsync_ConflictOutlastsTheRetries_FailsWithTheServiceErrorCodeUnchanged()
    {
        await using var server = LocalEndpoint.Answering((_, _) =>
            LocalEndpoint.Response(409, UpdateInProgress, ("x-amzn-ErrorType", "ResourceConflictException")));
        using var aws = Clients(server.Url, options => options with { Retry = options.Retry with { MaxAttempts = 3 } });

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => ListFunctionsAsync(aws));

        Assert.Equal("ResourceConflictException", error.ErrorCode);
        Assert.Equal(AwsErrorKind.Conflict, error.Kind);
        Assert.Equal(409, error.StatusCode);
        Assert.Equal(3, server.Accepted);
    }

    [Fact]
    public async Task SendAsync_SignatureExpiredByOurClock_RetriesOnceSignedWithTheServersTime()
    {
        var serverTime = DateTimeOffset.UtcNow.AddHours(1);
        await using var server = LocalEndpoint.Answering((request, _) => request == 1
            ? LocalEndpoint.Response(
                403,
                "{\"message\":\"Signature expired: 20250101T000000Z is now earlier than 20250101T010000Z (20250101T011500Z - 15 min.)\"}",
                ("x-amzn-ErrorType", "InvalidSignatureException"),
                ("Date", serverTime.ToString("r", CultureInfo.InvariantCulture)))
            : LocalEndpoint.Response(200, NoFunctions));
        using var aws = Clients(server.Url, options => options);

        await ListFunctionsAsync(aws);

        Assert.Equal(2, server.Requests.Count);
        var signedAt = DateTimeOffset.ParseExact(AmzDate(server.Requests[1]), "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        Assert.InRange(signedAt, serverTime.AddMinutes(-2), serverTime.AddMinutes(2));
    }

    [Fact]
    public async Task SendAsync_SignatureRefusedButClocksAgree_IsFinalAtOnce()
    {
        await using var server = LocalEndpoint.Answering((_, _) => LocalEndpoint.Response(
            403,
            "{\"message\":\"The request signature we calculated does not match the signature you provided.\"}",
            ("x-amzn-ErrorType", "InvalidSignatureException"),
            ("Date", DateTimeOffset.UtcNow.ToString("r", CultureInfo.InvariantCulture))));
        using var aws = Clients(server.Url, options => options);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => ListFunctionsAsync(aws));

        Assert.Equal("InvalidSignatureException", error.ErrorCode);
        Assert.Equal(AwsErrorKind.Terminal, error.Kind);
        Assert.Equal(1, server.Accepted);
    }

    private const string UpdateInProgress =
        "{\"Type\":\"User\",\"message\":\"The operation cannot be performed at this time. An update is in progress for resource: arn:aws:lambda:us-east-1:123456789012:function:f\"}";

    private static IAwsClients Clients(Uri endpoint, Func<AwsClientOptions, AwsClientOptions> tweak) =>
        AwsClients.Create(tweak(new AwsClientOptions
        {
            Region = "us-east-1",
            EndpointUrl = endpoint,
            Credentials = new BasicAWSCredentials("x", "x"),
            RateLimits = AwsRateLimitOptions.Disabled,
            AttemptTimeout = TimeSpan.FromSeconds(10),
            Retry = new AwsRetryOptions(MaxAttempts: 8, BaseDelay: TimeSpan.FromMilliseconds(1), MaxDelay: TimeSpan.FromMilliseconds(5)),
            CircuitBreaker = new AwsCircuitBreakerOptions(Enabled: false),
        }));

    private static async Task<List<FunctionConfiguration>> ListFunctionsAsync(IAwsClients aws) =>
        await aws.Lambda.ListFunctionsAsync(includePublishedVersions: false, CancellationToken.None).ToListAsync();

    private static long Attempts(IAwsClients aws, string operation) =>
        aws.Counters.Snapshot().Single(count => count.Operation == operation).Attempts;

    private static string Authority(Uri url) => url.GetLeftPart(UriPartial.Authority);

    private static string AmzDate(string requestHead) =>
        requestHead.Split("\r\n").Single(line => line.StartsWith("X-Amz-Date:", StringComparison.OrdinalIgnoreCase))["X-Amz-Date:".Length..].Trim();
}
