namespace Reconciler.Policies;

/// <summary>
/// The spelling of every enumerated policy value, in one place so the loader, its messages and the schema test
/// cannot disagree. Matching is case-sensitive, as in the JSON Schema; a near miss gets a "did you mean".
/// Comparison operators and treatMissingData are spelled as CloudWatch spells them, so the alarm renderer writes
/// these same strings to PutMetricAlarm; messages and the report use them too. Every other file asks here.
/// </summary>
internal static class PolicyVocabulary
{
    public const string ApiVersion = "reconciler.observability/v1";
    public const string Kind = "ObservabilityPolicy";

    public static readonly IReadOnlyList<KeyValuePair<string, PolicyMode>> Modes =
    [
        new("enforce", PolicyMode.Enforce),
        new("audit", PolicyMode.Audit),
    ];

    public static readonly IReadOnlyList<KeyValuePair<string, ResourceType>> ResourceTypes =
    [
        new("lambda:function", ResourceType.LambdaFunction),
        new("apigateway:stage", ResourceType.ApiGatewayStage),
    ];

    /// <summary>The short names used by widgets and by the keys of spec.alarms and spec.tracing.</summary>
    public static readonly IReadOnlyList<KeyValuePair<string, ResourceType>> WidgetResources =
    [
        new("lambda", ResourceType.LambdaFunction),
        new("apiGateway", ResourceType.ApiGatewayStage),
    ];

    public static readonly IReadOnlyList<KeyValuePair<string, LambdaTracingMode>> LambdaTracingModes =
    [
        new("Active", LambdaTracingMode.Active),
        new("PassThrough", LambdaTracingMode.PassThrough),
    ];

    /// <summary>spec.logs.format, spelled as Lambda spells LoggingConfig.LogFormat.</summary>
    public static readonly IReadOnlyList<KeyValuePair<string, LambdaLogFormat>> LogFormats =
    [
        new("JSON", LambdaLogFormat.Json),
        new("Text", LambdaLogFormat.Text),
    ];

    /// <summary>spec.logs.applicationLogLevel, spelled as Lambda spells LoggingConfig.ApplicationLogLevel.</summary>
    public static readonly IReadOnlyList<KeyValuePair<string, LambdaApplicationLogLevel>> ApplicationLogLevels =
    [
        new("TRACE", LambdaApplicationLogLevel.Trace),
        new("DEBUG", LambdaApplicationLogLevel.Debug),
        new("INFO", LambdaApplicationLogLevel.Info),
        new("WARN", LambdaApplicationLogLevel.Warn),
        new("ERROR", LambdaApplicationLogLevel.Error),
        new("FATAL", LambdaApplicationLogLevel.Fatal),
    ];

    /// <summary>spec.logs.systemLogLevel, spelled as Lambda spells LoggingConfig.SystemLogLevel.</summary>
    public static readonly IReadOnlyList<KeyValuePair<string, LambdaSystemLogLevel>> SystemLogLevels =
    [
        new("DEBUG", LambdaSystemLogLevel.Debug),
        new("INFO", LambdaSystemLogLevel.Info),
        new("WARN", LambdaSystemLogLevel.Warn),
    ];

    public static readonly IReadOnlyList<KeyValuePair<string, ComparisonOperator>> Comparisons =
    [
        new("GreaterThanThreshold", ComparisonOperator.GreaterThanThreshold),
        new("GreaterThanOrEqualToThreshold", ComparisonOperator.GreaterThanOrEqualToThreshold),
        new("LessThanThreshold", ComparisonOperator.LessThanThreshold),
        new("LessThanOrEqualToThreshold", ComparisonOperator.LessThanOrEqualToThreshold),
    ];

    public static readonly IReadOnlyList<KeyValuePair<string, TreatMissingData>> MissingData =
    [
        new("notBreaching", TreatMissingData.NotBreaching),
        new("breaching", TreatMissingData.Breaching),
        new("ignore", TreatMissingData.Ignore),
        new("missing", TreatMissingData.Missing),
    ];

    public static readonly IReadOnlyList<KeyValuePair<string, WidgetType>> WidgetTypes =
    [
        new("metric", WidgetType.Metric),
        new("alarmStatus", WidgetType.AlarmStatus),
        new("logs", WidgetType.Logs),
    ];

    public static readonly IReadOnlyList<KeyValuePair<string, ReportWhen>> ReportWhens =
    [
        new("onChange", ReportWhen.OnChange),
        new("always", ReportWhen.Always),
        new("onError", ReportWhen.OnError),
    ];

    /// <summary>The spelling of <paramref name="value"/> in a policy.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The table has no spelling for the value (a new enum value
    /// was added without one; PolicyVocabularyTests catches that).</exception>
    public static string Spell<T>(IReadOnlyList<KeyValuePair<string, T>> table, T value)
        where T : struct, Enum
    {
        foreach (var entry in table)
        {
            if (EqualityComparer<T>.Default.Equals(entry.Value, value))
            {
                return entry.Key;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(value), value, $"PolicyVocabulary has no spelling for {typeof(T).Name}.{value}");
    }

    /// <summary>selector.resourceTypes spelling: "lambda:function", "apigateway:stage".</summary>
    public static string ResourceTypeName(ResourceType type) => Spell(ResourceTypes, type);

    /// <summary>treatMissingData spelling, which is also CloudWatch's TreatMissingData value.</summary>
    public static string MissingDataName(TreatMissingData value) => Spell(MissingData, value);

    /// <summary>comparison spelling, which is also CloudWatch's ComparisonOperator value.</summary>
    public static string ComparisonName(ComparisonOperator value) => Spell(Comparisons, value);

    /// <summary>logs.format spelling, which is also Lambda's LogFormat value.</summary>
    public static string LogFormatName(LambdaLogFormat value) => Spell(LogFormats, value);

    /// <summary>logs.applicationLogLevel spelling, which is also Lambda's ApplicationLogLevel value.</summary>
    public static string ApplicationLogLevelName(LambdaApplicationLogLevel value) => Spell(ApplicationLogLevels, value);

    /// <summary>logs.systemLogLevel spelling, which is also Lambda's SystemLogLevel value.</summary>
    public static string SystemLogLevelName(LambdaSystemLogLevel value) => Spell(SystemLogLevels, value);

    /// <summary>report.when spelling.</summary>
    public static string WhenName(ReportWhen value) => Spell(ReportWhens, value);
}
