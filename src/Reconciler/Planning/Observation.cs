using Reconciler.Policies;

namespace Reconciler.Planning;

/// <summary>
/// Everything one run saw in the account, as plain data. Built by discovery and observation (I/O);
/// read by the pure planner. Completeness flags say what may safely be pruned.
/// </summary>
/// <param name="Scopes">One entry per loaded policy: the resources whose tags matched its selector.</param>
/// <param name="Alarms">
/// Every alarm whose name starts with the managed prefix, owned or not, by name. Alarms are the one kind observed here
/// rather than in a slot: ownership proof, the notification-path check and the drill read them too.
/// </param>
/// <param name="AlarmsComplete">False when DescribeAlarms failed or was cut short: then no alarm is pruned.</param>
internal sealed record Observation(
    IReadOnlyList<PolicyScope> Scopes,
    IReadOnlyDictionary<string, AlarmDefinition> Alarms,
    bool AlarmsComplete)
{
    /// <summary>
    /// What each kind observed for itself (its <see cref="IObservationSlot{TSelf}"/>, a type of the kind's folder), read
    /// with <see cref="ObservationSlots.Slot{T}"/>: a kind missing here was not observed.
    /// </summary>
    public TypedBag<IObservationSlot> Slots { get; init; } = ObservationSlots.None;
}

/// <summary>
/// The resources a policy's tag selector matched, before exclusions (which the planner applies).
/// <see cref="Complete"/> is false when discovery or observation of this scope failed or was cut short;
/// then nothing owned by this policy is pruned.
/// </summary>
internal sealed record PolicyScope(
    string PolicyName,
    IReadOnlyList<ObservedFunction> Functions,
    IReadOnlyList<ObservedStage> Stages,
    bool Complete,
    string? IncompleteReason);

/// <summary>A Lambda function as ListFunctions and the tagging API describe it.</summary>
internal sealed record ObservedFunction(
    string FunctionName,
    string Arn,
    LambdaTracingMode Tracing,
    IReadOnlyDictionary<string, string> Tags)
{
    /// <summary>Its LoggingConfig as Lambda reports it (Lambda's defaults when the answer has none).</summary>
    public ObservedLogging Logging { get; init; } = ObservedLogging.DefaultFor(FunctionName);

    /// <summary>When its code or configuration last changed (Lambda's LastModified), when known.</summary>
    public DateTimeOffset? LastModified { get; init; }

    /// <summary>
    /// The published versions its aliases route traffic to, or null when they were not read this run: discovery reads
    /// them only for a function that keeps a published version traced otherwise than a policy wants, the only kind of
    /// version an alias can serve wrongly (see <see cref="PublishedVersions"/>).
    /// </summary>
    public ObservedAliases? Aliases { get; init; }
}

/// <summary>A REST API stage as GetStages describes it. Tags are the stage's own merged over its API's.</summary>
internal sealed record ObservedStage(
    string RestApiId,
    string ApiName,
    string StageName,
    string Arn,
    bool TracingEnabled,
    IReadOnlyDictionary<string, string> Tags)
{
    /// <summary>"&lt;apiName&gt;/&lt;stage&gt;", the name exclusions match.</summary>
    public string DisplayName => $"{ApiName}/{StageName}";

    /// <summary>True when another REST API in the Region has the same name (API names need not be unique).</summary>
    public bool ApiNameShared { get; init; }

    /// <summary>When the stage last changed (API Gateway's lastUpdatedDate), when known.</summary>
    public DateTimeOffset? LastModified { get; init; }

    /// <summary>
    /// The name plans and reports show: <see cref="DisplayName"/>, with the API id when another REST API has the same
    /// name ("orders (a1b2c3)/prod"), so two lines never look identical.
    /// </summary>
    public string Label => ApiNameShared ? $"{ApiName} ({RestApiId})/{StageName}" : DisplayName;
}

/// <summary>
/// A function's LoggingConfig: LogFormat ("Text" or "JSON"), the levels (set only for JSON logs) and the log group it
/// writes to. Values are Lambda's spellings, kept as strings so a value this version does not know still compares.
/// </summary>
internal sealed record ObservedLogging(string Format, string? ApplicationLogLevel, string? SystemLogLevel, string LogGroup)
{
    /// <summary>The log group Lambda writes to when LoggingConfig.LogGroup is not set.</summary>
    public static string DefaultLogGroup(string functionName) => $"/aws/lambda/{functionName}";

    /// <summary>What Lambda does for a function without LoggingConfig: Text logs to /aws/lambda/&lt;name&gt;.</summary>
    public static ObservedLogging DefaultFor(string functionName) => new("Text", null, null, DefaultLogGroup(functionName));
}
