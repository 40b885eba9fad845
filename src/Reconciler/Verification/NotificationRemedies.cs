namespace Reconciler.Verification;

/// <summary>
/// What to do about a broken notification path, for the causes the notification-path check and the drill both find,
/// so a person reads the same fix whichever of them found it.
/// </summary>
internal static class NotificationRemedies
{
    /// <summary>The AWS managed key SNS topics can be encrypted with, which CloudWatch alarms cannot use.</summary>
    public const string AwsManagedKeyAlias = "alias/aws/sns";

    /// <summary>A topic encrypted with <see cref="AwsManagedKeyAlias"/>.</summary>
    public const string AwsManagedKey =
        "Encrypt the topic with a customer managed KMS key whose key policy lets the service principal cloudwatch.amazonaws.com call kms:Decrypt and kms:GenerateDataKey*, or remove the encryption: CloudWatch cannot use the AWS managed key alias/aws/sns, and its key policy cannot be changed.";

    /// <summary>A topic whose access policy does not let CloudWatch publish.</summary>
    public const string AllowCloudWatchToPublish =
        "Add a statement to the topic's access policy: Effect Allow, Principal {\"Service\": \"cloudwatch.amazonaws.com\"}, Action sns:Publish, on the topic (optionally with an ArnLike condition on aws:SourceArn for the alarms).";
}
