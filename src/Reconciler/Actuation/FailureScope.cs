using Reconciler.Aws;
using Reconciler.Aws.Http;

namespace Reconciler.Actuation;

/// <summary>
/// How far the cause of a failed write reaches. Only <see cref="Account"/> failures count toward the error-ratio
/// guard: they say that the next write would fail too, whatever it is. docs/guards.md explains the table.
/// </summary>
internal enum FailureScope
{
    /// <summary>
    /// AWS judged this one resource and refused it (validation, not found, conflicting state, a role without a
    /// permission the resource needs). That change fails; other writes go on; the next run tries it again.
    /// </summary>
    Resource,

    /// <summary>The resource is busy (an update is in progress): the change is pending, and the next run retries it.</summary>
    Busy,

    /// <summary>
    /// Broken credentials, access denied, an endpoint that is down, throttling that outlived the retries: the next
    /// write would fail the same way. These count toward the error-ratio guard.
    /// </summary>
    Account,
}

/// <summary>The one place that decides the <see cref="FailureScope"/> of an AWS error.</summary>
internal static class FailureScopes
{
    // Codes that say the caller, not the resource, is the problem. The STS and SigV4 codes are shared by every
    // service; CredentialsUnavailable is the transport's own code for credentials it could not resolve.
    private static readonly HashSet<string> AccountCodes = new(StringComparer.Ordinal)
    {
        "AccessDenied",
        "AccessDeniedException",
        "UnauthorizedOperation",
        "UnauthorizedException",
        "InvalidClientTokenId",
        "InvalidAccessKeyId",
        "ExpiredToken",
        "ExpiredTokenException",
        "RequestExpired",
        "UnrecognizedClient",
        "UnrecognizedClientException",
        "SignatureDoesNotMatch",
        "InvalidSignatureException",
        "IncompleteSignature",
        "MissingAuthenticationToken",
        "MissingAuthenticationTokenException",
        "AuthFailure",
        "OptInRequired",
        "CredentialsUnavailable",
    };

    /// <summary>The scope of <paramref name="error"/>, by its code, its kind and its HTTP status.</summary>
    public static FailureScope Of(AwsServiceException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (AccountCodes.Contains(error.ErrorCode) || error.StatusCode is 401 or 403)
        {
            return FailureScope.Account;
        }

        // The transport already retried these; one that still fails says the service or the quota is the problem,
        // not the resource.
        if (error.Kind is AwsErrorKind.Throttling or AwsErrorKind.Transient)
        {
            return FailureScope.Account;
        }

        // 409s that mean "not now" (Lambda while LastUpdateStatus is InProgress, API Gateway while another change to
        // the API is being made): the transport's own list, which it already retried with backoff.
        return AwsErrorClassifier.IsConflict(error.ErrorCode) ? FailureScope.Busy : FailureScope.Resource;
    }
}
