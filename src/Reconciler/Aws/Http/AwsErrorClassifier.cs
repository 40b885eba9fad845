namespace Reconciler.Aws.Http;

/// <summary>Decides whether a failed call is throttling, transient or terminal, the way the AWS SDKs do.</summary>
internal static class AwsErrorClassifier
{
    // The standard retry mode's throttling codes (shared by botocore and the AWS SDK for .NET).
    private static readonly HashSet<string> ThrottlingCodes = new(StringComparer.Ordinal)
    {
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
    };

    // Codes that a server may send with a 4xx status but that are worth another try.
    private static readonly HashSet<string> TransientCodes = new(StringComparer.Ordinal)
    {
        "RequestTimeout",
        "RequestTimeoutException",
        "InternalError",
        "InternalFailure",
        "ServiceUnavailable",
        "ServiceUnavailableException",
        "IDPCommunicationError",
        "ConnectionFailure",
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

        if (statusCode == 429 || ThrottlingCodes.Contains(errorCode))
        {
            return AwsErrorKind.Throttling;
        }

        if (statusCode is >= 500 || TransientCodes.Contains(errorCode))
        {
            return AwsErrorKind.Transient;
        }

        return AwsErrorKind.Terminal;
    }
}
