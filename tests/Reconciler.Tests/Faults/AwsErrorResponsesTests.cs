using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.Extensions.Time.Testing;
using Reconciler.Testing.Faults;

namespace Reconciler.Tests.Faults;

public sealed class AwsErrorResponsesTests
{
    [Theory]
    [InlineData("monitoring", "PutMetricAlarm", "http://monitoring.amazonaws.com/doc/2010-08-01/")]
    [InlineData("sns", "Publish", "http://sns.amazonaws.com/doc/2010-03-31/")]
    [InlineData("sts", "GetCallerIdentity", "https://sts.amazonaws.com/doc/2011-06-15/")]
    public async Task Throttling_QueryProtocol_IsXmlErrorResponse400(string service, string operation, string xmlns)
    {
        using var response = AwsErrorResponses.Throttling(new AwsOperation(service, operation), "req-1");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var xml = XDocument.Parse(await response.Content.ReadAsStringAsync());
        XNamespace ns = xmlns;
        Assert.Equal(ns + "ErrorResponse", xml.Root!.Name);
        var error = xml.Root.Element(ns + "Error")!;
        Assert.Equal("Sender", error.Element(ns + "Type")!.Value);
        Assert.Equal("Throttling", error.Element(ns + "Code")!.Value);
        Assert.Equal("Rate exceeded", error.Element(ns + "Message")!.Value);
        Assert.Equal("req-1", xml.Root.Element(ns + "RequestId")!.Value);
    }

    [Fact]
    public async Task Throttling_Lambda_Is429TooManyRequestsWithReason()
    {
        using var response = AwsErrorResponses.Throttling(new AwsOperation("lambda", "UpdateFunctionConfiguration"), "req-2");

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("TooManyRequestsException", response.Headers.GetValues("x-amzn-ErrorType").Single());
        Assert.Equal("req-2", response.Headers.GetValues("x-amzn-RequestId").Single());
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("User", json.RootElement.GetProperty("Type").GetString());
        Assert.Equal("Rate exceeded", json.RootElement.GetProperty("message").GetString());
        Assert.Equal("CallerRateLimitExceeded", json.RootElement.GetProperty("Reason").GetString());
    }

    [Fact]
    public async Task Throttling_ApiGateway_Is429TooManyRequests()
    {
        using var response = AwsErrorResponses.Throttling(new AwsOperation("apigateway", "UpdateStage"), "req-3");

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("TooManyRequestsException", response.Headers.GetValues("x-amzn-ErrorType").Single());
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Too Many Requests", json.RootElement.GetProperty("message").GetString());
    }

    [Theory]
    [InlineData("tagging", "GetResources")]
    [InlineData("logs", "PutRetentionPolicy")]
    public async Task Throttling_Json11_Is400ThrottlingException(string service, string operation)
    {
        using var response = AwsErrorResponses.Throttling(new AwsOperation(service, operation), "req-4");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/x-amz-json-1.1", response.Content.Headers.ContentType!.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("ThrottlingException", json.RootElement.GetProperty("__type").GetString());
        Assert.Equal("Rate exceeded", json.RootElement.GetProperty("Message").GetString());
    }

    [Theory]
    [InlineData("monitoring", HttpStatusCode.InternalServerError, "InternalFailure")]
    [InlineData("monitoring", HttpStatusCode.ServiceUnavailable, "ServiceUnavailable")]
    [InlineData("sns", HttpStatusCode.ServiceUnavailable, "ServiceUnavailable")]
    public async Task ServerErrors_QueryProtocol_AreReceiverFaults(string service, HttpStatusCode status, string code)
    {
        var operation = new AwsOperation(service, "Any");
        using var response = status == HttpStatusCode.InternalServerError
            ? AwsErrorResponses.InternalFailure(operation, "r")
            : AwsErrorResponses.ServiceUnavailable(operation, "r");

        Assert.Equal(status, response.StatusCode);
        var xml = XDocument.Parse(await response.Content.ReadAsStringAsync());
        var error = xml.Root!.Elements().Single(e => e.Name.LocalName == "Error");
        Assert.Equal("Receiver", error.Elements().Single(e => e.Name.LocalName == "Type").Value);
        Assert.Equal(code, error.Elements().Single(e => e.Name.LocalName == "Code").Value);
    }

    [Theory]
    [InlineData("lambda")]
    [InlineData("apigateway")]
    public async Task ServerErrors_RestJson_CarryErrorTypeHeaderAndJsonMessage(string service)
    {
        using var response = AwsErrorResponses.ServiceUnavailable(new AwsOperation(service, "Any"), "r");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("ServiceUnavailable", response.Headers.GetValues("x-amzn-ErrorType").Single());
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.False(string.IsNullOrEmpty(json.RootElement.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task Handler_QuotaThrottle_UsesTheServiceShape()
    {
        var server = new RecordingTransport();
        using var invoker = new HttpMessageInvoker(new FaultInjectingHandler(
            FaultInjectionOptions.None, new QuotaTable(new FakeTimeProvider()), new FaultLog())
        { InnerHandler = server });
        for (var i = 0; i < 15; i++)
        {
            using var admitted = await invoker.SendAsync(AwsRequests.ListFunctions(), CancellationToken.None);
        }

        using var throttled = await invoker.SendAsync(AwsRequests.GetFunctionConfiguration("orders"), CancellationToken.None);

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.Equal("TooManyRequestsException", throttled.Headers.GetValues("x-amzn-ErrorType").Single());
        Assert.Equal(15, server.Received.Count);
    }
}
