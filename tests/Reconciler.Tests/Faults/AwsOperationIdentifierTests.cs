using System.Net.Http.Headers;
using System.Text;
using Reconciler.Testing.Faults;

namespace Reconciler.Tests.Faults;

public sealed class AwsOperationIdentifierTests
{
    [Theory]
    // JSON 1.1: X-Amz-Target
    [InlineData("tagging", "POST", "/", "ResourceGroupsTaggingAPI_20170126.GetResources", """{"ResourcesPerPage":100}""", "tagging", "GetResources", null)]
    // CloudWatch Logs JSON 1.1: the log group a write names is its target
    [InlineData("logs", "POST", "/", "Logs_20140328.PutRetentionPolicy", """{"logGroupName":"/aws/lambda/orders-api","retentionInDays":30}""", "logs", "PutRetentionPolicy", "/aws/lambda/orders-api")]
    [InlineData("logs", "POST", "/", "Logs_20140328.DescribeLogGroups", """{"logGroupNamePrefix":"/aws/lambda/","limit":50}""", "logs", "DescribeLogGroups", null)]
    // Lambda REST-JSON: method + path
    [InlineData("lambda", "GET", "/2015-03-31/functions/", null, null, "lambda", "ListFunctions", null)]
    [InlineData("lambda", "GET", "/2015-03-31/functions/?Marker=abc&MaxItems=50", null, null, "lambda", "ListFunctions", null)]
    [InlineData("lambda", "GET", "/2015-03-31/functions/orders-api/configuration", null, null, "lambda", "GetFunctionConfiguration", "orders-api")]
    [InlineData("lambda", "PUT", "/2015-03-31/functions/orders-api/configuration", null, """{"TracingConfig":{"Mode":"Active"}}""", "lambda", "UpdateFunctionConfiguration", "orders-api")]
    [InlineData("lambda", "GET", "/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3Aorders/configuration", null, null, "lambda", "GetFunctionConfiguration", "arn:aws:lambda:us-east-1:123456789012:function:orders")]
    [InlineData("lambda", "GET", "/2015-03-31/functions/orders-api", null, null, "lambda", "GetFunction", "orders-api")]
    [InlineData("lambda", "GET", "/2015-03-31/functions/orders-api/aliases?MaxItems=50", null, null, "lambda", "ListAliases", "orders-api")]
    [InlineData("lambda", "GET", "/2015-03-31/functions/orders-api/versions?MaxItems=50", null, null, "lambda", "ListVersionsByFunction", "orders-api")]
    // API Gateway REST-JSON
    [InlineData("apigateway", "GET", "/restapis?limit=500", null, null, "apigateway", "GetRestApis", null)]
    [InlineData("apigateway", "GET", "/restapis/a1b2c3/stages", null, null, "apigateway", "GetStages", "a1b2c3")]
    [InlineData("apigateway", "PATCH", "/restapis/a1b2c3/stages/prod", null, """{"patchOperations":[{"op":"replace","path":"/tracingEnabled","value":"true"}]}""", "apigateway", "UpdateStage", "a1b2c3/prod")]
    // Query protocol: Action in the form body
    [InlineData("xray", "POST", "/Groups", null, "{}", "xray", "GetGroups", null)]
    [InlineData("xray", "POST", "/CreateGroup", null, """{"GroupName":"reconciler-orders"}""", "xray", "CreateGroup", null)]
    [InlineData("xray", "POST", "/ServiceGraph", null, """{"StartTime":1,"EndTime":2}""", "xray", "GetServiceGraph", null)]
    [InlineData("xray", "POST", "/UpdateSamplingRule", null, "{}", "xray", "UpdateSamplingRule", null)]
    [InlineData("xray", "GET", "/Groups", null, null, "xray", "unknown", null)]
    [InlineData("monitoring", "POST", "/", null, "Action=DescribeAlarms&Version=2010-08-01&AlarmNamePrefix=reconciler-&MaxRecords=100", "monitoring", "DescribeAlarms", null)]
    [InlineData("monitoring", "POST", "/", null, "Action=PutMetricAlarm&Version=2010-08-01&AlarmName=reconciler%3Aorders%2Ferror-rate&Threshold=5", "monitoring", "PutMetricAlarm", "reconciler:orders/error-rate")]
    [InlineData("monitoring", "POST", "/", null, "Action=DeleteAlarms&Version=2010-08-01&AlarmNames.member.1=b&AlarmNames.member.2=a", "monitoring", "DeleteAlarms", "a,b")]
    [InlineData("monitoring", "POST", "/", null, "Action=PutDashboard&Version=2010-08-01&DashboardName=orders&DashboardBody=%7B%7D", "monitoring", "PutDashboard", "orders")]
    [InlineData("monitoring", "POST", "/", null, "Action=GetDashboard&Version=2010-08-01&DashboardName=orders", "monitoring", "GetDashboard", "orders")]
    [InlineData("monitoring", "POST", "/", null, "Action=ListDashboards&Version=2010-08-01&DashboardNamePrefix=orders", "monitoring", "ListDashboards", null)]
    [InlineData("monitoring", "POST", "/", null, "Action=TagResource&Version=2010-08-01&ResourceARN=arn%3Aaws%3Acloudwatch%3Aus-east-1%3A123456789012%3Aalarm%3Ax&Tags.member.1.Key=k&Tags.member.1.Value=v", "monitoring", "TagResource", "arn:aws:cloudwatch:us-east-1:123456789012:alarm:x")]
    [InlineData("sns", "POST", "/", null, "Action=Publish&Version=2010-03-31&TopicArn=arn%3Aaws%3Asns%3Aus-east-1%3A123456789012%3Adrift&Message=hello+world", "sns", "Publish", "arn:aws:sns:us-east-1:123456789012:drift")]
    [InlineData("sts", "POST", "/", null, "Action=GetCallerIdentity&Version=2011-06-15", "sts", "GetCallerIdentity", null)]
    // Unknown
    [InlineData("s3", "GET", "/bucket/key", null, null, "s3", "unknown", null)]
    [InlineData("monitoring", "POST", "/", null, "Version=2010-08-01", "monitoring", "unknown", null)]
    public async Task IdentifyAsync_SignedRequest_NamesServiceOperationAndTarget(
        string signingName, string method, string pathAndQuery, string? amzTarget, string? body,
        string expectedService, string expectedOperation, string? expectedTarget)
    {
        using var request = AwsRequests.Signed(signingName, new HttpMethod(method), pathAndQuery);
        if (amzTarget is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Amz-Target", amzTarget);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(
                signingName is "monitoring" or "sns" or "sts" ? "application/x-www-form-urlencoded; charset=utf-8" : "application/json");
        }

        var call = await AwsOperationIdentifier.IdentifyAsync(request, CancellationToken.None);

        Assert.Equal(new AwsOperation(expectedService, expectedOperation), call.Operation);
        Assert.Equal(expectedTarget, call.Target);
    }

    [Fact]
    public async Task IdentifyAsync_UnsignedUnrecognisableRequest_ReturnsUnknown()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("http://127.0.0.1:5000/moto-api/reset"));

        var call = await AwsOperationIdentifier.IdentifyAsync(request, CancellationToken.None);

        Assert.Equal(AwsCall.Unknown, call);
    }

    [Fact]
    public async Task IdentifyAsync_UnsignedLambdaPath_FallsBackToPathShape()
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, new Uri("http://127.0.0.1:5000/2015-03-31/functions/f1/configuration"));

        var call = await AwsOperationIdentifier.IdentifyAsync(request, CancellationToken.None);

        Assert.Equal(new AwsOperation("lambda", "UpdateFunctionConfiguration"), call.Operation);
    }

    [Fact]
    public async Task IdentifyAsync_NonSeekableFormBody_BodyStaysReadableForTheInnerHandler()
    {
        const string form = "Action=PutMetricAlarm&Version=2010-08-01&AlarmName=a1&AlarmDescription=owned+by+reconciler";
        using var request = AwsRequests.Signed("monitoring", HttpMethod.Post, "/");
        // A forward-only stream is the hard case: reading it once would leave nothing to send.
        request.Content = new StreamContent(new ForwardOnlyStream(Encoding.UTF8.GetBytes(form)));
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/x-www-form-urlencoded; charset=utf-8");

        var call = await AwsOperationIdentifier.IdentifyAsync(request, CancellationToken.None);

        Assert.Equal("PutMetricAlarm", call.Operation.Name);
        Assert.Equal(form, await request.Content.ReadAsStringAsync());
        Assert.Equal("application/x-www-form-urlencoded; charset=utf-8", request.Content.Headers.ContentType!.ToString());
    }

    [Theory]
    [InlineData("PutMetricAlarm", true)]
    [InlineData("DeleteAlarms", true)]
    [InlineData("PutDashboard", true)]
    [InlineData("UpdateFunctionConfiguration", true)]
    [InlineData("UpdateStage", true)]
    [InlineData("Publish", true)]
    [InlineData("CreateLogGroup", true)]
    [InlineData("PutRetentionPolicy", true)]
    [InlineData("DescribeAlarms", false)]
    [InlineData("DescribeLogGroups", false)]
    [InlineData("ListFunctions", false)]
    [InlineData("GetResources", false)]
    public void IsWrite_Operation_ClassifiesMutatingCalls(string name, bool expected) =>
        Assert.Equal(expected, new AwsOperation("any", name).IsWrite);
}
