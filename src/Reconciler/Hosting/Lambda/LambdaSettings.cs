using System.Globalization;
using System.Text.RegularExpressions;
using Reconciler.Telemetry;

namespace Reconciler.Hosting.Lambda;

/// <summary>
/// The function's configuration, read once at start from environment variables (docs/lambda.md lists them).
/// Invalid values stop the start with one message naming every problem, posted as the init error.
/// </summary>
/// <param name="PolicyDirectory">POLICY_DIR; default: the "policies" folder beside the bootstrap (under LAMBDA_TASK_ROOT).</param>
/// <param name="ReportTopicArn">REPORT_TOPIC_ARN: where drift reports go when a policy names no topic.</param>
/// <param name="DryRun">DRY_RUN: plan and report, never write. An event cannot turn it off.</param>
/// <param name="MaxChangesPerRun">MAX_CHANGES_PER_RUN: a cap on writes per run; null leaves the engine's default.</param>
/// <param name="LogLevel">LOG_LEVEL: Debug, Information, Warning or Error.</param>
/// <param name="AlarmNamePrefix">ALARM_NAME_PREFIX: every alarm the reconciler owns starts with it and a '-'.</param>
public sealed partial record LambdaSettings(
    string PolicyDirectory,
    string? ReportTopicArn,
    bool DryRun,
    int? MaxChangesPerRun,
    RunLogLevel LogLevel,
    string AlarmNamePrefix)
{
    /// <summary>ALARM_NAME_PREFIX when unset; template.yaml's AlarmNamePrefix parameter has the same default.</summary>
    public const string DefaultAlarmNamePrefix = "reconciler";

    /// <summary>The largest MAX_CHANGES_PER_RUN accepted: 3 PutMetricAlarm/s for 900 s is 2,700 writes.</summary>
    public const int MaxChangesPerRunLimit = 10_000;

    /// <summary>
    /// Reads and checks every variable. <paramref name="directoryExists"/> checks POLICY_DIR (default:
    /// <see cref="Directory.Exists(string?)"/>).
    /// </summary>
    /// <exception cref="InvalidLambdaSettingsException">One or more values are invalid; the message lists them all.</exception>
    public static LambdaSettings FromEnvironment(Func<string, string?> getVariable, Func<string, bool>? directoryExists = null)
    {
        ArgumentNullException.ThrowIfNull(getVariable);
        directoryExists ??= Directory.Exists;
        var problems = new List<string>();

        string? Read(string name) => getVariable(name) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

        var taskRoot = Read("LAMBDA_TASK_ROOT") ?? AppContext.BaseDirectory;
        var policyDirectory = Read("POLICY_DIR") ?? Path.Combine(taskRoot, "policies");
        if (!directoryExists(policyDirectory))
        {
            problems.Add($"POLICY_DIR: folder '{policyDirectory}' does not exist. Package the policies folder beside the bootstrap (the Makefile does) or set POLICY_DIR to a folder that holds the policy YAML files.");
        }

        var topicArn = Read("REPORT_TOPIC_ARN");
        if (topicArn is not null && !SnsTopicArn().IsMatch(topicArn))
        {
            problems.Add($"REPORT_TOPIC_ARN: '{topicArn}' is not an SNS topic ARN. Expected arn:aws:sns:<region>:<account-id>:<topic-name>, or leave it unset.");
        }

        var dryRun = false;
        if (Read("DRY_RUN") is { } dryRunText && !TryParseBoolean(dryRunText, out dryRun))
        {
            problems.Add($"DRY_RUN: '{dryRunText}' is not a boolean. Use true or false.");
        }

        int? maxChanges = null;
        if (Read("MAX_CHANGES_PER_RUN") is { } maxText)
        {
            if (int.TryParse(maxText, NumberStyles.None, CultureInfo.InvariantCulture, out var max) && max is >= 1 and <= MaxChangesPerRunLimit)
            {
                maxChanges = max;
            }
            else
            {
                problems.Add($"MAX_CHANGES_PER_RUN: '{maxText}' is not a whole number from 1 to {MaxChangesPerRunLimit}. Leave it unset for the default.");
            }
        }

        var logLevel = RunLogLevel.Information;
        if (Read("LOG_LEVEL") is { } levelText && !TryParseLogLevel(levelText, out logLevel))
        {
            problems.Add($"LOG_LEVEL: '{levelText}' is not a log level. Use Debug, Information, Warning or Error.");
        }

        var prefix = Read("ALARM_NAME_PREFIX") ?? DefaultAlarmNamePrefix;
        if (!AlarmPrefix().IsMatch(prefix))
        {
            problems.Add($"ALARM_NAME_PREFIX: '{prefix}' is not usable. Use 1 to 100 letters, digits, '-', '_' or '.', starting with a letter or digit; the IAM policy limits alarm writes to '<prefix>-*'.");
        }

        if (problems.Count > 0)
        {
            throw new InvalidLambdaSettingsException(problems);
        }

        return new LambdaSettings(policyDirectory, topicArn, dryRun, maxChanges, logLevel, prefix);
    }

    private static bool TryParseBoolean(string text, out bool value)
    {
        switch (text.ToUpperInvariant())
        {
            case "TRUE" or "1" or "YES":
                value = true;
                return true;
            case "FALSE" or "0" or "NO":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }

    private static bool TryParseLogLevel(string text, out RunLogLevel level)
    {
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

    [GeneratedRegex(@"^arn:aws(-[a-z]+)*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}(\.fifo)?$", RegexOptions.CultureInvariant)]
    private static partial Regex SnsTopicArn();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$", RegexOptions.CultureInvariant)]
    private static partial Regex AlarmPrefix();
}

/// <summary>The environment holds invalid settings; <see cref="Problems"/> names each variable and what would be valid.</summary>
public sealed class InvalidLambdaSettingsException(IReadOnlyList<string> problems)
    : Exception("Invalid configuration, the function cannot start: " + string.Join(" ", problems))
{
    /// <summary>One sentence per invalid variable.</summary>
    public IReadOnlyList<string> Problems { get; } = problems;
}
