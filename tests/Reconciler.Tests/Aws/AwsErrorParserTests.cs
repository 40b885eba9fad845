using System.Net.Http.Headers;
using Reconciler.Aws;
using Reconciler.Aws.Http;

namespace Reconciler.Tests.Aws;

public sealed class AwsErrorParserTests
{
    [Theory]
    [InlineData(400, null, "<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>r-1</RequestId></ErrorResponse>", "Throttling", "Rate exceeded", nameof(AwsErrorKind.Throttling))]
    [InlineData(404, null, "<ErrorResponse xmlns=\"http://sns\"><Error><Code>NotFound</Code><Message>Topic does not exist</Message></Error></ErrorResponse>", "NotFound", "Topic does not exist", nameof(AwsErrorKind.Terminal))]
    [InlineData(429, "TooManyRequestsException", "{\"message\":\"Rate exceeded\"}", "TooManyRequestsException", "Rate exceeded", nameof(AwsErrorKind.Throttling))]
    [InlineData(400, null, "{\"__type\":\"com.amazon.coral.availability#ThrottlingException\",\"message\":\"slow down\"}", "ThrottlingException", "slow down", nameof(AwsErrorKind.Throttling))]
    [InlineData(404, "ResourceNotFoundException:http://internal.amazon.com/coral/", "{\"Message\":\"Function not found\"}", "ResourceNotFoundException", "Function not found", nameof(AwsErrorKind.Terminal))]
    [InlineData(400, null, "{\"__type\":\"LimitExceededException\",\"message\":\"Too many stages\"}", "LimitExceededException", "Too many stages", nameof(AwsErrorKind.Terminal))]
    [InlineData(429, null, "{\"__type\":\"LimitExceededException\",\"message\":\"Too many requests\"}", "LimitExceededException", "Too many requests", nameof(AwsErrorKind.Throttling))]
    [InlineData(503, null, "Service Unavailable", "ServiceUnavailable", "Service Unavailable", nameof(AwsErrorKind.Transient))]
    [InlineData(500, null, "", "ServiceUnavailable", "HTTP 500 with an empty body", nameof(AwsErrorKind.Transient))]
    [InlineData(403, null, "<ErrorResponse><Error><Code>AccessDenied</Code><Message>not allowed</Message></Error></ErrorResponse>", "AccessDenied", "not allowed", nameof(AwsErrorKind.Terminal))]
    [InlineData(400, null, "<ErrorResponse><Error><Code>RequestLimitExceeded</Code><Message>x</Message></Error></ErrorResponse>", "RequestLimitExceeded", "x", nameof(AwsErrorKind.Throttling))]
    public void Parse_ErrorBody_ExtractsCodeMessageAndKind(int status, string? errorTypeHeader, string body, string code, string message, string kindName)
    {
        var kind = Enum.Parse<AwsErrorKind>(kindName);
        using var response = new HttpResponseMessage((System.Net.HttpStatusCode)status);
        if (errorTypeHeader is not null)
        {
            response.Headers.TryAddWithoutValidation("x-amzn-ErrorType", errorTypeHeader);
        }

        response.Headers.TryAddWithoutValidation("x-amzn-RequestId", "req-123");

        var error = AwsErrorParser.Parse("svc", "Op", status, response.Headers, body);

        Assert.Equal((code, message, kind, status, "req-123"), (error.ErrorCode, error.ErrorMessage, error.Kind, error.StatusCode, error.RequestId));
        Assert.Equal($"svc Op failed: {code}: {message}", error.Message);
    }

    [Theory]
    [InlineData(0, 200, 20000, 0.5, 100)]
    [InlineData(3, 200, 20000, 1.0, 1600)]
    [InlineData(10, 200, 20000, 1.0, 20000)]
    [InlineData(40, 200, 20000, 0.25, 5000)]
    [InlineData(2, 200, 20000, 0.0, 0)]
    public void FullJitterDelay_RetryIndexAndJitter_IsCappedExponential(int retry, int baseMs, int capMs, double jitter, double expectedMs)
    {
        var delay = RetryPipeline.FullJitterDelay(retry, TimeSpan.FromMilliseconds(baseMs), TimeSpan.FromMilliseconds(capMs), jitter);

        Assert.Equal(expectedMs, delay.TotalMilliseconds, 3);
    }

    [Fact]
    public void Parse_HeaderCollectionWithoutRequestId_ReadsRequestIdFromXml()
    {
        using var response = new HttpResponseMessage(System.Net.HttpStatusCode.BadRequest);
        HttpResponseHeaders headers = response.Headers;

        var error = AwsErrorParser.Parse("monitoring", "PutMetricAlarm", 400, headers, "<ErrorResponse><Error><Code>ValidationError</Code><Message>bad</Message></Error><RequestId>from-xml</RequestId></ErrorResponse>");

        Assert.Equal("from-xml", error.RequestId);
    }
}
