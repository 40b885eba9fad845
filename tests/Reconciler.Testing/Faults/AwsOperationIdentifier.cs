namespace Reconciler.Testing.Faults;

/// <summary>
/// Names the AWS operation an outgoing, already signed request calls, from what is on the wire only: the service
/// from the SigV4 credential scope, the operation from <c>X-Amz-Target</c> (JSON 1.1), the form body's
/// <c>Action</c> (query protocol) or method and path (REST-JSON). It does not depend on any client code, so it
/// identifies requests from the reconciler's clients, the AWS CLI or a hand-built request alike.
/// </summary>
public static class AwsOperationIdentifier
{
    private const string LambdaPrefix = "/2015-03-31/functions";
    private const string LambdaTagsPrefix = "/2017-03-31/tags/";

    /// <summary>
    /// Identifies <paramref name="request"/>. A form body is buffered in memory before it is read, so the inner
    /// handler still sends it whole. Requests it cannot name come back as <see cref="AwsCall.Unknown"/>.
    /// </summary>
    public static async Task<AwsCall> IdentifyAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var authorization = request.Headers.TryGetValues("Authorization", out var values) ? string.Join(",", values) : null;
        var service = ServiceFromCredentialScope(authorization) ?? ServiceFromShape(request);
        if (service is null)
        {
            return AwsCall.Unknown;
        }

        if (request.Headers.TryGetValues("X-Amz-Target", out var targets))
        {
            var target = targets.FirstOrDefault() ?? "";
            var dot = target.LastIndexOf('.');
            if (dot < 0 || dot == target.Length - 1)
            {
                return AwsCall.Unknown;
            }

            var operation = new AwsOperation(service, target[(dot + 1)..]);
            return service == "logs"
                ? new AwsCall(operation, await LogGroupNameAsync(request, cancellationToken))
                : new AwsCall(operation, null);
        }

        return service switch
        {
            "lambda" => IdentifyLambda(request),
            "apigateway" => IdentifyApiGateway(request),
            "monitoring" or "sns" or "sts" => await IdentifyQueryAsync(service, request, cancellationToken),
            "xray" => IdentifyXRay(request),
            _ => new AwsCall(new AwsOperation(service, "unknown"), null),
        };
    }

    // X-Ray is REST-JSON with one POST path per operation (botocore's xray model, requestUri): most paths are the
    // operation's name, these few are not.
    private static readonly Dictionary<string, string> XRayPathOperations = new(StringComparer.Ordinal)
    {
        ["/Groups"] = "GetGroups",
        ["/ServiceGraph"] = "GetServiceGraph",
        ["/TraceSummaries"] = "GetTraceSummaries",
        ["/TraceSegments"] = "PutTraceSegments",
        ["/Traces"] = "BatchGetTraces",
        ["/TraceGraph"] = "GetTraceGraph",
        ["/TelemetryRecords"] = "PutTelemetryRecords",
    };

    private static AwsCall IdentifyXRay(HttpRequestMessage request)
    {
        var path = request.RequestUri?.AbsolutePath ?? string.Empty;
        var operation = request.Method != HttpMethod.Post || path.Length < 2 || path.IndexOf('/', 1) >= 0
            ? "unknown"
            : XRayPathOperations.GetValueOrDefault(path) ?? path[1..];
        return new AwsCall(new AwsOperation("xray", operation), null);
    }

    /// <summary>The signing name from <c>Credential=AKID/DATE/REGION/SERVICE/aws4_request</c>, if the request is signed.</summary>
    /// <remarks>
    /// Reads the raw header: signers add it without validation, and its comma-separated parameters do not parse as
    /// a typed <see cref="System.Net.Http.Headers.AuthenticationHeaderValue"/>.
    /// </remarks>
    internal static string? ServiceFromCredentialScope(string? authorization)
    {
        const string scheme = "AWS4-HMAC-SHA256 ";
        if (authorization is null || !authorization.StartsWith(scheme, StringComparison.Ordinal))
        {
            return null;
        }

        var parameter = authorization[scheme.Length..];

        const string credentialKey = "Credential=";
        var start = parameter.IndexOf(credentialKey, StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        start += credentialKey.Length;
        var end = parameter.IndexOf(',', start);
        var scope = (end < 0 ? parameter[start..] : parameter[start..end]).Trim().Split('/');
        // AKID / date / region / service / aws4_request
        return scope.Length == 5 && scope[4] == "aws4_request" ? scope[3] : null;
    }

    // Unsigned requests (a test building them by hand, or a client without credentials) still have a recognisable
    // shape; against moto every endpoint is 127.0.0.1, so the host says nothing.
    private static string? ServiceFromShape(HttpRequestMessage request)
    {
        if (request.Headers.TryGetValues("X-Amz-Target", out var targets)
            && (targets.FirstOrDefault() ?? "").StartsWith("ResourceGroupsTaggingAPI_", StringComparison.Ordinal))
        {
            return "tagging";
        }

        var path = request.RequestUri?.AbsolutePath ?? "";
        if (path.StartsWith(LambdaPrefix, StringComparison.Ordinal) || path.StartsWith(LambdaTagsPrefix, StringComparison.Ordinal))
        {
            return "lambda";
        }

        return path.StartsWith("/restapis", StringComparison.Ordinal) ? "apigateway" : null;
    }

    private static AwsCall IdentifyLambda(HttpRequestMessage request)
    {
        var path = request.RequestUri?.AbsolutePath ?? "";
        var method = request.Method.Method;
        if (path.StartsWith(LambdaTagsPrefix, StringComparison.Ordinal))
        {
            var resource = Uri.UnescapeDataString(path[LambdaTagsPrefix.Length..]);
            return method switch
            {
                "GET" => Lambda("ListTags", resource),
                "POST" => Lambda("TagResource", resource),
                "DELETE" => Lambda("UntagResource", resource),
                _ => Lambda("unknown", null),
            };
        }

        if (!path.StartsWith(LambdaPrefix, StringComparison.Ordinal))
        {
            return Lambda("unknown", null);
        }

        var segments = Segments(path[LambdaPrefix.Length..]);
        return (method, segments) switch
        {
            ("GET", []) => Lambda("ListFunctions", null),
            ("GET", [var name]) => Lambda("GetFunction", name),
            ("GET", [var name, "configuration"]) => Lambda("GetFunctionConfiguration", name),
            ("PUT", [var name, "configuration"]) => Lambda("UpdateFunctionConfiguration", name),
            ("GET", [var name, "aliases"]) => Lambda("ListAliases", name),
            ("GET", [var name, "versions"]) => Lambda("ListVersionsByFunction", name),
            _ => Lambda("unknown", segments.Length > 0 ? segments[0] : null),
        };

        static AwsCall Lambda(string operation, string? target) => new(new AwsOperation("lambda", operation), target);
    }

    private static AwsCall IdentifyApiGateway(HttpRequestMessage request)
    {
        var segments = Segments(request.RequestUri?.AbsolutePath ?? "");
        return (request.Method.Method, segments) switch
        {
            ("GET", ["restapis"]) => ApiGateway("GetRestApis", null),
            ("GET", ["restapis", var api]) => ApiGateway("GetRestApi", api),
            ("GET", ["restapis", var api, "stages"]) => ApiGateway("GetStages", api),
            ("GET", ["restapis", var api, "stages", var stage]) => ApiGateway("GetStage", $"{api}/{stage}"),
            ("PATCH", ["restapis", var api, "stages", var stage]) => ApiGateway("UpdateStage", $"{api}/{stage}"),
            _ => ApiGateway("unknown", null),
        };

        static AwsCall ApiGateway(string operation, string? target) => new(new AwsOperation("apigateway", operation), target);
    }

    // The query protocol puts everything in a form body (or, for GET, the query string); the fields below are the
    // ones that name the resource a write acts on.
    private static readonly string[] QueryTargetFields = ["AlarmName", "DashboardName", "ResourceARN", "TopicArn", "TargetArn"];

    private static async Task<AwsCall> IdentifyQueryAsync(string service, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var form = request.Content is null
            ? request.RequestUri?.Query.TrimStart('?') ?? ""
            : await ReadBufferedAsync(request.Content, cancellationToken);
        var fields = ParseForm(form);
        if (!fields.TryGetValue("Action", out var actions))
        {
            return new AwsCall(new AwsOperation(service, "unknown"), null);
        }

        var target = QueryTargetFields.Select(f => fields.TryGetValue(f, out var v) ? v[0] : null).FirstOrDefault(v => v is not null);
        if (target is null)
        {
            // DeleteAlarms and DeleteDashboards name several resources: AlarmNames.member.1, .2, …
            var members = fields
                .Where(kv => kv.Key.StartsWith("AlarmNames.member.", StringComparison.Ordinal)
                    || kv.Key.StartsWith("DashboardNames.member.", StringComparison.Ordinal))
                .SelectMany(kv => kv.Value)
                .Order(StringComparer.Ordinal)
                .ToList();
            target = members.Count > 0 ? string.Join(',', members) : null;
        }

        return new AwsCall(new AwsOperation(service, actions[0]), target);
    }

    // CloudWatch Logs writes name their log group in the JSON body (logGroupName); listings name none.
    private static async Task<string?> LogGroupNameAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is null)
        {
            return null;
        }

        try
        {
            using var body = System.Text.Json.JsonDocument.Parse(await ReadBufferedAsync(request.Content, cancellationToken));
            return body.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object
                && body.RootElement.TryGetProperty("logGroupName", out var name)
                && name.ValueKind == System.Text.Json.JsonValueKind.String
                ? name.GetString()
                : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// Reads the body as text without taking it away from the inner handler: <see cref="HttpContent.LoadIntoBufferAsync()"/>
    /// keeps the bytes in memory, and buffered content is served from that buffer every time it is read or sent.
    /// </summary>
    internal static async Task<string> ReadBufferedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        await content.LoadIntoBufferAsync(cancellationToken);
        return await content.ReadAsStringAsync(cancellationToken);
    }

    private static Dictionary<string, List<string>> ParseForm(string form)
    {
        var fields = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var pair in form.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=');
            var key = Decode(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? "" : Decode(pair[(equals + 1)..]);
            if (!fields.TryGetValue(key, out var values))
            {
                fields[key] = values = [];
            }

            values.Add(value);
        }

        return fields;

        static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));
    }

    private static string[] Segments(string path) =>
        path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
}
