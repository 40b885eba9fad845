using System.Net;
using Amazon.Runtime;
using Reconciler.Aws;

namespace Reconciler.Tests.Aws;

/// <summary>
/// What UpdateFunctionConfiguration sends beyond the golden wire cases: an update that would change nothing is refused
/// before anything is sent, and a LoggingConfig whose members are all null counts as none.
/// </summary>
public sealed class UpdateFunctionConfigurationRequestTests
{
    [Fact]
    public async Task Update_NeitherTracingNorLogging_ThrowsWithoutSending()
    {
        var recorder = new Recorder();
        using var clients = Clients(recorder);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => clients.Lambda.UpdateFunctionConfigurationAsync(
            new UpdateFunctionConfigurationRequest("orders-api", null), CancellationToken.None));

        Assert.Contains("UpdateFunctionConfiguration of orders-api would change nothing", error.Message, StringComparison.Ordinal);
        Assert.Empty(recorder.Bodies);
    }

    [Fact]
    public async Task Update_LoggingConfigWithoutMembers_IsNotSent()
    {
        var recorder = new Recorder();
        using var clients = Clients(recorder);

        await clients.Lambda.UpdateFunctionConfigurationAsync(
            new UpdateFunctionConfigurationRequest("orders-api", "Active") { LoggingConfig = new LambdaLoggingConfig(null, null, null, null) },
            CancellationToken.None);

        Assert.Equal("""{"TracingConfig":{"Mode":"Active"}}""", Assert.Single(recorder.Bodies));
    }

    private static IAwsClients Clients(Recorder recorder) => AwsClients.Create(new AwsClientOptions
    {
        Region = "us-east-1",
        EndpointUrl = new Uri("http://127.0.0.1:5000"),
        Credentials = new BasicAWSCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
        Retry = new AwsRetryOptions(MaxAttempts: 1),
        RateLimits = AwsRateLimitOptions.Disabled,
        WrapTransport = _ => recorder,
    });

    private sealed class Recorder : HttpMessageHandler
    {
        public List<string> Bodies { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Bodies.Add(request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken));
            return new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent("""{"FunctionName":"orders-api","FunctionArn":"arn:aws:lambda:us-east-1:123456789012:function:orders-api"}"""),
                RequestMessage = request,
            };
        }
    }
}
