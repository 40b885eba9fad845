namespace Reconciler.Aws;

/// <summary>
/// The service clients of one run, all sharing one credential source, region, retry policy, rate limiters and call
/// counters. Request and response names follow the official AWS SDK for .NET, so a later switch is mechanical.
/// </summary>
internal interface IAwsClients : IDisposable
{
    /// <summary>Resource Groups Tagging API.</summary>
    ITaggingClient Tagging { get; }

    /// <summary>Lambda.</summary>
    ILambdaClient Lambda { get; }

    /// <summary>API Gateway (REST APIs, v1).</summary>
    IApiGatewayClient ApiGateway { get; }

    /// <summary>CloudWatch alarms and dashboards.</summary>
    ICloudWatchClient CloudWatch { get; }

    /// <summary>CloudWatch Logs log groups.</summary>
    ICloudWatchLogsClient Logs { get; }

    /// <summary>SNS.</summary>
    ISnsClient Sns { get; }

    /// <summary>STS, for the account id of reports.</summary>
    IStsClient Sts { get; }

    /// <summary>SQS, for the temporary queue of `drill --verify-delivery` (see <see cref="ISqsClient"/>).</summary>
    ISqsClient Sqs { get; }

    /// <summary>AWS X-Ray groups, sampling rules and service graph.</summary>
    IXRayClient XRay { get; }

    /// <summary>Per-operation counters (calls, retries, throttles, failures) since these clients were created.</summary>
    IApiCallCounters Counters { get; }
}

/// <summary>Counts per service operation, read by the run report and the benchmark.</summary>
internal interface IApiCallCounters
{
    /// <summary>A snapshot, sorted by service then operation.</summary>
    IReadOnlyList<ApiCallCount> Snapshot();
}

/// <summary>
/// One operation's counts. <see cref="Calls"/> counts logical calls (one per method invocation or page),
/// <see cref="Attempts"/> every HTTP request including retries.
/// </summary>
internal sealed record ApiCallCount(
    string Service,
    string Operation,
    bool IsWrite,
    long Calls,
    long Attempts,
    long Retries,
    long Throttles,
    long Failures);

/// <summary>Resource Groups Tagging API.</summary>
internal interface ITaggingClient
{
    /// <summary>GetResources, following every PaginationToken.</summary>
    IAsyncEnumerable<ResourceTagMapping> GetResourcesAsync(GetResourcesRequest request, CancellationToken cancellationToken);
}

/// <summary>GetResources input. ResourceTypeFilters as in ARNs: "lambda:function", "apigateway:restapis".</summary>
internal sealed record GetResourcesRequest(
    IReadOnlyList<TagFilter> TagFilters,
    IReadOnlyList<string> ResourceTypeFilters,
    int ResourcesPerPage = 100)
{
    /// <summary>
    /// The ARNs to read the tags of (1 to 100): then TagFilters and ResourceTypeFilters are empty and no pagination
    /// member is sent, as AWS requires. A named resource that does not exist is left out of the answer.
    /// </summary>
    public IReadOnlyList<string>? ResourceArns { get; init; }

    /// <summary>A request for the tags of <paramref name="arns"/>.</summary>
    public static GetResourcesRequest ForArns(IReadOnlyList<string> arns) => new([], []) { ResourceArns = arns };
}

/// <summary>A tag key and the values any one of which matches (empty: any value).</summary>
internal sealed record TagFilter(string Key, IReadOnlyList<string> Values);

/// <summary>A tagged resource.</summary>
internal sealed record ResourceTagMapping(string ResourceArn, IReadOnlyDictionary<string, string> Tags);

/// <summary>Lambda control plane.</summary>
internal interface ILambdaClient
{
    /// <summary>
    /// ListFunctions (50 entries a page), following every Marker. With <paramref name="includePublishedVersions"/>
    /// (FunctionVersion=ALL) every published version is an entry of its own, with the configuration it was published
    /// with and its <see cref="FunctionConfiguration.Version"/>; without it, only $LATEST.
    /// </summary>
    IAsyncEnumerable<FunctionConfiguration> ListFunctionsAsync(bool includePublishedVersions, CancellationToken cancellationToken);

    /// <summary>GetFunctionConfiguration.</summary>
    Task<FunctionConfiguration> GetFunctionConfigurationAsync(string functionName, CancellationToken cancellationToken);

    /// <summary>UpdateFunctionConfiguration (only the fields this project sets).</summary>
    Task<FunctionConfiguration> UpdateFunctionConfigurationAsync(UpdateFunctionConfigurationRequest request, CancellationToken cancellationToken);

    /// <summary>ListAliases of one function (50 a page), following every Marker.</summary>
    IAsyncEnumerable<AliasConfiguration> ListAliasesAsync(string functionName, CancellationToken cancellationToken);
}

/// <summary>
/// A Lambda alias: the version it points to and, for weighted aliases, the other versions it sends a share of traffic
/// to (RoutingConfig.AdditionalVersionWeights, version to weight 0..1).
/// </summary>
internal sealed record AliasConfiguration(
    string AliasArn,
    string Name,
    string FunctionVersion,
    IReadOnlyDictionary<string, double> AdditionalVersionWeights);

/// <summary>
/// The parts of a function's configuration the reconciler reads. TracingMode: Active or PassThrough. Version:
/// "$LATEST" or a published version number, when the answer says. LoggingConfig: as Lambda answered it, null when the
/// answer has none (Lambda's defaults are then LogFormat Text and the log group /aws/lambda/&lt;FunctionName&gt;).
/// LastModified: when the function's code or configuration last changed, as Lambda spells it
/// ("2019-09-23T18:32:33.857+0000"; see <see cref="LambdaTimestamps"/>).
/// </summary>
internal sealed record FunctionConfiguration(
    string FunctionName,
    string FunctionArn,
    string TracingMode,
    string? RevisionId,
    string? State,
    string? LastUpdateStatus,
    string? Version = null,
    LambdaLoggingConfig? LoggingConfig = null,
    string? LastModified = null);

/// <summary>Lambda's timestamps ("2019-09-23T18:32:33.857+0000": ISO 8601 with a colonless offset).</summary>
internal static class LambdaTimestamps
{
    /// <summary>The instant, or null when <paramref name="value"/> is absent or not a timestamp.</summary>
    public static DateTimeOffset? Parse(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        // "…+0000" becomes "…+00:00", the offset DateTimeOffset reads.
        var text = value.Length > 5 && value[^5] is '+' or '-' && value[^4..].All(char.IsAsciiDigit)
            ? string.Concat(value.AsSpan(0, value.Length - 2), ":", value.AsSpan(value.Length - 2))
            : value;
        return DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var parsed)
            ? parsed
            : null;
    }
}

/// <summary>
/// A function's LoggingConfig, member for member as Lambda names it; null is a member the answer left out, or, in an
/// update, one not to send. LogFormat: JSON or Text. ApplicationLogLevel: TRACE, DEBUG, INFO, WARN, ERROR or FATAL;
/// SystemLogLevel: DEBUG, INFO or WARN; Lambda accepts levels only with LogFormat JSON. LogGroup: the CloudWatch Logs
/// group the function writes to (Lambda's default is /aws/lambda/&lt;FunctionName&gt;).
/// </summary>
internal sealed record LambdaLoggingConfig(string? LogFormat, string? ApplicationLogLevel, string? SystemLogLevel, string? LogGroup);

/// <summary>
/// UpdateFunctionConfiguration input: only what is set is sent. TracingMode (Active or PassThrough) null: no
/// TracingConfig. <see cref="LoggingConfig"/> null: no LoggingConfig; otherwise only its non-null members. At least one
/// of the two must be set. RevisionId, when set, makes the update conditional.
/// </summary>
internal sealed record UpdateFunctionConfigurationRequest(string FunctionName, string? TracingMode, string? RevisionId = null)
{
    /// <summary>LoggingConfig to send (its non-null members); null sends none.</summary>
    public LambdaLoggingConfig? LoggingConfig { get; init; }
}

/// <summary>API Gateway REST API control plane.</summary>
internal interface IApiGatewayClient
{
    /// <summary>GetRestApis, following every position.</summary>
    IAsyncEnumerable<RestApi> GetRestApisAsync(CancellationToken cancellationToken);

    /// <summary>GetStages of one REST API (not paged by AWS).</summary>
    Task<IReadOnlyList<Stage>> GetStagesAsync(string restApiId, CancellationToken cancellationToken);

    /// <summary>UpdateStage with JSON-patch operations.</summary>
    Task<Stage> UpdateStageAsync(UpdateStageRequest request, CancellationToken cancellationToken);
}

/// <summary>A REST API.</summary>
internal sealed record RestApi(string Id, string Name, IReadOnlyDictionary<string, string> Tags);

/// <summary>A REST API stage.</summary>
internal sealed record Stage(string StageName, bool TracingEnabled, string? DeploymentId, IReadOnlyDictionary<string, string> Tags)
{
    /// <summary>When the stage last changed (lastUpdatedDate), when the answer says.</summary>
    public DateTimeOffset? LastUpdatedDate { get; init; }
}

/// <summary>UpdateStage input.</summary>
internal sealed record UpdateStageRequest(string RestApiId, string StageName, IReadOnlyList<PatchOperation> PatchOperations);

/// <summary>One JSON-patch operation: op is "replace", path e.g. "/tracingEnabled", value e.g. "true".</summary>
internal sealed record PatchOperation(string Op, string Path, string? Value);

/// <summary>CloudWatch alarms, dashboards and tags (and the drill's calls, <see cref="IAlarmStateClient"/>).</summary>
internal interface ICloudWatchClient : IAlarmStateClient
{
    /// <summary>DescribeAlarms (metric alarms only, 100 a page), following every NextToken.</summary>
    IAsyncEnumerable<MetricAlarm> DescribeAlarmsAsync(DescribeAlarmsRequest request, CancellationToken cancellationToken);

    /// <summary>PutMetricAlarm: creates, or replaces in place, the alarm of that name.</summary>
    Task PutMetricAlarmAsync(PutMetricAlarmRequest request, CancellationToken cancellationToken);

    /// <summary>DeleteAlarms, at most 100 names a call.</summary>
    Task DeleteAlarmsAsync(IReadOnlyList<string> alarmNames, CancellationToken cancellationToken);

    /// <summary>PutDashboard; returns DashboardValidationMessages (empty when the body is accepted cleanly).</summary>
    Task<IReadOnlyList<DashboardValidationMessage>> PutDashboardAsync(string dashboardName, string dashboardBody, CancellationToken cancellationToken);

    /// <summary>GetDashboard; null when CloudWatch answers ResourceNotFound.</summary>
    Task<GetDashboardResponse?> GetDashboardAsync(string dashboardName, CancellationToken cancellationToken);

    /// <summary>ListDashboards, following every NextToken.</summary>
    IAsyncEnumerable<DashboardEntry> ListDashboardsAsync(string? dashboardNamePrefix, CancellationToken cancellationToken);

    /// <summary>TagResource on an alarm or dashboard ARN.</summary>
    Task TagResourceAsync(string resourceArn, IReadOnlyList<Tag> tags, CancellationToken cancellationToken);

    /// <summary>ListTagsForResource of an alarm or dashboard ARN (not paged by AWS).</summary>
    Task<IReadOnlyList<Tag>> ListTagsForResourceAsync(string resourceArn, CancellationToken cancellationToken);

    /// <summary>
    /// GetMetricData of at most 500 MetricStat queries over [<paramref name="startTime"/>, <paramref name="endTime"/>],
    /// following every NextToken: one result per query id, with every datapoint (a query's datapoints can be split
    /// across pages; they are joined).
    /// </summary>
    Task<IReadOnlyList<MetricDataResult>> GetMetricDataAsync(IReadOnlyList<MetricDataQuery> queries, DateTimeOffset startTime, DateTimeOffset endTime, CancellationToken cancellationToken);
}

/// <summary>
/// One query's answer in GetMetricData: its datapoints (each the start of its period and its value; empty when the
/// metric has none) and StatusCode.
/// </summary>
internal sealed record MetricDataResult(string Id, IReadOnlyList<MetricDatapoint> Datapoints, string? StatusCode)
{
    /// <summary>The datapoints' values, in the answer's order.</summary>
    public IEnumerable<double> Values => Datapoints.Select(point => point.Value);
}

/// <summary>One datapoint of a metric-data result: the start of its period and its value.</summary>
internal sealed record MetricDatapoint(DateTimeOffset Timestamp, double Value);

/// <summary>A key/value tag.</summary>
internal sealed record Tag(string Key, string Value);

/// <summary>DescribeAlarms input.</summary>
internal sealed record DescribeAlarmsRequest(string? AlarmNamePrefix = null, IReadOnlyList<string>? AlarmNames = null, int MaxRecords = 100);

/// <summary>A CloudWatch dimension.</summary>
internal sealed record Dimension(string Name, string Value);

/// <summary>MetricStat of a metric-data query.</summary>
internal sealed record MetricStat(string Namespace, string MetricName, IReadOnlyList<Dimension> Dimensions, int Period, string Stat, string? Unit = null);

/// <summary>One metric-math query (MetricStat or Expression).</summary>
internal sealed record MetricDataQuery(
    string Id,
    string? Expression,
    MetricStat? MetricStat,
    string? Label,
    bool ReturnData,
    int? Period = null);

/// <summary>
/// PutMetricAlarm input, and the common fields of DescribeAlarms' MetricAlarms. Single-metric fields and
/// <see cref="Metrics"/> are mutually exclusive.
/// </summary>
internal record PutMetricAlarmRequest
{
    /// <summary>AlarmName.</summary>
    public required string AlarmName { get; init; }

    /// <summary>AlarmDescription.</summary>
    public string? AlarmDescription { get; init; }

    /// <summary>ActionsEnabled.</summary>
    public bool ActionsEnabled { get; init; } = true;

    /// <summary>AlarmActions.</summary>
    public IReadOnlyList<string> AlarmActions { get; init; } = [];

    /// <summary>OKActions.</summary>
    public IReadOnlyList<string> OKActions { get; init; } = [];

    /// <summary>InsufficientDataActions.</summary>
    public IReadOnlyList<string> InsufficientDataActions { get; init; } = [];

    /// <summary>MetricName.</summary>
    public string? MetricName { get; init; }

    /// <summary>Namespace.</summary>
    public string? Namespace { get; init; }

    /// <summary>Statistic.</summary>
    public string? Statistic { get; init; }

    /// <summary>ExtendedStatistic.</summary>
    public string? ExtendedStatistic { get; init; }

    /// <summary>Dimensions.</summary>
    public IReadOnlyList<Dimension> Dimensions { get; init; } = [];

    /// <summary>Period.</summary>
    public int? Period { get; init; }

    /// <summary>Unit.</summary>
    public string? Unit { get; init; }

    /// <summary>EvaluationPeriods.</summary>
    public int EvaluationPeriods { get; init; }

    /// <summary>DatapointsToAlarm.</summary>
    public int? DatapointsToAlarm { get; init; }

    /// <summary>Threshold.</summary>
    public double? Threshold { get; init; }

    /// <summary>ComparisonOperator.</summary>
    public required string ComparisonOperator { get; init; }

    /// <summary>TreatMissingData.</summary>
    public string? TreatMissingData { get; init; }

    /// <summary>Metrics (metric math).</summary>
    public IReadOnlyList<MetricDataQuery> Metrics { get; init; } = [];

    /// <summary>Tags (applied on creation only, as CloudWatch does).</summary>
    public IReadOnlyList<Tag> Tags { get; init; } = [];
}

/// <summary>A metric alarm as DescribeAlarms returns it (tags are not returned by DescribeAlarms).</summary>
internal sealed record MetricAlarm : PutMetricAlarmRequest
{
    /// <summary>AlarmArn.</summary>
    public string? AlarmArn { get; init; }

    /// <summary>StateValue: OK, ALARM or INSUFFICIENT_DATA.</summary>
    public string? StateValue { get; init; }
}

/// <summary>A PutDashboard validation message.</summary>
internal sealed record DashboardValidationMessage(string? DataPath, string Message);

/// <summary>GetDashboard output.</summary>
internal sealed record GetDashboardResponse(string DashboardName, string DashboardArn, string DashboardBody);

/// <summary>A ListDashboards entry.</summary>
internal sealed record DashboardEntry(string DashboardName, string DashboardArn, DateTimeOffset? LastModified, long? Size);

/// <summary>CloudWatch Logs log groups.</summary>
internal interface ICloudWatchLogsClient
{
    /// <summary>
    /// DescribeLogGroups of the groups whose names start with <paramref name="logGroupNamePrefix"/> (null: all), 50 a
    /// page, following every nextToken. CloudWatch Logs lists them sorted by name.
    /// </summary>
    IAsyncEnumerable<LogGroup> DescribeLogGroupsAsync(string? logGroupNamePrefix, CancellationToken cancellationToken);

    /// <summary>
    /// CreateLogGroup with <paramref name="tags"/> (none sent when empty). A group that exists already is an
    /// <see cref="AwsServiceException"/> with the code ResourceAlreadyExistsException.
    /// </summary>
    Task CreateLogGroupAsync(string logGroupName, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken);

    /// <summary>
    /// PutRetentionPolicy. CloudWatch Logs accepts only 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731,
    /// 1096, 1827, 2192, 2557, 2922, 3288 or 3653 days (InvalidParameterException otherwise); a group that does not
    /// exist is ResourceNotFoundException.
    /// </summary>
    Task PutRetentionPolicyAsync(string logGroupName, int retentionInDays, CancellationToken cancellationToken);
}

/// <summary>
/// A log group as DescribeLogGroups returns it. RetentionInDays null: the events never expire (CloudWatch Logs leaves
/// the member out). Arn: the answer's "arn" member, which ends in ":*" (the ARN without it is logGroupArn).
/// </summary>
internal sealed record LogGroup(string LogGroupName, string? Arn, int? RetentionInDays);

/// <summary>SNS.</summary>
internal interface ISnsClient : ISnsPublisher, ISnsTopicReader, ISnsSubscriber;

/// <summary>The one SNS call reports need: what report publishing takes, so its fakes implement only this.</summary>
internal interface ISnsPublisher
{
    /// <summary>Publish; returns the MessageId.</summary>
    Task<string> PublishAsync(PublishRequest request, CancellationToken cancellationToken);
}

/// <summary>The SNS read the notification-path check makes.</summary>
internal interface ISnsTopicReader
{
    /// <summary>
    /// GetTopicAttributes: every attribute SNS returns for the topic (Policy, KmsMasterKeyId, SubscriptionsConfirmed,
    /// SubscriptionsPending, …), by name. A topic that does not exist is an <see cref="AwsServiceException"/> with
    /// the code NotFound.
    /// </summary>
    Task<IReadOnlyDictionary<string, string>> GetTopicAttributesAsync(string topicArn, CancellationToken cancellationToken);
}

/// <summary>Publish input. With MessageStructure "json", Message is a JSON object with a "default" key.</summary>
internal sealed record PublishRequest(
    string TopicArn,
    string Message,
    string? Subject = null,
    string? MessageStructure = null,
    IReadOnlyDictionary<string, string>? MessageAttributes = null);

/// <summary>STS.</summary>
internal interface IStsClient
{
    /// <summary>GetCallerIdentity: account, ARN and user id of the credentials in use.</summary>
    Task<CallerIdentity> GetCallerIdentityAsync(CancellationToken cancellationToken);
}

/// <summary>GetCallerIdentity output.</summary>
internal sealed record CallerIdentity(string Account, string Arn, string UserId);
