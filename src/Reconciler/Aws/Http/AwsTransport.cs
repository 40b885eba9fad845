using System.Net;
using Amazon.Runtime;
using Polly;

namespace Reconciler.Aws.Http;

/// <summary>
/// Sends one operation through the shared stack: retry (Polly) -> rate limiter -> SigV4 signing ->
/// [WrapTransport] -> SocketsHttpHandler, counting every call and attempt. Successful bodies come back as text;
/// failures become <see cref="AwsServiceException"/>.
/// </summary>
internal sealed class AwsTransport : IDisposable
{
    private readonly HttpClient httpClient;
    private readonly ResiliencePipeline retryPipeline;
    private readonly OperationRateLimiters rateLimiters;
    private readonly AwsClientOptions options;

    public AwsTransport(AwsClientOptions options, AWSCredentials credentials, ApiCallCounters counters)
    {
        this.options = options;
        Counters = counters;
        HttpMessageHandler transport = new SocketsHttpHandler
        {
            // Redirects below the signer would be sent with a stale signature; AWS APIs do not redirect anyway.
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.All,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };
        if (options.WrapTransport is { } wrap)
        {
            transport = wrap(transport);
        }

        // The service name is set per request (SigningServiceKey), so one signer serves all six services.
        var signer = SigningHandlerFactory.Create(credentials, options.Region, "sts", transport);
        httpClient = new HttpClient(signer, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        retryPipeline = RetryPipeline.Create(options.Retry, options.TimeProvider, options.NextJitter ?? Random.Shared.NextDouble);
        rateLimiters = new OperationRateLimiters(options.RateLimits);
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
        var baseUrl = EndpointFor(operation.Service).GetLeftPart(UriPartial.Path).TrimEnd('/');
        var attempt = 0;
        try
        {
            return await retryPipeline.ExecuteAsync(
                async token =>
                {
                    if (attempt++ > 0)
                    {
                        counter.Retry();
                    }

                    counter.Attempt();
                    try
                    {
                        return await AttemptAsync(operation, baseUrl, buildRequest, token);
                    }
                    catch (AwsServiceException error) when (error.Kind == AwsErrorKind.Throttling)
                    {
                        counter.Throttle();
                        throw;
                    }
                },
                cancellationToken);
        }
        catch (AwsServiceException error)
        {
            // "Not found" on a read is an answer (the dashboard does not exist yet), not a failure worth counting.
            if (operation.IsWrite || !IsNotFound(error.ErrorCode))
            {
                counter.Failure();
            }

            throw;
        }
    }

    private static bool IsNotFound(string errorCode) =>
        errorCode is "ResourceNotFound" or "ResourceNotFoundException" or "NotFoundException";

    private async Task<AwsResponse> AttemptAsync(
        AwsOperation operation,
        string baseUrl,
        Func<string, HttpRequestMessage> buildRequest,
        CancellationToken cancellationToken)
    {
        using var lease = await rateLimiters.AcquireAsync(operation.RateGroup, cancellationToken);
        using var attemptTimeout = new CancellationTokenSource(options.AttemptTimeout, options.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, attemptTimeout.Token);
        using var request = buildRequest(baseUrl);
        request.Options.Set(SigningHandlerFactory.ServiceKey, operation.Service.SigningName);
        try
        {
            using var response = await httpClient.SendAsync(request, HttpCompletionOption.ResponseContentRead, linked.Token);
            var body = await response.Content.ReadAsStringAsync(linked.Token);
            var status = (int)response.StatusCode;
            if (status is >= 200 and < 300)
            {
                var requestId = response.Headers.TryGetValues("x-amzn-RequestId", out var ids) ? ids.FirstOrDefault() : null;
                return new AwsResponse(status, body, requestId);
            }

            throw AwsErrorParser.Parse(operation.Service.SigningName, operation.Name, status, response.Headers, body);
        }
        catch (OperationCanceledException error) when (!cancellationToken.IsCancellationRequested)
        {
            throw new AwsServiceException(
                operation.Service.SigningName,
                operation.Name,
                "RequestTimeout",
                $"No answer from {request.RequestUri?.Host} within {options.AttemptTimeout.TotalSeconds:0.#} s.",
                null,
                null,
                AwsErrorKind.Transient,
                error);
        }
        catch (AmazonClientException error)
        {
            // The signer resolves credentials on every send; an expired SSO session or unreachable IMDS lands here.
            throw new AwsServiceException(
                operation.Service.SigningName,
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
            throw new AwsServiceException(
                operation.Service.SigningName,
                operation.Name,
                "ConnectionFailure",
                $"Could not reach {request.RequestUri?.GetLeftPart(UriPartial.Authority)}: {error.Message}",
                null,
                null,
                AwsErrorKind.Transient,
                error);
        }
    }

    public void Dispose()
    {
        httpClient.Dispose();
        rateLimiters.Dispose();
    }
}
