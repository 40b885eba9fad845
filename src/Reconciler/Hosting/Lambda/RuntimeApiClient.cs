using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace Reconciler.Hosting.Lambda;

/// <summary>
/// <see cref="IRuntimeApiClient"/> over HTTP. AWS_LAMBDA_RUNTIME_API is "host:port" of a local endpoint that only
/// Lambda serves, so the client has no retries: any failure means the sandbox is going away.
/// </summary>
internal sealed class RuntimeApiClient : IRuntimeApiClient, IDisposable
{
    private const string ErrorTypeHeader = "Lambda-Runtime-Function-Error-Type";
    private readonly HttpClient http;

    /// <summary>Creates a client for <paramref name="runtimeApi"/> ("host:port", the value of AWS_LAMBDA_RUNTIME_API).</summary>
    public RuntimeApiClient(string runtimeApi)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runtimeApi);
        http = new HttpClient(new SocketsHttpHandler { UseProxy = false })
        {
            BaseAddress = new Uri($"http://{runtimeApi}/2018-06-01/"),

            // "next" blocks until Lambda has an event, which can be hours for a scheduled function.
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    /// <inheritdoc/>
    public async Task<NextInvocation> GetNextInvocationAsync(CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync("runtime/invocation/next", cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new RuntimeApiException(
                $"The Lambda Runtime API answered {(int)response.StatusCode} to 'next': {body}", (int)response.StatusCode);
        }

        var requestId = Header(response, "Lambda-Runtime-Aws-Request-Id")
            ?? throw new RuntimeApiException("The Lambda Runtime API sent an event without Lambda-Runtime-Aws-Request-Id.");
        var deadlineText = Header(response, "Lambda-Runtime-Deadline-Ms");
        if (!long.TryParse(deadlineText, NumberStyles.None, CultureInfo.InvariantCulture, out var deadlineMs))
        {
            throw new RuntimeApiException(
                $"The Lambda Runtime API sent event {requestId} with Lambda-Runtime-Deadline-Ms '{deadlineText}', which is not a Unix time in milliseconds.");
        }

        return new NextInvocation(
            requestId,
            DateTimeOffset.FromUnixTimeMilliseconds(deadlineMs),
            Header(response, "Lambda-Runtime-Trace-Id"),
            Header(response, "Lambda-Runtime-Invoked-Function-Arn"),
            body);
    }

    /// <inheritdoc/>
    public Task PostResponseAsync(string requestId, string responseJson, CancellationToken cancellationToken) =>
        PostAsync($"runtime/invocation/{Uri.EscapeDataString(requestId)}/response", responseJson, errorType: null, cancellationToken);

    /// <inheritdoc/>
    public Task PostErrorAsync(string requestId, LambdaError error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(error);
        return PostAsync($"runtime/invocation/{Uri.EscapeDataString(requestId)}/error", error.ToJson(), error.ErrorType, cancellationToken);
    }

    /// <inheritdoc/>
    public Task PostInitErrorAsync(LambdaError error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(error);
        return PostAsync("runtime/init/error", error.ToJson(), error.ErrorType, cancellationToken);
    }

    /// <inheritdoc/>
    public void Dispose() => http.Dispose();

    private async Task PostAsync(string path, string json, string? errorType, CancellationToken cancellationToken)
    {
        using var content = new StringContent(json, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        if (errorType is not null)
        {
            request.Headers.TryAddWithoutValidation(ErrorTypeHeader, errorType);
        }

        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new RuntimeApiException(
                $"The Lambda Runtime API answered {(int)response.StatusCode} to POST {path}: {body}", (int)response.StatusCode);
        }
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
