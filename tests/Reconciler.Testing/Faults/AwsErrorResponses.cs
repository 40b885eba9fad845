using System.Net;
using System.Security;
using System.Text;

namespace Reconciler.Testing.Faults;

/// <summary>
/// Builds the error answers AWS sends, in each service's protocol shape, so that a client's error parsing and
/// retry classification are exercised exactly as in production:
/// query (CloudWatch, SNS, STS): XML <c>ErrorResponse</c>; Lambda and API Gateway (REST-JSON): status code plus
/// <c>x-amzn-ErrorType</c> and a JSON body; tagging and CloudWatch Logs (JSON 1.1): JSON body with <c>__type</c>.
/// </summary>
public static class AwsErrorResponses
{
    /// <summary>
    /// The answer to a request over the rate quota: HTTP 400 <c>Throttling</c> for query protocols, 429
    /// <c>TooManyRequestsException</c> for Lambda and API Gateway, 400 <c>ThrottlingException</c> for tagging and
    /// CloudWatch Logs (whose model has a ThrottlingException, "The request was throttled because of quota limits").
    /// </summary>
    public static HttpResponseMessage Throttling(AwsOperation operation, string requestId)
    {
        ArgumentNullException.ThrowIfNull(operation);
        return operation.Service switch
        {
            "lambda" => RestJson(
                HttpStatusCode.TooManyRequests, "TooManyRequestsException", requestId,
                """{"Type":"User","message":"Rate exceeded","Reason":"CallerRateLimitExceeded"}"""),
            "apigateway" => RestJson(
                HttpStatusCode.TooManyRequests, "TooManyRequestsException", requestId,
                """{"message":"Too Many Requests"}"""),
            "tagging" or "logs" => Json11(HttpStatusCode.BadRequest, "ThrottlingException", "Rate exceeded", requestId),
            _ => Query(operation.Service, HttpStatusCode.BadRequest, "Sender", "Throttling", "Rate exceeded", requestId),
        };
    }

    /// <summary>An HTTP 500 <c>InternalFailure</c> in the service's protocol shape.</summary>
    public static HttpResponseMessage InternalFailure(AwsOperation operation, string requestId) =>
        ServerError(operation, HttpStatusCode.InternalServerError, "InternalFailure",
            "The request processing has failed because of an unknown error, exception or failure.", requestId);

    /// <summary>An HTTP 503 <c>ServiceUnavailable</c> in the service's protocol shape.</summary>
    public static HttpResponseMessage ServiceUnavailable(AwsOperation operation, string requestId) =>
        ServerError(operation, HttpStatusCode.ServiceUnavailable, "ServiceUnavailable",
            "The request has failed due to a temporary failure of the server.", requestId);

    private static HttpResponseMessage ServerError(
        AwsOperation operation, HttpStatusCode status, string code, string message, string requestId)
    {
        ArgumentNullException.ThrowIfNull(operation);
        return operation.Service switch
        {
            "lambda" or "apigateway" => RestJson(status, code, requestId, $$"""{"message":"{{message}}"}"""),
            "tagging" or "logs" => Json11(status, code, message, requestId),
            _ => Query(operation.Service, status, "Receiver", code, message, requestId),
        };
    }

    /// <summary>The XML namespace a query-protocol service answers in (the API version's documentation URL).</summary>
    public static string QueryNamespace(string service) => service switch
    {
        "sns" => "http://sns.amazonaws.com/doc/2010-03-31/",
        "sts" => "https://sts.amazonaws.com/doc/2011-06-15/",
        _ => "http://monitoring.amazonaws.com/doc/2010-08-01/",
    };

    private static HttpResponseMessage Query(
        string service, HttpStatusCode status, string type, string code, string message, string requestId)
    {
        var xml =
            $"""<ErrorResponse xmlns="{QueryNamespace(service)}"><Error><Type>{type}</Type><Code>{code}</Code><Message>{SecurityElement.Escape(message)}</Message></Error><RequestId>{SecurityElement.Escape(requestId)}</RequestId></ErrorResponse>""";
        var response = new HttpResponseMessage(status)
        {
            Content = new StringContent(xml, Encoding.UTF8, "text/xml"),
        };
        response.Headers.TryAddWithoutValidation("x-amzn-RequestId", requestId);
        return response;
    }

    private static HttpResponseMessage RestJson(HttpStatusCode status, string errorType, string requestId, string json)
    {
        var response = new HttpResponseMessage(status)
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        response.Headers.TryAddWithoutValidation("x-amzn-ErrorType", errorType);
        response.Headers.TryAddWithoutValidation("x-amzn-RequestId", requestId);
        return response;
    }

    private static HttpResponseMessage Json11(HttpStatusCode status, string errorType, string message, string requestId)
    {
        var json = $$"""{"__type":"{{errorType}}","Message":"{{message}}"}""";
        var response = new HttpResponseMessage(status)
        {
            Content = new StringContent(json, Encoding.UTF8, "application/x-amz-json-1.1"),
        };
        response.Headers.TryAddWithoutValidation("x-amzn-RequestId", requestId);
        return response;
    }
}
