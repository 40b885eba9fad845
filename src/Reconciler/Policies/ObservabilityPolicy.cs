namespace Reconciler.Policies;

/// <summary>
/// One validated policy document (apiVersion reconciler.observability/v1, kind ObservabilityPolicy).
/// Every optional field of the YAML has already been replaced by its default, so consumers never see nulls
/// for "absent" except where absence has a meaning of its own (documented on the field).
/// </summary>
/// <param name="Name">metadata.name: unique over all files; lowercase letters, digits and '-'.</param>
/// <param name="Source">Where the document was read from, for messages and reports.</param>
internal sealed record ObservabilityPolicy(
    string Name,
    PolicySource Source,
    PolicyMode Mode,
    ResourceSelector Selector,
    TracingSpec Tracing,
    AlarmsSpec Alarms,
    DashboardSpec? Dashboard,
    ReportSpec Report)
{
    /// <summary>
    /// The sections kinds and checks declare for themselves (spec.logs, …), read with
    /// <see cref="PolicySections.Section{T}"/>: a section missing here is its <see cref="IPolicySection{TSelf}.Absent"/> value.
    /// </summary>
    public TypedBag<IPolicySection> Sections { get; init; } = PolicySections.None;
}

/// <summary>The file and position of a policy document (1-based line and column of its first key).</summary>
internal sealed record PolicySource(string File, int Line, int Column)
{
    /// <inheritdoc />
    public override string ToString() => $"{File}:{Line}:{Column}";
}

/// <summary>enforce corrects drift; audit only reports it.</summary>
internal enum PolicyMode
{
    /// <summary>Plan and apply.</summary>
    Enforce,

    /// <summary>Plan and report, never write.</summary>
    Audit,
}

/// <summary>The kinds of resource a policy can select.</summary>
internal enum ResourceType
{
    /// <summary>"lambda:function".</summary>
    LambdaFunction,

    /// <summary>"apigateway:stage" (REST API stages).</summary>
    ApiGatewayStage,
}

/// <summary>
/// Which resources a policy covers. Tags: every key must match; a key's values are alternatives.
/// <see cref="MatchAll"/> is the explicit opt-in for an empty tag selector (a policy over the whole account).
/// </summary>
internal sealed record ResourceSelector(
    IReadOnlyDictionary<string, IReadOnlyList<string>> Tags,
    IReadOnlyList<ResourceType> ResourceTypes,
    ExclusionSpec Exclude,
    bool MatchAll)
{
    /// <summary>
    /// The selector's tag rule, the one place it is written (discovery filters the tagging API's answer with it, the
    /// planner explains exclusions with it): every key must be present, with one of its values. A key with no values
    /// matches any value, as a TagFilter without Values does; the loader refuses an empty list in a policy file, so
    /// that case only arises for selectors built in code. Null when the tags match; otherwise why not, for people.
    /// </summary>
    public string? TagMismatch(IReadOnlyDictionary<string, string> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        foreach (var (key, values) in Tags.OrderBy(tag => tag.Key, StringComparer.Ordinal))
        {
            if (!tags.TryGetValue(key, out var value))
            {
                return $"it has no tag '{key}' that the selector requires";
            }

            if (values.Count > 0 && !values.Contains(value, StringComparer.Ordinal))
            {
                return $"its tag {key}={value} is not one of [{string.Join(", ", values)}]";
            }
        }

        return null;
    }
}

/// <summary>Resources removed from scope after discovery.</summary>
/// <param name="Names">Globs (* and ?) on the function name or "&lt;apiName&gt;/&lt;stage&gt;".</param>
/// <param name="Tags">A resource carrying any one of these key/value pairs is excluded.</param>
internal sealed record ExclusionSpec(
    IReadOnlyList<string> Names,
    IReadOnlyDictionary<string, string> Tags);

/// <summary>X-Ray settings. Null means "unmanaged": the reconciler neither reads nor changes that setting.</summary>
internal sealed record TracingSpec(LambdaTracingMode? Lambda, bool? ApiGateway);

/// <summary>Lambda TracingConfig.Mode.</summary>
internal enum LambdaTracingMode
{
    /// <summary>Sample and record traces.</summary>
    Active,

    /// <summary>Only pass the trace header on.</summary>
    PassThrough,
}

/// <summary>Alarm rules per resource type and the SNS actions they share.</summary>
/// <param name="Adopt">
/// When true, an existing alarm that has exactly the name the reconciler would give it, but no ownership marker,
/// is taken over (updated and marked). When false such an alarm is a conflict and left alone.
/// </param>
internal sealed record AlarmsSpec(
    AlarmActions Actions,
    IReadOnlyList<AlarmRule> Lambda,
    IReadOnlyList<AlarmRule> ApiGateway,
    bool Adopt);

/// <summary>SNS topic ARNs notified on transitions to ALARM, OK and INSUFFICIENT_DATA.</summary>
internal sealed record AlarmActions(
    IReadOnlyList<string> Alarm,
    IReadOnlyList<string> Ok,
    IReadOnlyList<string> InsufficientData);

/// <summary>
/// One alarm applied to every selected resource of a type.
/// <see cref="Metric"/> is a CloudWatch metric name of the resource's namespace (AWS/Lambda or AWS/ApiGateway),
/// or the built-in "ErrorRate" (Lambda only: 100 * Errors / Invocations, rendered with metric math).
/// </summary>
/// <param name="Statistic">Sum | Average | Minimum | Maximum | SampleCount | pNN | pNN.N.</param>
internal sealed record AlarmRule(
    string Name,
    string Metric,
    string Statistic,
    double Threshold,
    ComparisonOperator Comparison,
    int Period,
    int EvaluationPeriods,
    int DatapointsToAlarm,
    TreatMissingData TreatMissingData,
    PolicySource Source);

/// <summary>CloudWatch ComparisonOperator values a static-threshold alarm may use.</summary>
internal enum ComparisonOperator
{
    /// <summary>GreaterThanOrEqualToThreshold.</summary>
    GreaterThanOrEqualToThreshold,

    /// <summary>GreaterThanThreshold.</summary>
    GreaterThanThreshold,

    /// <summary>LessThanThreshold.</summary>
    LessThanThreshold,

    /// <summary>LessThanOrEqualToThreshold.</summary>
    LessThanOrEqualToThreshold,
}

/// <summary>CloudWatch TreatMissingData values.</summary>
internal enum TreatMissingData
{
    /// <summary>"breaching".</summary>
    Breaching,

    /// <summary>"notBreaching".</summary>
    NotBreaching,

    /// <summary>"ignore".</summary>
    Ignore,

    /// <summary>"missing".</summary>
    Missing,
}

/// <summary>The per-app dashboard.</summary>
internal sealed record DashboardSpec(string Name, IReadOnlyList<WidgetSpec> Widgets);

/// <summary>What a widget shows.</summary>
internal enum WidgetType
{
    /// <summary>A line graph of metrics, one line per selected resource.</summary>
    Metric,

    /// <summary>The state of every alarm the policy owns.</summary>
    AlarmStatus,

    /// <summary>The latest errors in the log groups of the policy's functions (a CloudWatch Logs Insights query).</summary>
    Logs,
}

/// <summary>A dashboard widget. For metric widgets, <see cref="Resource"/> and <see cref="Metrics"/> are set.</summary>
internal sealed record WidgetSpec(
    string Title,
    WidgetType Type,
    ResourceType? Resource,
    IReadOnlyList<string> Metrics,
    string Statistic);

/// <summary>When a run's drift report is published.</summary>
internal enum ReportWhen
{
    /// <summary>Every run.</summary>
    Always,

    /// <summary>When drift was found or anything failed.</summary>
    OnChange,

    /// <summary>Only when something failed.</summary>
    OnError,
}

/// <summary>Drift report settings. A null topic falls back to REPORT_TOPIC_ARN.</summary>
internal sealed record ReportSpec(string? TopicArn, ReportWhen When);
