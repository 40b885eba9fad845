using System.Text.Json;
using System.Text.RegularExpressions;

namespace Reconciler.Hosting.Lambda;

/// <summary>What started an invocation.</summary>
public enum LambdaTrigger
{
    /// <summary>An EventBridge schedule ("detail-type": "Scheduled Event", source aws.events).</summary>
    Schedule,

    /// <summary>A person or a pipeline invoking the function with <c>{}</c>, <c>{"dryRun": true}</c>, <c>{"policy": "name"}</c>.</summary>
    Manual,
}

/// <summary>An event the reconciler understands.</summary>
/// <param name="DryRun">The event asked for a dry run.</param>
/// <param name="PolicyName">The event asked for one policy only.</param>
public sealed record LambdaEvent(LambdaTrigger Trigger, bool DryRun, string? PolicyName);

/// <summary>
/// Parses invocation events. Strict on purpose: an unknown field (say "dryrun" for "dryRun") is an error, because
/// silently ignoring it would turn a requested dry run into real writes.
/// </summary>
public static partial class LambdaEventParser
{
    private const string Expected =
        "Expected an EventBridge scheduled event (source \"aws.events\", detail-type \"Scheduled Event\") or a manual event with only " +
        "\"dryRun\" (true or false) and \"policy\" (a policy name), for example {\"dryRun\": true, \"policy\": \"my-app\"}. Nothing was changed.";

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

            if (root.TryGetProperty("source", out _) || root.TryGetProperty("detail-type", out _))
            {
                return TryParseEventBridge(root, out lambdaEvent, out error);
            }

            return TryParseManual(root, out lambdaEvent, out error);
        }
    }

    private static bool TryParseEventBridge(JsonElement root, out LambdaEvent? lambdaEvent, out string? error)
    {
        var source = StringProperty(root, "source");
        var detailType = StringProperty(root, "detail-type");
        if (source == "aws.events" && detailType == "Scheduled Event")
        {
            lambdaEvent = new LambdaEvent(LambdaTrigger.Schedule, DryRun: false, PolicyName: null);
            error = null;
            return true;
        }

        lambdaEvent = null;
        error = $"Unsupported event: an EventBridge event from source '{source}' with detail-type '{detailType}'. {Expected}";
        return false;
    }

    private static bool TryParseManual(JsonElement root, out LambdaEvent? lambdaEvent, out string? error)
    {
        lambdaEvent = null;
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

    private static string? StringProperty(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex PolicyName();
}
