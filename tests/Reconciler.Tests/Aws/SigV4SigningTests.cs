using System.Net;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;
using Reconciler.Aws.Http;

namespace Reconciler.Tests.Aws;

public sealed class SigV4SigningTests
{
    private static readonly BasicAWSCredentials VectorCredentials = new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    private static readonly DateTime VectorTime = new(2015, 8, 30, 12, 36, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Handler_FixedRequestAndTime_EqualsAwsSdkSignerOutput()
    {
        const string body = "Action=DescribeAlarms&Version=2010-08-01&AlarmNamePrefix=app-";
        var recorder = new RecordingHandler();
        using var client = new HttpClient(SigningHandlerFactory.Create(VectorCredentials, "us-east-1", "sts", recorder, VectorTime));
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://monitoring.us-east-1.amazonaws.com/")
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        request.Options.Set(SigningHandlerFactory.ServiceKey, "monitoring");

        await client.SendAsync(request);

        var expected = AWSSigV4Signer.Sign(
            new AWSSigningRequest
            {
                HttpMethod = HttpMethod.Post,
                RequestUri = new Uri("https://monitoring.us-east-1.amazonaws.com/"),
                Content = System.Text.Encoding.UTF8.GetBytes(body),
                Headers = { ["Content-Type"] = "application/x-www-form-urlencoded; charset=utf-8", ["Content-Length"] = body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            },
            new AWSSigV4Parameters { Credentials = VectorCredentials, Region = RegionEndpoint.USEast1, Service = "monitoring", SignedAt = VectorTime });
        Assert.Equal(expected.Headers["Authorization"], recorder.Authorization);
        Assert.Contains("/20150830/us-east-1/monitoring/aws4_request", recorder.Authorization, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handler_GetVanillaVector_MatchesPublishedSignatureForItsSignedHeaders()
    {
        var recorder = new RecordingHandler();
        using var client = new HttpClient(SigningHandlerFactory.Create(VectorCredentials, "us-east-1", "service", recorder, VectorTime));
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://example.amazonaws.com/");

        await client.SendAsync(request);

        // AWSSDK.Core always signs x-amz-content-sha256 as well, so the published vector (host;x-amz-date) only
        // matches when the SDK leaves that header out; otherwise recompute the vector's algorithm with that header.
        var signedHeaders = recorder.Authorization!.Split("SignedHeaders=")[1].Split(',')[0];
        var signature = recorder.Authorization.Split("Signature=")[1];
        var expected = signedHeaders == "host;x-amz-date"
            ? "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"
            : ReferenceSigV4.Sign("GET", "/", "", recorder.SignedHeaderValues(signedHeaders), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", VectorTime, "us-east-1", "service", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
        Assert.Equal(expected, signature);
        Assert.Equal("5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31", ReferenceSigV4.Sign("GET", "/", "", [("host", "example.amazonaws.com"), ("x-amz-date", "20150830T123600Z")], "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", VectorTime, "us-east-1", "service", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"));
    }

    private sealed class RecordingHandler : HttpMessageHandler
    {
        private HttpRequestMessage? last;

        public string? Authorization { get; private set; }

        public IReadOnlyList<(string Name, string Value)> SignedHeaderValues(string signedHeaders) =>
            [.. signedHeaders.Split(';').Select(name => (name, name == "host" ? last!.RequestUri!.Host : string.Join(',', last!.Headers.GetValues(name))))];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            last = request;
            Authorization = request.Headers.TryGetValues("Authorization", out var values) ? string.Join(",", values) : null;
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK));
        }
    }
}
