using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;
using Polly;

namespace Reconciler.Aws.Http;

/// <summary>
/// Sends one operation through the shared stack: retry (Polly, within the call's budget) -> endpoint circuit breaker
/// -> rate limiter -> attempt timeout -> SigV4 signing (clock-corrected when AWS said our clock is off) ->
/// [WrapTransport] -> SocketsHttpHandler, counting every call and attempt. Successful bodies come back as text;
/// failures become <see cref="AwsServiceException"/>.
/// </summary>
internal sealed class AwsTransport : IDisposable
{
    private readonly HttpClient httpClient;
    private readonly HttpMessageHandler transport;
    private readonly AWSCredentials credentials;
    private readonly ResiliencePipeline retryPipeline;
    private readonly OperationRateLimiters rateLimiters;
    private readonly EndpointCircuitBreaker breaker;
    private readonly ClockCorrections clock;
    private readonly AwsClientOptions options;

    public AwsTransport(AwsClientOptions options, AWSCredentials credentials, ApiCallCounters counters)
    {
        this.options = options;
        this.credentials = credentials;
        Counters = counters;
        HttpMessageHandler handler = new SocketsHttpHandler
        {
            // Redirects below the signer would be sent with a stale signature; AWS APIs do not redirect anyway.
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.All,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = options.ConnectTimeout,
        };
        if (options.WrapTransport is { } wrap)
        {
            handler = wrap(handler);
        }

        transport = handler;

        // The service name is set per request (SigningServiceKey), so one signer serves all six services.
        var signer = SigningHandlerFactory.Create(credentials, options.Region, "sts", transport);
        httpClient = new HttpClient(signer, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        retryPipeline = RetryPipeline.Create(options.Retry, options.TimeProvider, options.NextJitter ?? Random.Shared.NextDouble);
        rateLimiters = new OperationRateLimiters(options.RateLimits);
        breaker = new EndpointCircuitBreaker(options.CircuitBreaker, options.TimeProvider);
        clock = new ClockCorrections(options.TimeProvider);
    }

    public ApiCallCounters Counters { get; }

    /// <summary>The base URL of <paramref name="service"/>: explicit override, per-service endpoint, or the regional one.</summary>
    public Uri EndpointFor(AwsServiceInfo service) =>
        options.EndpointUrl
        ?? (options.ServiceEndpoints.TryGetValue(service.Service, out var endpoint) ? endpoint : service.RegionalEndpoint(options.Region));

    /// <summary>Sends <paramref name="operation"/>, building a fresh request for every attempt.</summary>
    /// <param name="buildRequest">Builds the request from the service's base URL (no trailing slash).</param>
    public async Task<AwsResponse> SendAsync(
        AwsOperation operation,
        Func<string, HttpRequestMessage> buildRequest,
        CancellationToken cancellationToken)
    {
        var counter = Counters.For(operation.Service.SigningName, operation.Name, operation.IsWrite);
        counter.Call();
        var endpointUri = EndpointFor(operation.Service);
        var baseUrl = endpointUri.GetLeftPart(UriPartial.Path).TrimEnd('/');
        var endpoint = endpointUri.GetLeftPart(UriPartial.Authority);
        var attempt = 0;
        var startedAt = options.TimeProvider.GetTimestamp();
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(RetryPipeline.StartedAt, startedAt);
        try
        {
            return await retryPipeline.ExecuteAsync(
                async (ctx, _) =>
                {
                    if (attempt++ > 0)
                    {
                        counter.Retry();
                    }

                    counter.Attempt();
                    try
                    {
                        return await AttemptAsync(operation, baseUrl, endpoint, buildRequest, ctx.CancellationToken);
                    }
                    catch (AwsServiceException error) when (error.Kind == AwsErrorKind.Throttling)
                    {
                        counter.Throttle();
                        throw;
                    }
                },
                context,
                0);
        }
        catch (AwsServiceException error)
        {
            // "Not found" on a read is an answer (the dashboard does not exist yet), not a failure worth counting.
            if (operation.IsWrite || !IsNotFound(error.ErrorCode))
            {
                counter.Failure();
            }

            if (attempt > 1 && error.Kind != AwsErrorKind.Terminal)
            {
                // Retries used up: say so, so "ThrottlingException" after 8 tries does not read like a first refusal.
                var elapsed = options.TimeProvider.GetElapsedTime(startedAt);
                throw Copy(error, message: string.Create(
                    CultureInfo.InvariantCulture,
                    $"{error.ErrorMessage} (gave up after {attempt} attempts in {elapsed.TotalSeconds:0.0} s)"));
            }

            throw;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private static bool IsNotFound(string errorCode) =>
        errorCode is "ResourceNotFound" or "ResourceNotFoundException" or "NotFoundException";

    private async Task<AwsResponse> AttemptAsync(
        AwsOperation operation,
        string baseUrl,
        string endpoint,
        Func<string, HttpRequestMessage> buildRequest,
        CancellationToken cancellationToken)
    {
        var service = operation.Service.SigningName;
        if (breaker.Refusal(endpoint) is { } refusal)
        {
            throw new AwsServiceException(service, operation.Name, "EndpointUnreachable", "Not sent. " + refusal, null, null, AwsErrorKind.Terminal);
        }

        using var lease = await rateLimiters.AcquireAsync(operation.RateGroup, cancellationToken);
        using var attemptTimeout = new CancellationTokenSource(options.AttemptTimeout, options.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, attemptTimeout.Token);
        using var request = buildRequest(baseUrl);
        request.Options.Set(SigningHandlerFactory.ServiceKey, operation.Service.SigningName);
        var signedAt = clock.SigningTimeFor(endpoint);
        try
        {
            using var response = await SendSignedAsync(request, signedAt, linked.Token);
            breaker.OnAnswer(endpoint);
            var body = await response.Content.ReadAsStringAsync(linked.Token);
            var status = (int)response.StatusCode;
            if (status is >= 200 and < 300)
            {
                var requestId = response.Headers.TryGetValues("x-amzn-RequestId", out var ids) ? ids.FirstOrDefault() : null;
                return new AwsResponse(status, body, requestId);
            }

            var error = AwsErrorParser.Parse(service, operation.Name, status, response.Headers, body);
            throw Refine(error, response, endpoint, correctedAlready: signedAt is not null);
        }
        catch (OperationCanceledException error) when (!cancellationToken.IsCancellationRequested)
        {
            var seconds = options.AttemptTimeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
            throw ConnectionLevel(
                operation,
                endpoint,
                "RequestTimeout",
                $"No answer from {endpoint} within {seconds} s.",
                $"no answer within {seconds} s",
                error);
        }
        catch (AmazonClientException error)
        {
            // The signer resolves credentials on every send; an expired SSO session or unreachable IMDS lands here.
            throw new AwsServiceException(
                service,
                operation.Name,
                "CredentialsUnavailable",
                $"Could not get credentials to sign the request: {error.Message} Refresh them (e.g. 'aws sso login') and retry.",
                null,
                null,
                AwsErrorKind.Terminal,
                error);
        }
        catch (Exception error) when (error is HttpRequestException or IOException)
        {
            throw ConnectionLevel(
                operation,
                endpoint,
                "ConnectionFailure",
                $"Could not reach {endpoint}: {error.Message}",
                Cause(error),
                error);
        }
    }

    private async Task<HttpResponseMessage> SendSignedAsync(HttpRequestMessage request, DateTime? signedAt, CancellationToken cancellationToken)
    {
        if (signedAt is null)
        {
            return await httpClient.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        }

        // A signer with a fixed signing time for this one request. It is not disposed: that would dispose the shared
        // transport below it, and it holds nothing else.
        var invoker = new HttpMessageInvoker(
            SigningHandlerFactory.Create(credentials, options.Region, "sts", transport, signedAt),
            disposeHandler: false);
        var response = await invoker.SendAsync(request, cancellationToken);
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        return response;
    }

    /// <summary>Adds what only the response tells: Retry-After, and whether a signature refusal was our clock.</summary>
    private AwsServiceException Refine(AwsServiceException error, HttpResponseMessage response, string endpoint, bool correctedAlready)
    {
        if (error.Kind is AwsErrorKind.Throttling or AwsErrorKind.Transient && RetryAfter(response) is { } wait)
        {
            error = Copy(error, retryAfter: wait);
        }

        var skewCode = AwsErrorClassifier.IsClockSkewCode(error.ErrorCode);
        var skewWords = AwsErrorClassifier.SaysClockSkew(error.ErrorMessage);
        if (!skewCode && !skewWords)
        {
            return error;
        }

        // As AWSSDK.Core does: a skew code counts as a clock problem only when the server's Date shows one. One
        // corrected retry; if AWS still refuses the corrected time, the cause is elsewhere.
        var now = options.TimeProvider.GetUtcNow();
        var skew = correctedAlready ? null : clock.Learn(endpoint, response.Headers.Date, now);
        if (skew is { } offset)
        {
            var direction = offset > TimeSpan.Zero ? "behind" : "ahead of";
            return Copy(error, AwsErrorKind.Transient, string.Create(
                CultureInfo.InvariantCulture,
                $"{error.ErrorMessage} (this machine's clock is {offset.Duration().TotalMinutes:0} min {direction} {endpoint}'s; retried with the corrected signing time; fix the clock with NTP)"));
        }

        return skewWords
            ? Copy(error, message: error.ErrorMessage + " (AWS refuses signatures more than 5 minutes from its clock: check this machine's clock and time zone, e.g. with NTP)")
            : error;
    }

    private AwsServiceException ConnectionLevel(AwsOperation operation, string endpoint, string code, string message, string cause, Exception inner)
    {
        var label = $"{operation.Service.SigningName} {operation.Name}";
        return breaker.OnConnectionFailure(endpoint, label, cause) is { } gaveUp
            ? new AwsServiceException(operation.Service.SigningName, operation.Name, "EndpointUnreachable", gaveUp, null, null, AwsErrorKind.Terminal, inner)
            : new AwsServiceException(operation.Service.SigningName, operation.Name, code, message, null, null, AwsErrorKind.Transient, inner);
    }

    private static string Cause(Exception error)
    {
        for (var inner = error; inner is not null; inner = inner.InnerException)
        {
            if (inner is SocketException socket)
            {
                return socket.SocketErrorCode switch
                {
                    SocketError.ConnectionRefused => "connection refused",
                    SocketError.ConnectionReset => "connection reset",
                    SocketError.TimedOut => "connection timed out",
                    SocketError.HostNotFound or SocketError.NoData => "host not found",
                    SocketError.NetworkUnreachable or SocketError.HostUnreachable => "network unreachable",
                    _ => socket.Message,
                };
            }
        }

        return error.Message;
    }

    /// <summary>Retry-After as seconds (Lambda and API Gateway send "retryAfterSeconds" there) or as an HTTP date.</summary>
    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        if (response.Headers.RetryAfter is { } header)
        {
            if (header.Delta is { } delta)
            {
                return delta;
            }

            if (header.Date is { } date)
            {
                var wait = date - options.TimeProvider.GetUtcNow();
                return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
            }
        }

        // Fractional seconds are not valid HTTP but cost nothing to accept.
        return response.Headers.TryGetValues("Retry-After", out var values)
            && double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            && seconds is >= 0 and < 86400
            ? TimeSpan.FromSeconds(seconds)
            : null;
    }

    private static AwsServiceException Copy(AwsServiceException error, AwsErrorKind? kind = null, string? message = null, TimeSpan? retryAfter = null) =>
        new(error.Service, error.Operation, error.ErrorCode, message ?? error.ErrorMessage, error.StatusCode, error.RequestId, kind ?? error.Kind, error.InnerException)
        {
            RetryAfter = retryAfter ?? error.RetryAfter,
        };

    public void Dispose()
    {
        httpClient.Dispose();
        rateLimiters.Dispose();
    }
}
