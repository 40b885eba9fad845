namespace Reconciler.Aws;

/// <summary>
/// The reads a run makes before it plans: identifying the account, discovery (tagging API, functions, aliases, REST
/// APIs and stages), observation (alarms, dashboards, log groups, X-Ray groups and sampling rules) and the ownership proof (alarm and dashboard tags). Discovery
/// takes only this, not the whole <see cref="IAwsClients"/>, so a test can stand in an in-memory account that
/// implements reads and nothing else, and no discovery code can write by mistake.
/// </summary>
/// <remarks>Each member is the <see cref="IAwsClients"/> operation of the same name, with the same contract.</remarks>
internal interface IAccountReader
{
    /// <summary>Tagging GetResources, following every PaginationToken (<see cref="ITaggingClient.GetResourcesAsync"/>).</summary>
    IAsyncEnumerable<ResourceTagMapping> GetResourcesAsync(GetResourcesRequest request, CancellationToken cancellationToken);

    /// <summary>Lambda ListFunctions, following every Marker (<see cref="ILambdaClient.ListFunctionsAsync"/>).</summary>
    IAsyncEnumerable<FunctionConfiguration> ListFunctionsAsync(bool includePublishedVersions, CancellationToken cancellationToken);

    /// <summary>
    /// Lambda GetFunctionConfiguration of one function's $LATEST (<see cref="ILambdaClient.GetFunctionConfigurationAsync"/>):
    /// a watch run's read of a function an event named. A deleted function is an <see cref="AwsServiceException"/>
    /// with ErrorCode ResourceNotFoundException.
    /// </summary>
    Task<FunctionConfiguration> GetFunctionConfigurationAsync(string functionName, CancellationToken cancellationToken);

    /// <summary>Lambda ListAliases of one function, following every Marker (<see cref="ILambdaClient.ListAliasesAsync"/>).</summary>
    IAsyncEnumerable<AliasConfiguration> ListAliasesAsync(string functionName, CancellationToken cancellationToken);

    /// <summary>API Gateway GetRestApis, following every position (<see cref="IApiGatewayClient.GetRestApisAsync"/>).</summary>
    IAsyncEnumerable<RestApi> GetRestApisAsync(CancellationToken cancellationToken);

    /// <summary>API Gateway GetStages of one REST API (<see cref="IApiGatewayClient.GetStagesAsync"/>).</summary>
    Task<IReadOnlyList<Stage>> GetStagesAsync(string restApiId, CancellationToken cancellationToken);

    /// <summary>CloudWatch DescribeAlarms, following every NextToken (<see cref="ICloudWatchClient.DescribeAlarmsAsync"/>).</summary>
    IAsyncEnumerable<MetricAlarm> DescribeAlarmsAsync(DescribeAlarmsRequest request, CancellationToken cancellationToken);

    /// <summary>CloudWatch GetDashboard; null when it does not exist (<see cref="ICloudWatchClient.GetDashboardAsync"/>).</summary>
    Task<GetDashboardResponse?> GetDashboardAsync(string dashboardName, CancellationToken cancellationToken);

    /// <summary>CloudWatch ListTagsForResource of an alarm or dashboard ARN (<see cref="ICloudWatchClient.ListTagsForResourceAsync"/>).</summary>
    Task<IReadOnlyList<Tag>> ListTagsForResourceAsync(string resourceArn, CancellationToken cancellationToken);

    /// <summary>STS GetCallerIdentity (<see cref="IStsClient.GetCallerIdentityAsync"/>).</summary>
    Task<CallerIdentity> GetCallerIdentityAsync(CancellationToken cancellationToken);

    /// <summary>CloudWatch Logs DescribeLogGroups by name prefix, following every nextToken (<see cref="ICloudWatchLogsClient.DescribeLogGroupsAsync"/>).</summary>
    IAsyncEnumerable<LogGroup> DescribeLogGroupsAsync(string? logGroupNamePrefix, CancellationToken cancellationToken);

    /// <summary>X-Ray GetGroups, following every NextToken (<see cref="IXRayClient.GetGroupsAsync"/>).</summary>
    IAsyncEnumerable<XRayGroup> GetXRayGroupsAsync(CancellationToken cancellationToken);

    /// <summary>X-Ray GetSamplingRules, following every NextToken (<see cref="IXRayClient.GetSamplingRulesAsync"/>).</summary>
    IAsyncEnumerable<XRaySamplingRule> GetSamplingRulesAsync(CancellationToken cancellationToken);

    /// <summary>X-Ray ListTagsForResource of a group or sampling rule ARN (<see cref="IXRayClient.ListTagsForResourceAsync"/>).</summary>
    Task<IReadOnlyList<Tag>> ListXRayTagsAsync(string resourceArn, CancellationToken cancellationToken);
}

/// <summary>
/// The account's reads over one run's <see cref="IAwsClients"/>: every call goes straight to the service client of
/// the same name, so retries, rate limits, deadlines and call counters are exactly those of the clients.
/// </summary>
internal sealed class AwsAccountReader(IAwsClients aws) : IAccountReader
{
    /// <inheritdoc />
    public IAsyncEnumerable<ResourceTagMapping> GetResourcesAsync(GetResourcesRequest request, CancellationToken cancellationToken) =>
        aws.Tagging.GetResourcesAsync(request, cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<FunctionConfiguration> ListFunctionsAsync(bool includePublishedVersions, CancellationToken cancellationToken) =>
        aws.Lambda.ListFunctionsAsync(includePublishedVersions, cancellationToken);

    /// <inheritdoc />
    public Task<FunctionConfiguration> GetFunctionConfigurationAsync(string functionName, CancellationToken cancellationToken) =>
        aws.Lambda.GetFunctionConfigurationAsync(functionName, cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<AliasConfiguration> ListAliasesAsync(string functionName, CancellationToken cancellationToken) =>
        aws.Lambda.ListAliasesAsync(functionName, cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<RestApi> GetRestApisAsync(CancellationToken cancellationToken) =>
        aws.ApiGateway.GetRestApisAsync(cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<Stage>> GetStagesAsync(string restApiId, CancellationToken cancellationToken) =>
        aws.ApiGateway.GetStagesAsync(restApiId, cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<MetricAlarm> DescribeAlarmsAsync(DescribeAlarmsRequest request, CancellationToken cancellationToken) =>
        aws.CloudWatch.DescribeAlarmsAsync(request, cancellationToken);

    /// <inheritdoc />
    public Task<GetDashboardResponse?> GetDashboardAsync(string dashboardName, CancellationToken cancellationToken) =>
        aws.CloudWatch.GetDashboardAsync(dashboardName, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<Tag>> ListTagsForResourceAsync(string resourceArn, CancellationToken cancellationToken) =>
        aws.CloudWatch.ListTagsForResourceAsync(resourceArn, cancellationToken);

    /// <inheritdoc />
    public Task<CallerIdentity> GetCallerIdentityAsync(CancellationToken cancellationToken) =>
        aws.Sts.GetCallerIdentityAsync(cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<LogGroup> DescribeLogGroupsAsync(string? logGroupNamePrefix, CancellationToken cancellationToken) =>
        aws.Logs.DescribeLogGroupsAsync(logGroupNamePrefix, cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<XRayGroup> GetXRayGroupsAsync(CancellationToken cancellationToken) =>
        aws.XRay.GetGroupsAsync(cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<XRaySamplingRule> GetSamplingRulesAsync(CancellationToken cancellationToken) =>
        aws.XRay.GetSamplingRulesAsync(cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<Tag>> ListXRayTagsAsync(string resourceArn, CancellationToken cancellationToken) =>
        aws.XRay.ListTagsForResourceAsync(resourceArn, cancellationToken);
}
