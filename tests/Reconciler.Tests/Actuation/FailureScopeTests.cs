using Reconciler.Actuation;
using Reconciler.Aws;

namespace Reconciler.Tests.Actuation;

public sealed class FailureScopeTests
{
    public static TheoryData<string, int?, string, string> Cases => new()
    {
        // The caller, not the resource: the next write fails the same way.
        { "AccessDenied", 403, nameof(AwsErrorKind.Terminal), nameof(FailureScope.Account) },
        { "AccessDeniedException", 403, nameof(AwsErrorKind.Terminal), nameof(FailureScope.Account) },
        { "InvalidClientTokenId", 403, nameof(AwsErrorKind.Terminal), nameof(FailureScope.Account) },
        { "ExpiredToken", 400, nameof(AwsErrorKind.Terminal), nameof(FailureScope.Account) },
        { "ExpiredTokenException", 403, nameof(AwsErrorKind.Terminal), nameof(FailureScope.Account) },
        { "UnrecognizedClientException", 403, nameof(AwsErrorKind.Terminal), nameof(FailureScope.Account) },
        { "SignatureDoesNotMatch", 403, nameof(AwsErrorKind.Terminal), nameof(FailureScope.Account) },
        { "InvalidSignatureException", 400, nameof(AwsErrorKind.Terminal), nameof(FailureScope.Account) },
        { "CredentialsUnavailable", null, nameof(AwsErrorKind.Terminal), nameof(FailureScope.Account) },
        { "SomethingNew", 401, nameof(AwsErrorKind.Terminal), nameof(FailureScope.Account) },

        // The endpoint or the quota, after the transport's retries.
        { "ServiceUnavailable", 503, nameof(AwsErrorKind.Transient), nameof(FailureScope.Account) },
        { "ConnectionFailure", null, nameof(AwsErrorKind.Transient), nameof(FailureScope.Account) },
        { "RequestTimeout", null, nameof(AwsErrorKind.Transient), nameof(FailureScope.Account) },
        { "ThrottlingException", 400, nameof(AwsErrorKind.Throttling), nameof(FailureScope.Account) },
        { "TooManyRequestsException", 429, nameof(AwsErrorKind.Throttling), nameof(FailureScope.Account) },

        // One resource refused.
        { "InvalidParameterValueException", 400, nameof(AwsErrorKind.Terminal), nameof(FailureScope.Resource) },
        { "ValidationError", 400, nameof(AwsErrorKind.Terminal), nameof(FailureScope.Resource) },
        { "ResourceNotFound", 404, nameof(AwsErrorKind.Terminal), nameof(FailureScope.Resource) },
        { "ResourceNotFoundException", 404, nameof(AwsErrorKind.Terminal), nameof(FailureScope.Resource) },
        { "NotFoundException", 404, nameof(AwsErrorKind.Terminal), nameof(FailureScope.Resource) },
        { "LimitExceeded", 400, nameof(AwsErrorKind.Terminal), nameof(FailureScope.Resource) },
        { "BadRequestException", 400, nameof(AwsErrorKind.Terminal), nameof(FailureScope.Resource) },

        // Busy: an update is in progress.
        { "ResourceConflictException", 409, nameof(AwsErrorKind.Terminal), nameof(FailureScope.Busy) },
        { "ConflictException", 409, nameof(AwsErrorKind.Terminal), nameof(FailureScope.Busy) },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Of_AwsError_IsClassifiedByCodeKindAndStatus(string code, int? status, string kind, string expected)
    {
        var error = new AwsServiceException("svc", "Op", code, "message", status, null, Enum.Parse<AwsErrorKind>(kind));

        Assert.Equal(expected, FailureScopes.Of(error).ToString());
    }
}
