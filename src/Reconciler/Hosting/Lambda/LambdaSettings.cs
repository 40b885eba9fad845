using System.Globalization;
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
internal sealed record LambdaSettings(
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
    public const int MaxChangesPerRunLimit = InputRules.MaxChangesLimit;

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
        if (topicArn is not null && InputRules.CheckSnsTopicArn("REPORT_TOPIC_ARN", topicArn) is { } topicProblem)
        {
            problems.Add(topicProblem + " Or leave it unset.");
        }

        // Lambda sets AWS_REGION itself, but a value overridden by hand would otherwise surface as an AWS SDK
        // exception when the clients are built; checked here, it is named like every other variable.
        if (InputRules.ExplicitRegion(null, null, getVariable) is var (regionSource, region)
            && InputRules.CheckRegion(regionSource, region) is { } regionProblem)
        {
            problems.Add(regionProblem);
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
        if (Read("LOG_LEVEL") is { } levelText && !InputRules.TryParseLogLevel(levelText, out logLevel))
        {
            problems.Add(InputRules.LogLevelProblem("LOG_LEVEL", levelText));
        }

        var prefix = Read("ALARM_NAME_PREFIX") ?? DefaultAlarmNamePrefix;
        if (InputRules.CheckAlarmNamePrefix("ALARM_NAME_PREFIX", prefix) is { } prefixProblem)
        {
            problems.Add(prefixProblem);
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
}

/// <summary>The environment holds invalid settings; <see cref="Problems"/> names each variable and what would be valid.</summary>
internal sealed class InvalidLambdaSettingsException(IReadOnlyList<string> problems)
    : Exception("Invalid configuration, the function cannot start: " + string.Join(" ", problems))
{
    /// <summary>One sentence per invalid variable.</summary>
    public IReadOnlyList<string> Problems { get; } = problems;
}
