namespace Reconciler.Aws;

/// <summary>How a failed call should be treated.</summary>
internal enum AwsErrorKind
{
    /// <summary>The service asked us to slow down (Throttling, TooManyRequestsException, HTTP 429, …): retry later.</summary>
    Throttling,

    /// <summary>5xx, timeouts, dropped connections: retry.</summary>
    Transient,

    /// <summary>
    /// The resource is busy (Lambda 409 ResourceConflictException while an update is in progress, API Gateway
    /// ConflictException): retry with backoff, as long as throttling; a conflict that outlasts the retries is final.
    /// </summary>
    Conflict,

    /// <summary>Access denied, validation, not found, conflicts: retrying cannot help.</summary>
    Terminal,
}

/// <summary>A call that AWS (or the network on the way) refused, with everything needed to report it.</summary>
internal sealed class AwsServiceException(
    string service,
    string operation,
    string errorCode,
    string message,
    int? statusCode,
    string? requestId,
    AwsErrorKind kind,
    Exception? innerException = null)
    : Exception($"{service} {operation} failed: {errorCode}: {message}", innerException)
{
    /// <summary>The service, e.g. "lambda", "monitoring".</summary>
    public string Service { get; } = service;

    /// <summary>The operation, e.g. "PutMetricAlarm".</summary>
    public string Operation { get; } = operation;

    /// <summary>The AWS error code, e.g. "ThrottlingException", or a client-side code such as "RequestTimeout".</summary>
    public string ErrorCode { get; } = errorCode;

    /// <summary>AWS's message, without the code.</summary>
    public string ErrorMessage { get; } = message;

    /// <summary>The HTTP status, when a response arrived.</summary>
    public int? StatusCode { get; } = statusCode;

    /// <summary>The x-amzn-RequestId (or equivalent) of the failed response.</summary>
    public string? RequestId { get; } = requestId;

    /// <summary>Throttling, transient, conflict or terminal.</summary>
    public AwsErrorKind Kind { get; } = kind;

    /// <summary>How long the service asked us to wait (the Retry-After header of a 429 or 503), when it said.</summary>
    public TimeSpan? RetryAfter { get; init; }
}
