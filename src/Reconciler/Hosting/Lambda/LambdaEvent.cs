using System.Text.Json;
using System.Text.RegularExpressions;
using Reconciler.Planning;
using Reconciler.Watch;

namespace Reconciler.Hosting.Lambda;

/// <summary>What started an invocation.</summary>
internal enum LambdaTrigger
{
    /// <summary>An EventBridge schedule ("detail-type": "Scheduled Event", source aws.events).</summary>
    Schedule,

    /// <summary>A person or a pipeline invoking the function with <c>{}</c>, <c>{"dryRun": true}</c>, <c>{"policy": "name"}</c>.</summary>
    Manual,

    /// <summary>A batch of change events from the watch queue, through the SQS event source mapping (docs/watch.md).</summary>
    WatchQueue,

    /// <summary>One CloudTrail change event ("AWS API Call via CloudTrail") sent by an EventBridge rule straight to the function.</summary>
    ChangeEvent,
}

/// <summary>An event the reconciler understands.</summary>
/// <param name="DryRun">The event asked for a dry run.</param>
/// <param name="PolicyName">The event asked for one policy only.</param>
/// <param name="Drill">The event asked for a drill (<c>{"drill": {...}}</c>) instead of a reconcile run.</param>
/// <param name="Changes">The change events of a watch trigger (<see cref="LambdaTrigger.WatchQueue"/>, <see cref="LambdaTrigger.ChangeEvent"/>).</param>
internal sealed record LambdaEvent(LambdaTrigger Trigger, bool DryRun, string? PolicyName, DrillEvent? Drill = null, ChangeDelivery? Changes = null);

/// <summary>
/// Change events to reconcile (docs/watch.md): the messages of an SQS batch (item id = messageId, answered with a
/// partial batch response) or one event EventBridge sent directly (item id = its event id).
/// </summary>
/// <param name="FromQueue">True for an SQS batch: the response names the messages to retry (<c>batchItemFailures</c>).</param>
internal sealed record ChangeDelivery(IReadOnlyList<WatchMessage> Messages, bool FromQueue);

/// <summary>A drill event's options: <c>{"drill": {"policy": "orders", "alarms": ["*-error-rate"]}}</c>, both optional.</summary>
/// <param name="PolicyName">Drill only this policy's alarms.</param>
/// <param name="Alarms">Globs on alarm names; empty drills every owned alarm.</param>
internal sealed record DrillEvent(string? PolicyName, IReadOnlyList<string> Alarms);

/// <summary>
/// Parses invocation events. Strict on purpose, because anything it let through could turn a requested dry run into
/// real writes: an unknown field (say "dryrun" for "dryRun", or "dryRun" added to a scheduled event) and a field given
/// twice (where JSON readers disagree on which copy wins) are errors, and nothing runs.
/// </summary>
internal static partial class LambdaEventParser
{
    private const string Expected =
        "Expected an EventBridge scheduled event (source \"aws.events\", detail-type \"Scheduled Event\", exactly as EventBridge sends it) or a manual event with only " +
        "\"dryRun\" (true or false) and \"policy\" (a policy name), for example {\"dryRun\": true, \"policy\": \"my-app\"}, or a drill event " +
        "{\"drill\": {\"policy\": \"my-app\", \"alarms\": [\"*-error-rate\"]}} (both optional), or, in watch mode, an EventBridge \"AWS API Call via CloudTrail\" event " +
        "or an SQS batch of them from the watch queue (\"Records\" with eventSource \"aws:sqs\"). Nothing was changed.";

    /// <summary>EventBridge's detail-type of a CloudTrail management event.</summary>
    internal const string CloudTrailDetailType = "AWS API Call via CloudTrail";

    // The fields of a scheduled event as EventBridge sends it (replay-name only on events replayed from an archive).
    private static readonly HashSet<string> ScheduledEventFields = new(StringComparer.Ordinal)
    {
        "version", "id", "detail-type", "source", "account", "time", "region", "resources", "detail", "replay-name",
    };

    /// <summary>Parses <paramref name="rawEvent"/>; on failure <paramref name="error"/> says what was wrong and what is expected.</summary>
    public static bool TryParse(string rawEvent, out LambdaEvent? lambdaEvent, out string? error)
    {
        ArgumentNullException.ThrowIfNull(rawEvent);
        lambdaEvent = null;
        error = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(rawEvent);
        }
        catch (JsonException exception)
        {
            error = $"Unsupported event: it is not valid JSON ({exception.Message}). {Expected}";
            return false;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = $"Unsupported event: it is a JSON {root.ValueKind.ToString().ToUpperInvariant()}, not an object. {Expected}";
                return false;
            }

            if (FirstDuplicate(root, "$") is { } duplicate)
            {
                error = $"Unsupported event: the field {duplicate} appears more than once, so it is unclear which value was meant. Send each field once. {Expected}";
                return false;
            }

            if (root.TryGetProperty("Records", out _))
            {
                return TryParseQueueBatch(root, out lambdaEvent, out error);
            }

            if (StringProperty(root, "detail-type") == CloudTrailDetailType)
            {
                return TryParseChangeEvent(root, rawEvent, out lambdaEvent, out error);
            }

            if (root.TryGetProperty("source", out _) || root.TryGetProperty("detail-type", out _))
            {
                return TryParseEventBridge(root, out lambdaEvent, out error);
            }

            return TryParseManual(root, out lambdaEvent, out error);
        }
    }

    /// <summary>The JSON path of the first field that appears twice in one object, at any depth; null if none.</summary>
    private static string? FirstDuplicate(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    var propertyPath = $"{path}.\"{property.Name}\"";
                    if (!seen.Add(property.Name))
                    {
                        return propertyPath;
                    }

                    if (FirstDuplicate(property.Value, propertyPath) is { } nested)
                    {
                        return nested;
                    }
                }

                return null;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (FirstDuplicate(item, $"{path}[{index++}]") is { } nested)
                    {
                        return nested;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    private static bool TryParseEventBridge(JsonElement root, out LambdaEvent? lambdaEvent, out string? error)
    {
        lambdaEvent = null;
        var source = StringProperty(root, "source");
        var detailType = StringProperty(root, "detail-type");
        if (source != "aws.events" || detailType != "Scheduled Event")
        {
            error = $"Unsupported event: an EventBridge event from source '{source}' with detail-type '{detailType}'. {Expected}";
            return false;
        }

        foreach (var property in root.EnumerateObject())
        {
            if (!ScheduledEventFields.Contains(property.Name))
            {
                // Most likely someone added "dryRun" to a scheduled event by hand: running it for real would ignore
                // the dry run they asked for, so it does not run at all.
                error = $"Unsupported event: unknown field \"{property.Name}\" in an EventBridge scheduled event. A scheduled event takes no options; " +
                    $"for a dry run on a schedule set the rule target's input to {{\"dryRun\": true}}, or set DRY_RUN=true. {Expected}";
                return false;
            }
        }

        if (root.TryGetProperty("detail", out var detail) && (detail.ValueKind != JsonValueKind.Object || detail.EnumerateObject().Any()))
        {
            error = $"Unsupported event: the \"detail\" of an EventBridge scheduled event is always {{}}, got {detail.GetRawText()}. A scheduled event takes no options; " +
                $"for a dry run on a schedule set the rule target's input to {{\"dryRun\": true}}, or set DRY_RUN=true. {Expected}";
            return false;
        }

        lambdaEvent = new LambdaEvent(LambdaTrigger.Schedule, DryRun: false, PolicyName: null);
        error = null;
        return true;
    }

    // An SQS batch from the event source mapping: {"Records": [{"messageId", "body", "eventSource": "aws:sqs", ...}]}.
    // Any record from another source (a stream, SNS, S3) refuses the whole event: this function reads only its watch
    // queue, and a misrouted trigger must not be half processed. The bodies are read later, one by one, so one
    // unreadable message fails only itself.
    private static bool TryParseQueueBatch(JsonElement root, out LambdaEvent? lambdaEvent, out string? error)
    {
        lambdaEvent = null;
        if (root.EnumerateObject().Select(property => property.Name).FirstOrDefault(name => name != "Records") is { } other)
        {
            error = $"Unsupported event: an SQS batch has only \"Records\", not \"{other}\" beside it. {Expected}";
            return false;
        }

        var records = root.GetProperty("Records");
        if (records.ValueKind != JsonValueKind.Array || records.GetArrayLength() == 0)
        {
            error = $"Unsupported event: \"Records\" must be a non-empty list of SQS messages, got {FieldFormat.Shorten(records.GetRawText(), 80)}. {Expected}";
            return false;
        }

        var messages = new List<WatchMessage>();
        var index = 0;
        foreach (var record in records.EnumerateArray())
        {
            var where = $"Records[{index++}]";
            if (record.ValueKind != JsonValueKind.Object)
            {
                error = $"Unsupported event: {where} is not an object. {Expected}";
                return false;
            }

            var eventSource = StringProperty(record, "eventSource");
            if (eventSource != "aws:sqs")
            {
                error = $"Unsupported event: {where} comes from eventSource {(eventSource is null ? "(none)" : $"'{eventSource}'")}, not 'aws:sqs'. " +
                    $"This function reads change events only from its watch queue; remove the other trigger. {Expected}";
                return false;
            }

            if (StringProperty(record, "messageId") is not { Length: > 0 } messageId || StringProperty(record, "body") is not { } body)
            {
                error = $"Unsupported event: {where} has no \"messageId\" or \"body\" string, as every SQS message delivered by Lambda has. {Expected}";
                return false;
            }

            messages.Add(new WatchMessage(messageId, body));
        }

        lambdaEvent = new LambdaEvent(LambdaTrigger.WatchQueue, DryRun: false, PolicyName: null, Changes: new ChangeDelivery(messages, FromQueue: true));
        error = null;
        return true;
    }

    // One CloudTrail event sent by a rule straight to the function. Its content is read by the watch run, as an SQS
    // message's body is; here only its id is needed, to name it.
    private static bool TryParseChangeEvent(JsonElement root, string rawEvent, out LambdaEvent? lambdaEvent, out string? error)
    {
        lambdaEvent = null;
        if (StringProperty(root, "id") is not { Length: > 0 } id)
        {
            error = $"Unsupported event: an EventBridge \"{CloudTrailDetailType}\" event without an \"id\", which EventBridge always sets. {Expected}";
            return false;
        }

        lambdaEvent = new LambdaEvent(LambdaTrigger.ChangeEvent, DryRun: false, PolicyName: null, Changes: new ChangeDelivery([new WatchMessage(id, rawEvent)], FromQueue: false));
        error = null;
        return true;
    }

    private static bool TryParseManual(JsonElement root, out LambdaEvent? lambdaEvent, out string? error)
    {
        lambdaEvent = null;
        if (root.TryGetProperty("drill", out var drill))
        {
            return TryParseDrill(root, drill, out lambdaEvent, out error);
        }

        var dryRun = false;
        string? policy = null;
        foreach (var property in root.EnumerateObject())
        {
            switch (property.Name)
            {
                case "dryRun" when property.Value.ValueKind is JsonValueKind.True or JsonValueKind.False:
                    dryRun = property.Value.GetBoolean();
                    break;
                case "dryRun":
                    error = $"Unsupported event: \"dryRun\" must be true or false, got {property.Value.GetRawText()}. {Expected}";
                    return false;
                case "policy" when property.Value.ValueKind == JsonValueKind.String && PolicyName().IsMatch(property.Value.GetString()!):
                    policy = property.Value.GetString();
                    break;
                case "policy":
                    error = $"Unsupported event: \"policy\" must be a policy name (lowercase letters, digits and '-'), got {property.Value.GetRawText()}. {Expected}";
                    return false;
                default:
                    error = $"Unsupported event: unknown field \"{property.Name}\". {Expected}";
                    return false;
            }
        }

        lambdaEvent = new LambdaEvent(LambdaTrigger.Manual, dryRun, policy);
        error = null;
        return true;
    }

    // {"drill": {"policy": "orders", "alarms": ["*-error-rate"]}}: nothing else beside it, so a drill is never mistaken
    // for a run (or a run's dryRun for a drill's).
    private static bool TryParseDrill(JsonElement root, JsonElement drill, out LambdaEvent? lambdaEvent, out string? error)
    {
        lambdaEvent = null;
        if (root.EnumerateObject().Select(property => property.Name).FirstOrDefault(name => name != "drill") is { } other)
        {
            error = $"Unsupported event: a drill event takes only \"drill\", not \"{other}\" beside it (put \"policy\" inside \"drill\"). {Expected}";
            return false;
        }

        if (drill.ValueKind != JsonValueKind.Object)
        {
            error = $"Unsupported event: \"drill\" must be an object such as {{\"policy\": \"orders\", \"alarms\": [\"*-error-rate\"]}}, got {drill.GetRawText()}. {Expected}";
            return false;
        }

        string? policy = null;
        var alarms = new List<string>();
        foreach (var property in drill.EnumerateObject())
        {
            switch (property.Name)
            {
                case "policy" when property.Value.ValueKind == JsonValueKind.String && PolicyName().IsMatch(property.Value.GetString()!):
                    policy = property.Value.GetString();
                    break;
                case "alarms" when property.Value.ValueKind == JsonValueKind.Array
                    && property.Value.EnumerateArray().All(glob => glob.ValueKind == JsonValueKind.String && glob.GetString()!.Length is > 0 and <= 255):
                    alarms.AddRange(property.Value.EnumerateArray().Select(glob => glob.GetString()!));
                    break;
                case "policy":
                    error = $"Unsupported event: \"drill.policy\" must be a policy name (lowercase letters, digits and '-'), got {property.Value.GetRawText()}. {Expected}";
                    return false;
                case "alarms":
                    error = $"Unsupported event: \"drill.alarms\" must be a list of alarm name globs (1 to 255 characters each), got {property.Value.GetRawText()}. {Expected}";
                    return false;
                default:
                    error = $"Unsupported event: unknown field \"drill.{property.Name}\". {Expected}";
                    return false;
            }
        }

        lambdaEvent = new LambdaEvent(LambdaTrigger.Manual, DryRun: false, policy, new DrillEvent(policy, alarms));
        error = null;
        return true;
    }

    private static string? StringProperty(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    [GeneratedRegex(@"\A[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\z", RegexOptions.CultureInvariant)]
    private static partial Regex PolicyName();
}
