using Reconciler.Aws;
using Reconciler.Aws.Http;

namespace Reconciler.Tests.Aws;

public sealed class AwsErrorClassifierTests
{
    [Theory]
    // botocore standard.py throttling codes, whatever the status.
    [InlineData("Throttling", 400, "Rate exceeded", nameof(AwsErrorKind.Throttling))]
    [InlineData("ThrottlingException", 400, null, nameof(AwsErrorKind.Throttling))]
    [InlineData("RequestLimitExceeded", 503, null, nameof(AwsErrorKind.Throttling))]
    [InlineData("PriorRequestNotComplete", 400, null, nameof(AwsErrorKind.Throttling))]
    [InlineData("TooManyRequestsException", 429, null, nameof(AwsErrorKind.Throttling))]
    // _retry.json: any 429 or 509.
    [InlineData("Http429", 429, null, nameof(AwsErrorKind.Throttling))]
    [InlineData("BandwidthLimitExceeded", 509, null, nameof(AwsErrorKind.Throttling))]
    // SNS KMSThrottlingException (400) and ThrottledException ("Throttled", 429).
    [InlineData("KMSThrottling", 400, "KMS rate exceeded", nameof(AwsErrorKind.Throttling))]
    [InlineData("Throttled", 429, null, nameof(AwsErrorKind.Throttling))]
    // LimitExceededException: a hard limit unless it says rate or comes with 429.
    [InlineData("LimitExceededException", 400, "Too many stages", nameof(AwsErrorKind.Terminal))]
    [InlineData("LimitExceededException", 429, "Too many requests", nameof(AwsErrorKind.Throttling))]
    // Conflicts: busy resources that clear up by themselves.
    [InlineData("ResourceConflictException", 409, "An update is in progress for resource: arn:aws:lambda:us-east-1:1:function:f", nameof(AwsErrorKind.Conflict))]
    [InlineData("ConflictException", 409, "Unable to complete operation due to concurrent modification", nameof(AwsErrorKind.Conflict))]
    [InlineData("ConcurrentModificationException", 400, null, nameof(AwsErrorKind.Conflict))]
    [InlineData("OperationAbortedException", 400, "Multiple concurrent requests to update the same resource were in conflict.", nameof(AwsErrorKind.Conflict))]
    // botocore transient status codes and codes.
    [InlineData("ServiceException", 500, null, nameof(AwsErrorKind.Transient))]
    [InlineData("Http502", 502, null, nameof(AwsErrorKind.Transient))]
    [InlineData("ServiceUnavailableException", 503, null, nameof(AwsErrorKind.Transient))]
    [InlineData("Http504", 504, null, nameof(AwsErrorKind.Transient))]
    [InlineData("RequestTimeout", 400, null, nameof(AwsErrorKind.Transient))]
    [InlineData("RequestTimeoutException", null, null, nameof(AwsErrorKind.Transient))]
    [InlineData("IDPCommunicationError", 400, null, nameof(AwsErrorKind.Transient))]
    [InlineData("ConnectionFailure", null, null, nameof(AwsErrorKind.Transient))]
    // Not in botocore's transient statuses: 501 Not Implemented will not start working on a retry.
    [InlineData("Http501", 501, null, nameof(AwsErrorKind.Terminal))]
    // Final: the caller must change something.
    [InlineData("AccessDeniedException", 403, null, nameof(AwsErrorKind.Terminal))]
    [InlineData("ValidationException", 400, null, nameof(AwsErrorKind.Terminal))]
    [InlineData("ResourceNotFoundException", 404, null, nameof(AwsErrorKind.Terminal))]
    [InlineData("InvalidSignatureException", 403, "Signature expired: 20250101T000000Z is now earlier than 20250101T010000Z", nameof(AwsErrorKind.Terminal))]
    public void Classify_CodeAndStatus_MatchesTheSdkRetryLists(string code, int? status, string? message, string expected)
    {
        Assert.Equal(Enum.Parse<AwsErrorKind>(expected), AwsErrorClassifier.Classify(code, status, message));
    }

    [Theory]
    [InlineData("RequestTimeTooSkewed", null, true)]
    [InlineData("InvalidSignatureException", "Signature expired: 20250101T000000Z is now earlier than 20250101T010000Z", true)]
    [InlineData("SignatureDoesNotMatch", null, true)]
    [InlineData("ThrottlingException", null, false)]
    [InlineData("ValidationException", null, false)]
    public void IsClockSkewCode_Code_MatchesTheSdkClockSkewList(string code, string? message, bool expected)
    {
        Assert.Equal(expected, AwsErrorClassifier.IsClockSkewCode(code));
        if (message is not null)
        {
            Assert.True(AwsErrorClassifier.SaysClockSkew(message));
        }
    }

    [Theory]
    [InlineData("Signature expired: 20250101T000000Z is now earlier than 20250101T010000Z (20250101T011500Z - 15 min.)", true)]
    [InlineData("Signature not yet current: 20250101T020000Z is still later than 20250101T011500Z", true)]
    [InlineData("The difference between the request time and the current time is too skewed", true)]
    [InlineData("The request signature we calculated does not match the signature you provided.", false)]
    [InlineData(null, false)]
    public void SaysClockSkew_Message_RecognisesAwsSkewWording(string? message, bool expected)
    {
        Assert.Equal(expected, AwsErrorClassifier.SaysClockSkew(message));
    }
}
