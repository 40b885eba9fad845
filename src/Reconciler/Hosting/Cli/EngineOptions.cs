using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Reconciler.Actuation;
using Reconciler.Planning;
using Reconciler.Telemetry;

namespace Reconciler.Hosting.Cli;

/// <summary>
/// The options `plan` and `apply` share, declared once. Every value is checked while the command line is parsed, so a
/// typo stops the command with one sentence (option, value given, what is valid) before anything is read or written.
/// </summary>
internal sealed class EngineOptions
{
    /// <summary>The longest --deadline: a run that needs more than a day should be split with --max-changes.</summary>
    public const int MaxDeadlineSeconds = 86_400;

    /// <summary>--policies DIR.</summary>
    public Option<string> Policies { get; } = new("--policies")
    {
        Description = "Directory of policy files (*.yaml, *.yml), read recursively.",
        DefaultValueFactory = _ => "policies",
        HelpName = "DIR",
    };

    /// <summary>--policy NAME.</summary>
    public Option<string?> Policy { get; } = new("--policy")
    {
        Description = "Run only the policy with this metadata.name.",
        HelpName = "NAME",
    };

    /// <summary>--region.</summary>
    public Option<string?> Region { get; } = new("--region")
    {
        Description = "AWS Region (default: AWS_REGION, AWS_DEFAULT_REGION, or the profile's region).",
        Validators = { result => Check(result, InputRules.CheckRegion) },
    };

    /// <summary>--endpoint-url.</summary>
    public Option<Uri?> EndpointUrl { get; } = new("--endpoint-url")
    {
        Description = "Send every AWS call to this URL (e.g. a local emulator). Default: AWS_ENDPOINT_URL_<SERVICE>, AWS_ENDPOINT_URL, else AWS.",
        HelpName = "URL",
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
            if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
            {
                return uri;
            }

            result.AddError($"--endpoint-url: '{text}' is not an http(s) URL. Use e.g. http://127.0.0.1:5000.");
            return null;
        },
    };

    /// <summary>--output text|json.</summary>
    public Option<OutputFormat> Output { get; } = new("--output")
    {
        Description = "text for people, json for machines (the versioned report, see docs/report-schema.md).",
        DefaultValueFactory = _ => OutputFormat.Text,
        HelpName = "text|json",
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
            if (Enum.TryParse<OutputFormat>(text, ignoreCase: true, out var format) && Enum.IsDefined(format))
            {
                return format;
            }

            result.AddError($"--output: '{text}' is not a format this command writes. Use text or json.");
            return OutputFormat.Text;
        },
    };

    /// <summary>--max-changes N.</summary>
    public Option<int> MaxChanges { get; } = new("--max-changes")
    {
        Description = $"Write at most N changes this run (0 to {InputRules.MaxChangesLimit}); the rest is reported as pending.",
        DefaultValueFactory = _ => ApplyOptions.DefaultMaxChanges,
        HelpName = "N",
        CustomParser = result => WholeNumber(result, 0, InputRules.MaxChangesLimit, "a whole number"),
    };

    /// <summary>--deadline SECONDS.</summary>
    public Option<int> Deadline { get; } = new("--deadline")
    {
        Description = $"Stop starting writes after this many seconds (1 to {MaxDeadlineSeconds}); what is left is reported as pending.",
        DefaultValueFactory = _ => 3600,
        HelpName = "SECONDS",
        CustomParser = result => WholeNumber(result, 1, MaxDeadlineSeconds, "a whole number of seconds"),
    };

    /// <summary>--alarm-prefix.</summary>
    public Option<string> AlarmPrefix { get; } = new("--alarm-prefix")
    {
        Description = "First segment of every alarm name the reconciler owns (must match the deployed function's ALARM_NAME_PREFIX).",
        DefaultValueFactory = _ => PlanningOptions.DefaultAlarmNamePrefix,
        HelpName = "PREFIX",
        Validators = { result => Check(result, InputRules.CheckAlarmNamePrefix) },
    };

    /// <summary>--log-level.</summary>
    public Option<RunLogLevel?> LogLevel { get; } = new("--log-level")
    {
        Description = $"Write JSON log lines to stderr at this level ({InputRules.LogLevelRule}). Default: none.",
        HelpName = "LEVEL",
        CustomParser = result =>
        {
            var text = Token(result);
            if (InputRules.TryParseLogLevel(text, out var level))
            {
                return level;
            }

            result.AddError(InputRules.LogLevelProblem("--log-level", text));
            return null;
        },
    };

    /// <summary>Adds every shared option to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Policies, Policy, Region, EndpointUrl, Output, MaxChanges, Deadline, AlarmPrefix, LogLevel })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>Adds the message of <paramref name="rule"/> to the option's errors when its value breaks the rule.</summary>
    internal static void Check(OptionResult result, Func<string, string, string?> rule)
    {
        // A string option cannot fail to convert, so reading its value here cannot throw.
        if (result.Tokens.Count > 0 && rule(result.Option.Name, result.Tokens[0].Value) is { } problem)
        {
            result.AddError(problem);
        }
    }

    private static string Token(ArgumentResult result) => result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;

    // Parsing here rather than validating after System.CommandLine's own conversion: a value that does not convert
    // (abc, 1.5, 99999999999) made reading it in a validator throw, and the process abort with a stack trace.
    internal static int WholeNumber(ArgumentResult result, int min, int max, string what)
    {
        var text = Token(result);
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        var name = result.Parent is OptionResult option ? option.Option.Name : "value";
        result.AddError(string.Create(CultureInfo.InvariantCulture, $"{name}: '{text}' is not {what} from {min} to {max}."));
        return min;
    }
}

/// <summary>How results are printed.</summary>
internal enum OutputFormat
{
    /// <summary>Plan and report text for people.</summary>
    Text,

    /// <summary>The versioned JSON report.</summary>
    Json,
}
