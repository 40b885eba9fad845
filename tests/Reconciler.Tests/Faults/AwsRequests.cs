using System.Net.Http.Headers;
using System.Text;

namespace Reconciler.Tests.Faults;

/// <summary>Builds requests the way the AWS clients send them after SigV4 signing (headers, bodies, paths).</summary>
internal static class AwsRequests
{
    public static HttpRequestMessage Signed(string service, HttpMethod method, string pathAndQuery)
    {
        var request = new HttpRequestMessage(method, new Uri($"http://127.0.0.1:5000{pathAndQuery}"));
        // Set raw, as a signer does, so the identifier must parse the header itself.
        request.Headers.TryAddWithoutValidation(
            "Authorization",
            $"AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20250101/us-east-1/{service}/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=0123456789abcdef");
        request.Headers.TryAddWithoutValidation("X-Amz-Date", "20250101T000000Z");
        return request;
    }

    public static HttpRequestMessage Query(string service, string form)
    {
        var request = Signed(service, HttpMethod.Post, "/");
        request.Content = new StringContent(form, Encoding.UTF8);
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/x-www-form-urlencoded; charset=utf-8");
        return request;
    }

    public static HttpRequestMessage Json11(string service, string target, string json)
    {
        var request = Signed(service, HttpMethod.Post, "/");
        request.Headers.TryAddWithoutValidation("X-Amz-Target", target);
        request.Content = new StringContent(json, Encoding.UTF8);
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/x-amz-json-1.1");
        return request;
    }

    public static HttpRequestMessage RestJson(string service, HttpMethod method, string pathAndQuery, string? json = null)
    {
        var request = Signed(service, method, pathAndQuery);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return request;
    }

    public static HttpRequestMessage PutMetricAlarm(string alarmName) =>
        Query("monitoring", $"Action=PutMetricAlarm&Version=2010-08-01&AlarmName={Uri.EscapeDataString(alarmName)}&Threshold=5");

    public static HttpRequestMessage DescribeAlarms() =>
        Query("monitoring", "Action=DescribeAlarms&Version=2010-08-01&AlarmNamePrefix=reconciler-");

    public static HttpRequestMessage UpdateFunctionConfiguration(string functionName) =>
        RestJson("lambda", HttpMethod.Put, $"/2015-03-31/functions/{functionName}/configuration", """{"TracingConfig":{"Mode":"Active"}}""");

    public static HttpRequestMessage GetFunctionConfiguration(string functionName) =>
        RestJson("lambda", HttpMethod.Get, $"/2015-03-31/functions/{functionName}/configuration");

    public static HttpRequestMessage ListFunctions() =>
        RestJson("lambda", HttpMethod.Get, "/2015-03-31/functions/?MaxItems=50");

    public static HttpRequestMessage GetRestApis() =>
        RestJson("apigateway", HttpMethod.Get, "/restapis?limit=500");

    public static HttpRequestMessage GetResources() =>
        Json11("tagging", "ResourceGroupsTaggingAPI_20170126.GetResources", """{"ResourcesPerPage":100}""");
}
