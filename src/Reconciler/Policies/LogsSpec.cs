namespace Reconciler.Policies;

/// <summary>
/// Lambda logging settings (spec.logs). Each null field is unmanaged: the reconciler neither reads nor changes it.
/// </summary>
/// <param name="RetentionDays">The retention of each selected function's log group, one of <see cref="LogRetentionDays.AllowedDays"/>.</param>
/// <param name="Format">LoggingConfig.LogFormat.</param>
/// <param name="ApplicationLogLevel">LoggingConfig.ApplicationLogLevel; only with <see cref="LambdaLogFormat.Json"/>.</param>
/// <param name="SystemLogLevel">LoggingConfig.SystemLogLevel; only with <see cref="LambdaLogFormat.Json"/>.</param>
internal sealed record LogsSpec(
    int? RetentionDays,
    LambdaLogFormat? Format,
    LambdaApplicationLogLevel? ApplicationLogLevel,
    LambdaSystemLogLevel? SystemLogLevel) : IPolicySection<LogsSpec>
{
    /// <summary>No spec.logs: nothing about logs is managed.</summary>
    public static LogsSpec Unmanaged { get; } = new(null, null, null, null);

    /// <inheritdoc />
    public static LogsSpec Absent => Unmanaged;

    /// <summary>True when the policy manages some part of the functions' LoggingConfig.</summary>
    public bool ManagesLoggingConfig => Format is not null || ApplicationLogLevel is not null || SystemLogLevel is not null;
}

/// <summary>Lambda LoggingConfig.LogFormat.</summary>
internal enum LambdaLogFormat
{
    /// <summary>"Text": unstructured lines.</summary>
    Text,

    /// <summary>"JSON": one JSON object per line, with log levels.</summary>
    Json,
}

/// <summary>Lambda LoggingConfig.ApplicationLogLevel, from the most detailed to the least.</summary>
internal enum LambdaApplicationLogLevel
{
    /// <summary>TRACE.</summary>
    Trace,

    /// <summary>DEBUG.</summary>
    Debug,

    /// <summary>INFO.</summary>
    Info,

    /// <summary>WARN.</summary>
    Warn,

    /// <summary>ERROR.</summary>
    Error,

    /// <summary>FATAL.</summary>
    Fatal,
}

/// <summary>Lambda LoggingConfig.SystemLogLevel, from the most detailed to the least.</summary>
internal enum LambdaSystemLogLevel
{
    /// <summary>DEBUG.</summary>
    Debug,

    /// <summary>INFO.</summary>
    Info,

    /// <summary>WARN.</summary>
    Warn,
}
