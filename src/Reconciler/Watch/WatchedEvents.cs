using System.Text;
using System.Text.Json;

namespace Reconciler.Watch;

/// <summary>What a watched API call can change, and so how much of a policy a watch run must look at.</summary>
internal enum EventReach
{
    /// <summary>A setting of one resource (tracing turned off): that resource is observed and corrected.</summary>
    Resource,

    /// <summary>
    /// Which resources a policy selects (a function created, deleted or retagged): the resource is observed, and the
    /// policy-wide objects of the policies that may select it (dashboard, X-Ray group, sampling rule) are reconciled
    /// from a whole view of those policies.
    /// </summary>
    Membership,

    /// <summary>An object the reconciler owns for a whole policy (an alarm, a dashboard): that policy is reconciled whole.</summary>
    PolicyObject,
}

/// <summary>Which request or response member names the resource an event touched.</summary>
internal enum TouchedBy
{
    /// <summary>requestParameters.functionName (a name or an ARN), else responseElements.functionName.</summary>
    FunctionName,

    /// <summary>requestParameters.resource, a Lambda function ARN.</summary>
    LambdaResourceArn,

    /// <summary>requestParameters.restApiId and .stageName (the whole API when there is no stage name).</summary>
    RestApiStage,

    /// <summary>requestParameters.resourceArn, an API Gateway REST API or stage ARN.</summary>
    ApiGatewayResourceArn,

    /// <summary>requestParameters.alarmName or .alarmNames.</summary>
    AlarmNames,

    /// <summary>requestParameters.dashboardName or .dashboardNames.</summary>
    DashboardNames,

    /// <summary>requestParameters.logGroupName.</summary>
    LogGroupName,
}

/// <summary>
/// One API call watch mode reacts to.
/// </summary>
/// <param name="EventSource">CloudTrail's eventSource ("lambda.amazonaws.com").</param>
/// <param name="ApiName">
/// The API's name. CloudTrail records some services' calls with the API version appended (Lambda's
/// "UpdateFunctionConfiguration20150331v2"), so the rule matches it as a prefix and the code strips the suffix.
/// </param>
internal sealed record WatchedEvent(string EventSource, string ApiName, EventReach Reach, TouchedBy Touches);

/// <summary>
/// The one list of the CloudTrail events watch mode reacts to. The template's EventBridge rule is generated from it
/// (<see cref="EventPattern"/>; <c>WatchTemplateTests</c> fails when the template's pattern differs) and the event reader
/// looks events up in it, so what is delivered and what is understood cannot drift apart.
/// </summary>
internal static class WatchedEvents
{
    /// <summary>EventBridge's detail-type for CloudTrail management events.</summary>
    public const string DetailType = "AWS API Call via CloudTrail";

    /// <summary>Every watched call, grouped by service.</summary>
    public static IReadOnlyList<WatchedEvent> All { get; } =
    [
        new("lambda.amazonaws.com", "CreateFunction", EventReach.Membership, TouchedBy.FunctionName),
        new("lambda.amazonaws.com", "UpdateFunctionConfiguration", EventReach.Resource, TouchedBy.FunctionName),
        new("lambda.amazonaws.com", "DeleteFunction", EventReach.Membership, TouchedBy.FunctionName),
        new("lambda.amazonaws.com", "TagResource", EventReach.Membership, TouchedBy.LambdaResourceArn),
        new("lambda.amazonaws.com", "UntagResource", EventReach.Membership, TouchedBy.LambdaResourceArn),
        new("apigateway.amazonaws.com", "CreateStage", EventReach.Membership, TouchedBy.RestApiStage),
        new("apigateway.amazonaws.com", "UpdateStage", EventReach.Resource, TouchedBy.RestApiStage),
        new("apigateway.amazonaws.com", "DeleteStage", EventReach.Membership, TouchedBy.RestApiStage),
        new("apigateway.amazonaws.com", "CreateDeployment", EventReach.Membership, TouchedBy.RestApiStage),
        new("apigateway.amazonaws.com", "TagResource", EventReach.Membership, TouchedBy.ApiGatewayResourceArn),
        new("apigateway.amazonaws.com", "UntagResource", EventReach.Membership, TouchedBy.ApiGatewayResourceArn),
        new("monitoring.amazonaws.com", "PutMetricAlarm", EventReach.PolicyObject, TouchedBy.AlarmNames),
        new("monitoring.amazonaws.com", "DeleteAlarms", EventReach.PolicyObject, TouchedBy.AlarmNames),
        new("monitoring.amazonaws.com", "PutDashboard", EventReach.PolicyObject, TouchedBy.DashboardNames),
        new("monitoring.amazonaws.com", "DeleteDashboards", EventReach.PolicyObject, TouchedBy.DashboardNames),
        new("logs.amazonaws.com", "PutRetentionPolicy", EventReach.Resource, TouchedBy.LogGroupName),
        new("logs.amazonaws.com", "DeleteRetentionPolicy", EventReach.Resource, TouchedBy.LogGroupName),
    ];

    /// <summary>
    /// The watched call <paramref name="eventName"/> from <paramref name="eventSource"/> is, or null. A trailing API
    /// version ("20150331", "20150331v2") is ignored, as the rule's prefix match ignores it.
    /// </summary>
    public static WatchedEvent? Find(string eventSource, string eventName) =>
        All.FirstOrDefault(watched => watched.EventSource == eventSource && ApiNameOf(eventName) == watched.ApiName);

    /// <summary>"UpdateFunctionConfiguration20150331v2" → "UpdateFunctionConfiguration"; other names unchanged.</summary>
    public static string ApiNameOf(string eventName)
    {
        ArgumentNullException.ThrowIfNull(eventName);
        var end = eventName.Length;
        if (end > 2 && char.IsAsciiDigit(eventName[end - 1]) && eventName.LastIndexOf('v') is var v && v > 0 && IsDigits(eventName, v + 1, end))
        {
            end = v;
        }

        return end >= 8 && IsDigits(eventName, end - 8, end) ? eventName[..(end - 8)] : eventName;
    }

    /// <summary>
    /// The EventBridge event pattern of the watch rule, as compact JSON with its members in a fixed order: the
    /// detail-type, CloudTrail's eventSource values and the API names as prefixes. It names no EventBridge "source": the
    /// detail's eventSource is CloudTrail's own name for the service, while EventBridge's source for CloudWatch's calls
    /// is documented in more than one spelling (aws.monitoring, aws.cloudwatch).
    /// </summary>
    public static string EventPattern()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            WriteStrings(writer, "detail-type", [DetailType]);
            writer.WriteStartObject("detail");
            WriteStrings(writer, "eventSource", All.Select(watched => watched.EventSource).Distinct());
            writer.WriteStartArray("eventName");
            foreach (var apiName in All.Select(watched => watched.ApiName).Distinct())
            {
                writer.WriteStartObject();
                writer.WriteString("prefix", apiName);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteStrings(Utf8JsonWriter writer, string name, IEnumerable<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    private static bool IsDigits(string text, int start, int end)
    {
        if (start >= end)
        {
            return false;
        }

        for (var i = start; i < end; i++)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                return false;
            }
        }

        return true;
    }
}
