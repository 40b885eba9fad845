using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Amazon.Runtime;
using Reconciler.Aws;

namespace Reconciler.Tests.Aws.Wire;

/// <summary>One request as it left the clients, after signing.</summary>
internal sealed record CapturedRequest(
    string Method,
    string RawPath,
    string RawQuery,
    string? ContentType,
    string? Target,
    string? Accept,
    string Body);

/// <summary>
/// Runs a client call against a terminal handler that records every request and answers each with a canned 200,
/// so the real clients, signer included, build the request exactly as they would for AWS.
/// </summary>
internal sealed class WireHarness : HttpMessageHandler
{
    private readonly List<CapturedRequest> captured = [];
    private readonly Func<int, (string ContentType, string Body)> answer;

    private WireHarness(Func<int, (string ContentType, string Body)> answer) => this.answer = answer;

    public IReadOnlyList<CapturedRequest> Captured => captured;

    /// <summary>
    /// Calls <paramref name="call"/> with clients that answer from the golden file of the operation. When the case
    /// continues a paged listing (its parameters hold the paginator's input token), the first answer carries that
    /// token as the output token and the request under test is the second one; otherwise it is the only one.
    /// </summary>
    public static async Task<CapturedRequest> CaptureAsync(JsonObject operation, JsonObject goldenCase, Func<IAwsClients, Task> call)
    {
        var response = operation["response"]!;
        var contentType = (string)response["content_type"]!;
        var body = (string)response["body"]!;
        var token = PageToken(operation, goldenCase);
        var firstPage = token is null ? body : WithOutputToken(operation, body, token);
        var harness = new WireHarness(index => (contentType, index == 0 ? firstPage : body));

        using (var clients = AwsClients.Create(Options(harness)))
        {
            await call(clients);
        }

        var expected = token is null ? 1 : 2;
        Assert.True(
            harness.captured.Count == expected,
            $"Expected {expected} request(s) for case '{goldenCase["name"]}', the client sent {harness.captured.Count}.");
        return harness.captured[^1];
    }

    /// <summary>Parses the golden canned answer of an operation with our client.</summary>
    public static async Task<T> ParseAsync<T>(JsonObject operation, Func<IAwsClients, Task<T>> call)
    {
        var response = operation["response"]!;
        var harness = new WireHarness(_ => ((string)response["content_type"]!, (string)response["body"]!));
        using var clients = AwsClients.Create(Options(harness));
        return await call(clients);
    }

    private static AwsClientOptions Options(WireHarness harness) => new()
    {
        Region = "us-east-1",
        // Never contacted: the harness replaces the socket handler.
        EndpointUrl = new Uri("http://127.0.0.1:5000"),
        Credentials = new BasicAWSCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
        Retry = new AwsRetryOptions(MaxAttempts: 1),
        RateLimits = AwsRateLimitOptions.Disabled,
        WrapTransport = _ => harness,
    };

    public static string? PageToken(JsonObject operation, JsonObject goldenCase) =>
        operation["paginator"] is JsonObject paginator && goldenCase["params"]![(string)paginator["input_token"]!] is JsonNode token
            ? (string)token!
            : null;

    private static string WithOutputToken(JsonObject operation, string body, string token)
    {
        var outputToken = (string)operation["paginator"]!["output_token"]!;
        if ((string)operation["protocol"]! == "query")
        {
            var document = XDocument.Parse(body);
            var result = document.Root!.Elements().Single(e => e.Name.LocalName == (string)operation["operation"]! + "Result");
            result.Add(new XElement(result.Name.Namespace + outputToken, token));
            return document.ToString();
        }

        var json = JsonNode.Parse(body)!.AsObject();
        json[outputToken] = token;
        return json.ToJsonString();
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
        captured.Add(new CapturedRequest(
            request.Method.Method,
            request.RequestUri!.AbsolutePath,
            request.RequestUri.Query.TrimStart('?'),
            request.Content?.Headers.ContentType?.ToString(),
            Header(request, "X-Amz-Target"),
            Header(request, "Accept"),
            body));
        var (contentType, responseBody) = answer(captured.Count - 1);
        return new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent(responseBody, Encoding.UTF8, contentType),
            RequestMessage = request,
        };
    }

    private static string? Header(HttpRequestMessage request, string name) =>
        request.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;
}
