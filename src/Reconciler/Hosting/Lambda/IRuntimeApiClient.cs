namespace Reconciler.Hosting.Lambda;

/// <summary>The Lambda Runtime API (version 2018-06-01), one method per call the host makes.</summary>
internal interface IRuntimeApiClient
{
    /// <summary>Long-polls for the next event. Returns when Lambda has one; <paramref name="cancellationToken"/>
    /// ends the wait on shutdown.</summary>
    Task<NextInvocation> GetNextInvocationAsync(CancellationToken cancellationToken);

    /// <summary>Posts the response of invocation <paramref name="requestId"/>.</summary>
    Task PostResponseAsync(string requestId, string responseJson, CancellationToken cancellationToken);

    /// <summary>Posts an invocation error.</summary>
    Task PostErrorAsync(string requestId, LambdaError error, CancellationToken cancellationToken);

    /// <summary>Posts an initialisation error; the process should exit afterwards.</summary>
    Task PostInitErrorAsync(LambdaError error, CancellationToken cancellationToken);
}

/// <summary>The Runtime API answered with an unexpected status, or without a header it must send.</summary>
internal sealed class RuntimeApiException(string message, int? statusCode = null) : Exception(message)
{
    /// <summary>The HTTP status, when there was an answer.</summary>
    public int? StatusCode { get; } = statusCode;
}
