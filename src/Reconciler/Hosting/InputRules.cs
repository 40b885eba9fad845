using System.Text.RegularExpressions;
using Reconciler.Telemetry;

namespace Reconciler.Hosting;

/// <summary>
/// The rules for values a person types into the CLI's options or the function's environment. Both hosts call these,
/// so they accept the same values and say the same thing about a wrong one. Each <c>Check…</c> returns null when the
/// value is valid, else one sentence naming the option or variable, the value given, and what would be valid.
/// </summary>
/// <remarks>Every pattern is anchored with \A and \z: .NET's $ also matches before a final "\n".</remarks>
internal static partial class InputRules
{
    /// <summary>The largest change budget accepted: 3 PutMetricAlarm/s for 900 s is 2,700 writes.</summary>
    public const int MaxChangesLimit = 10_000;

    /// <summary>Valid alarm name prefixes, in words, for messages and docs.</summary>
    public const string AlarmNamePrefixRule =
        "1 to 100 letters, digits, '-', '_' or '.', starting with a letter or digit; the IAM policy limits alarm writes to '<prefix>-*'";

    /// <summary>The log levels both hosts accept, in words.</summary>
    public const string LogLevelRule = "Debug, Information, Warning or Error";

    /// <summary>Null when <paramref name="prefix"/> can start every owned alarm name; else why not.</summary>
    /// <param name="name">The option or variable the value came from, e.g. --alarm-prefix or ALARM_NAME_PREFIX.</param>
    public static string? CheckAlarmNamePrefix(string name, string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        // An empty prefix would make names like "-app-…" and turn the prune listing (DescribeAlarms by prefix) into
        // the whole account; a character CloudWatch names cannot hold would be silently replaced.
        return AlarmNamePrefixPattern().IsMatch(prefix) ? null : $"{name}: '{prefix}' is not a usable alarm name prefix. Use {AlarmNamePrefixRule}.";
    }

    /// <summary>Null when <paramref name="region"/> looks like an AWS Region code (us-east-1, us-gov-west-1); else why not.</summary>
    public static string? CheckRegion(string name, string region)
    {
        ArgumentNullException.ThrowIfNull(region);
        return RegionPattern().IsMatch(region)
            ? null
            : $"{name}: '{region}' is not an AWS Region. Use a Region code such as us-east-1 or eu-west-1.";
    }

    /// <summary>Null when <paramref name="arn"/> is an SNS topic ARN; else why not.</summary>
    public static string? CheckSnsTopicArn(string name, string arn)
    {
        ArgumentNullException.ThrowIfNull(arn);
        if (!SnsTopicArnPattern().IsMatch(arn))
        {
            return $"{name}: '{arn}' is not an SNS topic ARN. Use arn:<partition>:sns:<region>:<12-digit account id>:<topic name>, e.g. arn:aws:sns:us-east-1:123456789012:drift-reports.";
        }

        // The same rule as a policy's spec.report.topicArn: Publish to a FIFO topic needs a MessageGroupId, which
        // report publishing does not send, so every report would fail to publish.
        return arn.EndsWith(".fifo", StringComparison.Ordinal)
            ? $"{name}: '{arn}' is a FIFO topic; reports are published without a MessageGroupId, which FIFO topics require. Use a standard topic."
            : null;
    }

    /// <summary>Parses a log level by name, in any case; Trace, Info and Warn are accepted as the usual aliases.</summary>
    public static bool TryParseLogLevel(string text, out RunLogLevel level)
    {
        ArgumentNullException.ThrowIfNull(text);
        (var known, level) = text.ToUpperInvariant() switch
        {
            "DEBUG" or "TRACE" => (true, RunLogLevel.Debug),
            "INFORMATION" or "INFO" => (true, RunLogLevel.Information),
            "WARNING" or "WARN" => (true, RunLogLevel.Warning),
            "ERROR" => (true, RunLogLevel.Error),
            _ => (false, RunLogLevel.Information),
        };
        return known;
    }

    /// <summary>The message for a value <see cref="TryParseLogLevel"/> refused.</summary>
    public static string LogLevelProblem(string name, string text) => $"{name}: '{text}' is not a log level. Use {LogLevelRule}.";

    /// <summary>
    /// The region the AWS clients will use, with where it came from, the way <c>AwsClientOptions.FromEnvironment</c>
    /// picks it (option, then AWS_REGION, then AWS_DEFAULT_REGION; blank values are skipped); null when none of those
    /// is set (the profile's region is read later, and the AWS SDK checks it).
    /// </summary>
    public static (string Source, string Region)? ExplicitRegion(string? optionName, string? optionValue, Func<string, string?> getVariable)
    {
        ArgumentNullException.ThrowIfNull(getVariable);
        if (optionName is not null && !string.IsNullOrWhiteSpace(optionValue))
        {
            return (optionName, optionValue.Trim());
        }

        foreach (var variable in new[] { "AWS_REGION", "AWS_DEFAULT_REGION" })
        {
            if (getVariable(variable) is { } value && !string.IsNullOrWhiteSpace(value))
            {
                return (variable, value.Trim());
            }
        }

        return null;
    }

    [GeneratedRegex(@"\A[A-Za-z0-9][A-Za-z0-9._-]{0,99}\z", RegexOptions.CultureInvariant)]
    private static partial Regex AlarmNamePrefixPattern();

    [GeneratedRegex(@"\A[a-z]{2}(-[a-z]+)+-[0-9]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex RegionPattern();

    [GeneratedRegex(@"\Aarn:aws(-[a-z]+)*:sns:[a-z]{2}(-[a-z]+)+-[0-9]+:[0-9]{12}:[A-Za-z0-9_-]{1,256}(\.fifo)?\z", RegexOptions.CultureInvariant)]
    private static partial Regex SnsTopicArnPattern();
}
