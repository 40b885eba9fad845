using System.CommandLine;
using Reconciler.Actuation;
using Reconciler.Planning;

namespace Reconciler.Hosting.Cli;

/// <summary>The options `plan` and `apply` share, declared once.</summary>
internal sealed class EngineOptions
{
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

            result.AddError($"--endpoint-url '{text}' is not an http(s) URL; e.g. http://127.0.0.1:5000.");
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

            result.AddError($"--output '{text}' is not a format this command writes; use text or json.");
            return OutputFormat.Text;
        },
    };

    /// <summary>--max-changes N.</summary>
    public Option<int> MaxChanges { get; } = new("--max-changes")
    {
        Description = "Write at most N changes this run; the rest is reported as pending.",
        DefaultValueFactory = _ => ApplyOptions.DefaultMaxChanges,
        HelpName = "N",
    };

    /// <summary>--deadline SECONDS.</summary>
    public Option<int> Deadline { get; } = new("--deadline")
    {
        Description = "Stop starting writes after this many seconds; what is left is reported as pending.",
        DefaultValueFactory = _ => 3600,
        HelpName = "SECONDS",
    };

    /// <summary>--alarm-prefix.</summary>
    public Option<string> AlarmPrefix { get; } = new("--alarm-prefix")
    {
        Description = "First segment of every alarm name the reconciler owns (must match the deployed function's ALARM_NAME_PREFIX).",
        DefaultValueFactory = _ => PlanningOptions.DefaultAlarmNamePrefix,
        HelpName = "PREFIX",
    };

    /// <summary>--log-level.</summary>
    public Option<string?> LogLevel { get; } = new("--log-level")
    {
        Description = "Write JSON log lines to stderr at this level (Debug, Information, Warning, Error). Default: none.",
        HelpName = "LEVEL",
    };

    /// <summary>Adds every shared option to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Policies, Policy, Region, EndpointUrl, Output, MaxChanges, Deadline, AlarmPrefix, LogLevel })
        {
            command.Options.Add(option);
        }

        MaxChanges.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 0)
            {
                result.AddError("--max-changes must be 0 or more.");
            }
        });
        Deadline.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() <= 0)
            {
                result.AddError("--deadline must be a positive number of seconds.");
            }
        });
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
