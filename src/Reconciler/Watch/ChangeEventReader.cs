using System.Globalization;
using System.Text.Json;
using Reconciler.Discovery;

namespace Reconciler.Watch;

/// <summary>What reading one delivered event gave: a watched change, an event to ignore, or an error.</summary>
internal abstract record EventReading
{
    /// <summary>A CloudTrail event of a watched call.</summary>
    internal sealed record Change(ChangeEvent Event) : EventReading;

    /// <summary>A readable event that needs no work (a call that is not watched); retrying it would not help.</summary>
    internal sealed record Ignored(string Id, string EventName, string Reason) : EventReading;

    /// <summary>Not an event this function can read; it goes back to the queue and, after a few tries, to its dead-letter queue.</summary>
    internal sealed record Unreadable(string Reason) : EventReading;
}

/// <summary>
/// Reads an "AWS API Call via CloudTrail" event as EventBridge delivers it (envelope: version, id, detail-type,
/// source, account, time, region, resources, detail = the CloudTrail record) and finds the resources it touched from
/// the members <see cref="WatchedEvents"/> names. Lenient about members it does not use (CloudTrail adds fields over
/// time), strict about the ones it does.
/// </summary>
internal static class ChangeEventReader
{
    /// <summary>Reads one event.</summary>
    public static EventReading Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException error)
        {
            return new EventReading.Unreadable($"it is not valid JSON ({error.Message})");
        }

        using (document)
        {
            return Read(document.RootElement);
        }
    }

    /// <summary>Reads one event already parsed.</summary>
    public static EventReading Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return new EventReading.Unreadable($"it is a JSON {root.ValueKind.ToString().ToUpperInvariant()}, not an EventBridge event object");
        }

        var id = Text(root, "id");
        var detailType = Text(root, "detail-type");
        if (id is null || detailType is null)
        {
            return new EventReading.Unreadable("it has no \"id\" or \"detail-type\", so it is not an EventBridge event");
        }

        if (detailType != WatchedEvents.DetailType)
        {
            return new EventReading.Unreadable($"event {id} has detail-type '{detailType}'; watch mode reads only '{WatchedEvents.DetailType}' events");
        }

        if (!root.TryGetProperty("detail", out var detail) || detail.ValueKind != JsonValueKind.Object)
        {
            return new EventReading.Unreadable($"event {id} has no \"detail\" object (the CloudTrail record)");
        }

        var eventSource = Text(detail, "eventSource");
        var eventName = Text(detail, "eventName");
        if (eventSource is null || eventName is null)
        {
            return new EventReading.Unreadable($"event {id} has no detail.eventSource or detail.eventName");
        }

        if (WatchedEvents.Find(eventSource, eventName) is not { } watched)
        {
            return new EventReading.Ignored(id, eventName, $"{eventSource} {eventName} is not a call watch mode reacts to");
        }

        var request = Member(detail, "requestParameters");
        var response = Member(detail, "responseElements");
        var errorCode = Text(detail, "errorCode");
        var touched = Touched(watched.Touches, request, response);
        if (touched.Count == 0 && errorCode is null)
        {
            return new EventReading.Unreadable($"event {id} ({eventName}) names no resource where CloudTrail records one ({Where(watched.Touches)})");
        }

        return new EventReading.Change(new ChangeEvent(
            id,
            Text(detail, "eventID"),
            eventName,
            watched,
            Time(Text(detail, "eventTime") ?? Text(root, "time")),
            Text(detail, "awsRegion") ?? Text(root, "region"),
            AuthorOf(Member(detail, "userIdentity")),
            touched,
            errorCode));
    }

    private static List<TouchedResource> Touched(TouchedBy touches, JsonElement? request, JsonElement? response)
    {
        var touched = new List<TouchedResource>();
        switch (touches)
        {
            case TouchedBy.FunctionName:
                if (FunctionNameOf(Text(request, "functionName") ?? Text(response, "functionName")) is { } function)
                {
                    touched.Add(new TouchedFunction(function));
                }

                break;
            case TouchedBy.LambdaResourceArn:
                if (ResourceArn.Parse(Text(request, "resource") ?? string.Empty) is FunctionArn arn)
                {
                    touched.Add(new TouchedFunction(arn.FunctionName));
                }

                break;
            case TouchedBy.RestApiStage:
                if (Text(request, "restApiId") is { Length: > 0 } apiId)
                {
                    touched.Add(new TouchedStage(apiId, Text(request, "stageName") is { Length: > 0 } stage ? stage : null));
                }

                break;
            case TouchedBy.ApiGatewayResourceArn:
                switch (ResourceArn.Parse(Text(request, "resourceArn") ?? string.Empty))
                {
                    case StageArn stage:
                        touched.Add(new TouchedStage(stage.RestApiId, stage.StageName));
                        break;
                    case RestApiArn api:
                        touched.Add(new TouchedStage(api.RestApiId, null));
                        break;
                }

                break;
            case TouchedBy.AlarmNames:
                touched.AddRange(Names(request, "alarmName", "alarmNames").Select(name => new TouchedAlarm(name)));
                break;
            case TouchedBy.DashboardNames:
                touched.AddRange(Names(request, "dashboardName", "dashboardNames").Select(name => new TouchedDashboard(name)));
                break;
            case TouchedBy.LogGroupName:
                if (Text(request, "logGroupName") is { Length: > 0 } logGroup)
                {
                    touched.Add(new TouchedLogGroup(logGroup));
                }

                break;
        }

        return touched;
    }

    /// <summary>
    /// A function's name from what Lambda accepts as FunctionName: a name, a full ARN or a partial ARN
    /// ("123456789012:function:name"), any of them with a ":qualifier".
    /// </summary>
    internal static string? FunctionNameOf(string? functionName)
    {
        if (string.IsNullOrEmpty(functionName))
        {
            return null;
        }

        var marker = functionName.IndexOf("function:", StringComparison.Ordinal);
        var name = marker >= 0 ? functionName[(marker + "function:".Length)..] : functionName;
        var qualifier = name.IndexOf(':', StringComparison.Ordinal);
        name = qualifier >= 0 ? name[..qualifier] : name;
        return name.Length == 0 ? null : name;
    }

    private static string Where(TouchedBy touches) => touches switch
    {
        TouchedBy.FunctionName => "requestParameters.functionName",
        TouchedBy.LambdaResourceArn => "requestParameters.resource",
        TouchedBy.RestApiStage => "requestParameters.restApiId",
        TouchedBy.ApiGatewayResourceArn => "requestParameters.resourceArn",
        TouchedBy.AlarmNames => "requestParameters.alarmName or alarmNames",
        TouchedBy.DashboardNames => "requestParameters.dashboardName or dashboardNames",
        _ => "requestParameters.logGroupName",
    };

    private static ChangeAuthor AuthorOf(JsonElement? identity)
    {
        var issuer = Member(Member(identity, "sessionContext"), "sessionIssuer");
        return new ChangeAuthor(Text(identity, "type"), Text(identity, "arn"), Text(issuer, "arn"));
    }

    private static IEnumerable<string> Names(JsonElement? request, string single, string list)
    {
        if (Text(request, single) is { Length: > 0 } name)
        {
            yield return name;
        }

        if (Member(request, list) is { ValueKind: JsonValueKind.Array } names)
        {
            foreach (var item in names.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String && item.GetString() is { Length: > 0 } each)
                {
                    yield return each;
                }
            }
        }
    }

    private static DateTimeOffset? Time(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time) ? time : null;

    private static JsonElement? Member(JsonElement? element, string name) =>
        element is { ValueKind: JsonValueKind.Object } value && value.TryGetProperty(name, out var member) && member.ValueKind != JsonValueKind.Null ? member : null;

    private static string? Text(JsonElement? element, string name) =>
        Member(element, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;
}
