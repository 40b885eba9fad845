using Reconciler.Verification;

namespace Reconciler.Drill;

/// <summary>What to do about a failed alarm action, from CloudWatch's error text; pure. Null when the cause is not one of these.</summary>
internal static class DrillRemedies
{
    /// <summary>The remedy for <paramref name="error"/>, or null.</summary>
    public static string? For(string error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (error.Contains("encryption key", StringComparison.OrdinalIgnoreCase) || error.Contains("AWSKMS", StringComparison.Ordinal))
        {
            return NotificationRemedies.AwsManagedKey;
        }

        if (error.Contains("SNS:Publish", StringComparison.OrdinalIgnoreCase))
        {
            return NotificationRemedies.AllowCloudWatchToPublish;
        }

        if (error.Contains("does not exist", StringComparison.OrdinalIgnoreCase) || error.Contains("NotFound", StringComparison.Ordinal))
        {
            return "Create the topic, or correct the ARN in the policy's spec.alarms.actions and run apply.";
        }

        if (error.Contains("Invalid region", StringComparison.Ordinal) || error.Contains("Invalid partition", StringComparison.Ordinal))
        {
            return "An alarm can notify only SNS topics of its own Region: use a topic in the alarm's Region in spec.alarms.actions and run apply.";
        }

        return null;
    }
}
