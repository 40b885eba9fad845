using System.Text.Json;
using Reconciler.Planning;

namespace Reconciler.Verification;

/// <summary>What a topic's access policy says about CloudWatch alarms publishing to it.</summary>
/// <param name="NotAllowed">Alarms no Allow statement lets publish (sorted); empty when every alarm may.</param>
/// <param name="Denied">Alarms an unconditional Deny stops (sorted).</param>
/// <param name="Unreadable">Why the policy could not be read as JSON, or null.</param>
internal sealed record TopicPolicyVerdict(IReadOnlyList<string> NotAllowed, IReadOnlyList<string> Denied, string? Unreadable = null);

/// <summary>
/// Reads an SNS topic policy the way it matters for alarms: does a statement let CloudWatch (the service principal
/// cloudwatch.amazonaws.com, which a Principal of "*" also covers) call sns:Publish on the topic for a given alarm?
/// This is a deliberately small evaluator, not IAM: conditions on aws:SourceArn (the alarm's ARN),
/// aws:SourceAccount and AWS:SourceOwner (the account) are evaluated; an Allow with any other condition is given the
/// benefit of the doubt (counted as allowing), and a Deny with any condition is not counted, so that it never warns
/// about a path that may work. `reconciler drill` is what proves a path end to end.
/// </summary>
internal static class TopicPolicy
{
    private const string CloudWatchService = "cloudwatch.amazonaws.com";

    /// <summary>Judges <paramref name="policyJson"/> for each of <paramref name="alarms"/> (name → ARN).</summary>
    public static TopicPolicyVerdict Judge(string policyJson, string topicArn, string accountId, IReadOnlyDictionary<string, string> alarms)
    {
        List<JsonElement> statements;
        try
        {
            using var document = JsonDocument.Parse(policyJson);
            var statement = document.RootElement.TryGetProperty("Statement", out var found) ? found : default;
            statements = statement.ValueKind switch
            {
                JsonValueKind.Array => [.. statement.EnumerateArray().Select(item => item.Clone())],
                JsonValueKind.Object => [statement.Clone()],
                _ => [],
            };
        }
        catch (JsonException error)
        {
            return new TopicPolicyVerdict([], [], $"the topic policy is not valid JSON ({error.Message})");
        }

        var notAllowed = new SortedSet<string>(StringComparer.Ordinal);
        var denied = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (name, arn) in alarms)
        {
            var applicable = statements.Where(s => CoversCloudWatchPublish(s, topicArn)).ToList();
            if (!applicable.Any(s => Is(s, "Allow") && AllowConditionHolds(s, arn, accountId)))
            {
                notAllowed.Add(name);
            }

            if (applicable.Any(s => Is(s, "Deny") && !s.TryGetProperty("Condition", out _)))
            {
                denied.Add(name);
            }
        }

        return new TopicPolicyVerdict([.. notAllowed], [.. denied]);
    }

    private static bool Is(JsonElement statement, string effect) =>
        statement.TryGetProperty("Effect", out var value) && value.ValueKind == JsonValueKind.String
        && string.Equals(value.GetString(), effect, StringComparison.Ordinal);

    // NotPrincipal, NotAction and NotResource statements are not judged: they are rare on topics and easy to misread.
    private static bool CoversCloudWatchPublish(JsonElement statement, string topicArn) =>
        statement.TryGetProperty("Principal", out var principal) && CoversCloudWatch(principal)
        && statement.TryGetProperty("Action", out var action) && Strings(action).Any(a => Glob.IsMatch(a.ToLowerInvariant(), "sns:publish"))
        && (!statement.TryGetProperty("Resource", out var resource) || Strings(resource).Any(r => Glob.IsMatch(r, topicArn)));

    private static bool CoversCloudWatch(JsonElement principal) => principal.ValueKind switch
    {
        JsonValueKind.String => principal.GetString() == "*",
        JsonValueKind.Object =>
            (principal.TryGetProperty("AWS", out var aws) && Strings(aws).Contains("*"))
            || (principal.TryGetProperty("Service", out var service) && Strings(service).Contains(CloudWatchService, StringComparer.OrdinalIgnoreCase)),
        _ => false,
    };

    private static bool AllowConditionHolds(JsonElement statement, string alarmArn, string accountId)
    {
        if (!statement.TryGetProperty("Condition", out var condition) || condition.ValueKind != JsonValueKind.Object)
        {
            return true;
        }

        foreach (var test in condition.EnumerateObject())
        {
            if (test.Value.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            foreach (var key in test.Value.EnumerateObject())
            {
                var values = Strings(key.Value).ToList();
                var holds = key.Name.ToLowerInvariant() switch
                {
                    "aws:sourcearn" => values.Any(pattern => Glob.IsMatch(pattern, alarmArn)),
                    "aws:sourceaccount" or "aws:sourceowner" => values.Contains(accountId, StringComparer.Ordinal),
                    _ => true, // not evaluated: benefit of the doubt
                };
                if (!holds)
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static IEnumerable<string> Strings(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => [value.GetString()!],
        JsonValueKind.Array => value.EnumerateArray().Where(item => item.ValueKind == JsonValueKind.String).Select(item => item.GetString()!),
        _ => [],
    };
}
