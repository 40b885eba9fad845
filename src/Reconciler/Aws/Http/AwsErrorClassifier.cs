namespace Reconciler.Aws.Http;

/// <summary>Decides whether a failed call is throttling, transient, a conflict or terminal, the way the AWS SDKs do.</summary>
/// <remarks>
/// Sources: botocore 1.43 <c>botocore/retries/standard.py</c> (<c>ThrottledRetryableChecker._THROTTLED_ERROR_CODES</c>,
/// <c>TransientRetryableChecker._TRANSIENT_ERROR_CODES</c> and <c>_TRANSIENT_STATUS_CODES</c> = 500, 502, 503, 504),
/// <c>botocore/data/_retry.json</c> (429 and 509 throttle; STS IDPCommunicationError is retried) and AWSSDK.Core 4.1
/// (<c>Amazon.Runtime.RetryPolicy</c>: the same throttling list, and the clock skew codes below). Additions named
/// in the service models (botocore data/&lt;service&gt;/service-2.json) are marked where they are listed.
/// </remarks>
internal static class AwsErrorClassifier
{
    /// <summary>True for the codes that mean "the resource is busy, try again soon" (see ConflictCodes).</summary>
    public static bool IsConflict(string errorCode) => ConflictCodes.Contains(errorCode);

    private static readonly HashSet<string> ThrottlingCodes = new(StringComparer.Ordinal)
    {
        // botocore standard.py _THROTTLED_ERROR_CODES, in its order (AWSSDK.Core has the same list).
        "Throttling",
        "ThrottlingException",
        "ThrottledException",
        "RequestThrottledException",
        "TooManyRequestsException",
        "ProvisionedThroughputExceededException",
        "TransactionInProgressException",
        "RequestLimitExceeded",
        "BandwidthLimitExceeded",
        "LimitExceededException",
        "RequestThrottled",
        "SlowDown",
        "PriorRequestNotComplete",
        "EC2ThrottledException",

        // SNS (sns/2010-03-31): KMSThrottlingException is sent as "KMSThrottling" with HTTP 400, so neither the list
        // above nor the 429 rule catches it; ThrottledException is sent as "Throttled" (with 429).
        "KMSThrottling",
        "Throttled",
    };

    private static readonly HashSet<string> TransientCodes = new(StringComparer.Ordinal)
    {
        // botocore standard.py _TRANSIENT_ERROR_CODES (PriorRequestNotComplete is already throttling above).
        "RequestTimeout",
        "RequestTimeoutException",

        // _retry.json, sts: the identity provider of AssumeRoleWithWebIdentity could not be reached.
        "IDPCommunicationError",

        // Server faults some services send with a 4xx status or none (SNS InternalError is a 500 in its model).
        "InternalError",
        "InternalFailure",
        "ServiceUnavailable",
        "ServiceUnavailableException",

        // Client-side codes of AwsTransport: no answer within the attempt timeout, or the connection failed.
        "ConnectionFailure",
    };

    // Lambda ResourceConflictException (409): "An update is in progress for resource …" while LastUpdateStatus is
    // InProgress; API Gateway ConflictException (409) when another change to the same API is being deployed; the
    // tagging API's ConcurrentModificationException; CloudWatch Logs' OperationAbortedException ("Multiple concurrent
    // requests to update the same resource were in conflict", logs/2014-03-28, CreateLogGroup and PutRetentionPolicy).
    // All clear up by themselves within seconds.
    private static readonly HashSet<string> ConflictCodes = new(StringComparer.Ordinal)
    {
        "ResourceConflictException",
        "ConflictException",
        "ConcurrentModificationException",
        "OperationAbortedException",
    };

    // AWSSDK.Core RetryPolicy.clockSkewErrorCodes. The SDK retries them only when the measured skew passes four
    // minutes, so AccessDeniedException or SignatureDoesNotMatch for a real credential problem stays final.
    private static readonly HashSet<string> ClockSkewCodes = new(StringComparer.Ordinal)
    {
        "RequestTimeTooSkewed",
        "RequestExpired",
        "RequestInTheFuture",
        "InvalidSignatureException",
        "SignatureDoesNotMatch",
        "AuthFailure",
        "AccessDeniedException",
    };

    /// <summary>Classifies a service answer by code and HTTP status.</summary>
    public static AwsErrorKind Classify(string errorCode, int? statusCode, string? message)
    {
        if (errorCode == "LimitExceededException")
        {
            // Lambda and API Gateway also use LimitExceededException for hard limits (e.g. "too many stages");
            // only a 429, or a message that talks about rate, means slow down.
            return statusCode == 429 || (message?.Contains("rate", StringComparison.OrdinalIgnoreCase) ?? false)
                ? AwsErrorKind.Throttling
                : AwsErrorKind.Terminal;
        }

        if (statusCode is 429 or 509 || ThrottlingCodes.Contains(errorCode))
        {
            return AwsErrorKind.Throttling;
        }

        if (IsConflict(errorCode))
        {
            return AwsErrorKind.Conflict;
        }

        if (statusCode is 500 or 502 or 503 or 504 || TransientCodes.Contains(errorCode))
        {
            return AwsErrorKind.Transient;
        }

        return AwsErrorKind.Terminal;
    }

    /// <summary>
    /// True when the code is one AWS sends for a request signed too far from its own clock (or, for the signature
    /// codes, for a wrong key: the caller must measure the skew before it blames the clock).
    /// </summary>
    public static bool IsClockSkewCode(string errorCode) => ClockSkewCodes.Contains(errorCode);

    /// <summary>True when the message itself says the signing time is off, whatever the code.</summary>
    public static bool SaysClockSkew(string? message) =>
        message is not null
        && (message.Contains("Signature expired", StringComparison.OrdinalIgnoreCase)
            || message.Contains("Signature not yet current", StringComparison.OrdinalIgnoreCase)
            || message.Contains("too skewed", StringComparison.OrdinalIgnoreCase)
            || message.Contains("RequestTimeTooSkewed", StringComparison.Ordinal));
}
