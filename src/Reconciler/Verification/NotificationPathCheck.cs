using System.Globalization;
using Reconciler.Planning;
using Reconciler.Reporting;

namespace Reconciler.Verification;

/// <summary>What reading one topic gave: its attributes, or the AWS error code and message that stopped the read.</summary>
internal sealed record TopicRead(IReadOnlyDictionary<string, string>? Attributes, string? ErrorCode = null, string? ErrorMessage = null);

/// <summary>
/// Turns the attributes of the topics the reconciler relies on into warnings: the usual ways a notification path
/// breaks quietly, as AWS's troubleshooting pages list them (the topic is gone, its key is one CloudWatch cannot use,
/// its policy keeps CloudWatch out, nobody has confirmed a subscription). Pure; docs/notification-checks.md lists
/// every code with its cause and remedy.
/// </summary>
internal static class NotificationPathCheck
{
    private const string Check = "notificationPath";
    private const string AwsManagedKeyAlias = NotificationRemedies.AwsManagedKeyAlias;

    /// <summary>The warnings for <paramref name="topic"/>, in a fixed order.</summary>
    public static IReadOnlyList<RunWarning> Assess(NotifiedTopic topic, TopicRead read, string region, string accountId)
    {
        var users = Users(topic);
        if (read.Attributes is not { } attributes)
        {
            return read.ErrorCode is "NotFound" or "NotFoundException"
                ? [Warning(topic, "topicMissing", $"The topic does not exist, so {users} reach nobody.", $"Create the topic in {region}, or correct the topic ARN in the policy ({Policies(topic)}).")]
                : [Warning(topic, "topicUnreadable", $"Its attributes could not be read ({read.ErrorCode}: {read.ErrorMessage}), so this path is unchecked.", UnreadableRemedy(read.ErrorCode))];
        }

        var warnings = new List<RunWarning>();
        var hasAlarms = topic.Alarms.Count > 0;
        if (hasAlarms && attributes.TryGetValue("KmsMasterKeyId", out var key) && IsAwsManagedKey(key))
        {
            warnings.Add(Warning(topic, "awsManagedKey",
                $"The topic is encrypted with the AWS managed key {AwsManagedKeyAlias}, whose key policy CloudWatch cannot use: each alarm's action fails (its history says it \"is not authorized to access the SNS topic's encryption key\").",
                NotificationRemedies.AwsManagedKey));
        }

        if (hasAlarms && attributes.TryGetValue("Policy", out var policy) && policy.Length > 0 && accountId.Length > 0)
        {
            var alarmArns = topic.Alarms.ToDictionary(name => name, name => Arns.Alarm(region, accountId, name), StringComparer.Ordinal);
            var verdict = TopicPolicy.Judge(policy, topic.TopicArn, accountId, alarmArns);
            if (verdict.Denied.Count > 0)
            {
                warnings.Add(Warning(topic, "policyDeniesCloudWatch", verdict.Denied,
                    $"The topic policy denies sns:Publish to CloudWatch, so {ChangeLines.Count(verdict.Denied.Count, "alarm", "alarms")} cannot notify it.",
                    "Remove the Deny statement for cloudwatch.amazonaws.com (or narrow it) in the topic's access policy."));
            }
            else if (verdict.NotAllowed.Count > 0)
            {
                warnings.Add(Warning(topic, "policyDoesNotAllowCloudWatch", verdict.NotAllowed,
                    $"No statement of the topic policy lets CloudWatch publish for {ChangeLines.Count(verdict.NotAllowed.Count, "alarm", "alarms")}, so their actions fail (\"is not authorized to perform: SNS:Publish\").",
                    NotificationRemedies.AllowCloudWatchToPublish));
            }
            else if (verdict.Unreadable is { } why)
            {
                warnings.Add(Warning(topic, "policyUnreadable", $"The topic policy could not be judged: {why}.", "Check the topic's access policy in the SNS console."));
            }
        }

        var confirmed = Number(attributes, "SubscriptionsConfirmed");
        var pending = Number(attributes, "SubscriptionsPending");
        if (confirmed == 0)
        {
            var waiting = pending > 0 ? $" ({ChangeLines.Count(pending, "subscription", "subscriptions")} still pending confirmation)" : string.Empty;
            warnings.Add(Warning(topic, "noConfirmedSubscription",
                $"The topic has no confirmed subscription{waiting}, so {users} reach nobody.",
                pending > 0
                    ? "Ask each e-mail recipient to open the \"AWS Notification - Subscription Confirmation\" message and confirm, or subscribe an endpoint that needs no confirmation (SQS, Lambda, a chat integration)."
                    : "Subscribe the people or systems that must be told (aws sns subscribe --topic-arn … --protocol email --notification-endpoint …) and have them confirm."));
        }
        else if (pending > 0)
        {
            warnings.Add(Warning(topic, "pendingConfirmation",
                $"{ChangeLines.Count(pending, "subscription", "subscriptions")} of the topic {(pending == 1 ? "is" : "are")} still pending confirmation; those recipients get nothing until they confirm.",
                "Ask the recipients to confirm (the link in the \"AWS Notification - Subscription Confirmation\" e-mail), or remove the stale subscriptions."));
        }

        return warnings;
    }

    // Only a refusal is fixed by a grant; anything else (throttling, an unreachable endpoint) is the run's own trouble,
    // already in its errors, and the next run reads the topic again.
    private static string UnreadableRemedy(string? errorCode) => errorCode switch
    {
        "AuthorizationError" or "AuthorizationErrorException" or "AccessDenied" or "AccessDeniedException" =>
            "Allow the reconciler's role sns:GetTopicAttributes on the topic (the template's NotificationPathChecks statement covers the account's topics; a topic of another account must allow it in its own policy).",
        _ => "Nothing to change for the topic itself: the read failed for the reason above, and the next run checks it again.",
    };

    // KmsMasterKeyId is the alias, or an alias ARN ending in it. (A bare key id of the AWS managed key cannot be told
    // apart from a customer managed one without kms:DescribeKey, which this check does not call.)
    private static bool IsAwsManagedKey(string key) =>
        string.Equals(key, AwsManagedKeyAlias, StringComparison.Ordinal) || key.EndsWith(":" + AwsManagedKeyAlias, StringComparison.Ordinal);

    private static int Number(IReadOnlyDictionary<string, string> attributes, string name) =>
        attributes.TryGetValue(name, out var text) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : 0;

    private static string Users(NotifiedTopic topic) => (topic.Alarms.Count, topic.ReceivesReports) switch
    {
        (0, _) => "the drift reports sent to it",
        (var n, false) => $"the notifications of {ChangeLines.Count(n, "alarm", "alarms")}",
        (var n, true) => $"the notifications of {ChangeLines.Count(n, "alarm", "alarms")} and the drift reports",
    };

    private static string Policies(NotifiedTopic topic) => string.Join(", ", topic.Policies);

    private static RunWarning Warning(NotifiedTopic topic, string code, string cause, string remedy) =>
        Warning(topic, code, [.. topic.Alarms, .. topic.ReceivesReports ? ["report"] : Array.Empty<string>()], cause, remedy);

    private static RunWarning Warning(NotifiedTopic topic, string code, IReadOnlyList<string> resources, string cause, string remedy) =>
        RunWarning.Of(Check, code, topic.TopicArn, topic.Policies, resources, cause, remedy);
}
