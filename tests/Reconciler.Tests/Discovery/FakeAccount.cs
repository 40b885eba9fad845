using System.Runtime.CompilerServices;
using Reconciler.Aws;

namespace Reconciler.Tests.Discovery;

/// <summary>
/// An in-memory account for discovery tests: functions (tags, tracing, published versions) and their aliases, REST
/// APIs and stages with their own tags, alarms, dashboards and their tags. It answers the reads of
/// <see cref="IAccountReader"/> the way AWS does (the tagging API lists only tagged resources and may still list a
/// deleted one; TagFilters are AND across keys, OR across values; unknown resources are NotFound), records every
/// call, and can be told to fail one operation.
/// </summary>
/// <remarks>
/// moto answers the wire protocols in the integration tests; this fake is for the discovery rules themselves, which
/// need accounts moto cannot produce (the tagging API returning API Gateway resources, a tagging index that lags a
/// deletion, a listing that fails on cue) and call counts without HTTP.
/// </remarks>
internal sealed class FakeAccount : IAccountReader
{
    public const string Region = "us-east-1";
    public const string AccountId = "123456789012";

    private readonly Lock gate = new();
    private readonly SortedDictionary<string, FakeFunction> functions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<AliasConfiguration>> aliases = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, FakeRestApi> restApis = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, MetricAlarm> alarms = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, GetDashboardResponse> dashboards = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<Tag>> cloudWatchTags = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, LogGroup> logGroups = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, XRayGroup> xrayGroups = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, XRaySamplingRule> samplingRules = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<Tag>> xrayTags = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyDictionary<string, string>> staleTaggingIndex = new(StringComparer.Ordinal);
    private readonly List<FakeCall> calls = [];
    private readonly List<FakeFailure> failures = [];

    /// <summary>Every call so far, in order: the operation and what it named (function, API id, ARN, …) if anything.</summary>
    public IReadOnlyList<FakeCall> Calls
    {
        get
        {
            lock (gate)
            {
                return [.. calls];
            }
        }
    }

    public static string FunctionArn(string name) => $"arn:aws:lambda:{Region}:{AccountId}:function:{name}";

    public static string RestApiArn(string restApiId) => $"arn:aws:apigateway:{Region}::/restapis/{restApiId}";

    public static string StageArn(string restApiId, string stageName) => $"{RestApiArn(restApiId)}/stages/{stageName}";

    public static string AlarmArn(string alarmName) => $"arn:aws:cloudwatch:{Region}:{AccountId}:alarm:{alarmName}";

    public static string DashboardArn(string name) => $"arn:aws:cloudwatch::{AccountId}:dashboard/{name}";

    /// <summary>A function; <paramref name="publishedTracing"/> maps each published version to the tracing it keeps.</summary>
    public FakeAccount WithFunction(
        string name,
        IReadOnlyDictionary<string, string>? tags = null,
        string tracing = "PassThrough",
        IReadOnlyDictionary<string, string>? publishedTracing = null)
    {
        functions[name] = new FakeFunction(name, tracing, tags ?? new Dictionary<string, string>(), publishedTracing ?? new Dictionary<string, string>());
        return this;
    }

    /// <summary>An alias of an existing function, to <paramref name="version"/> and, weighted, to others.</summary>
    public FakeAccount WithAlias(string functionName, string aliasName, string version, IReadOnlyDictionary<string, double>? additionalWeights = null)
    {
        if (!functions.ContainsKey(functionName))
        {
            throw new InvalidOperationException($"Add function {functionName} before its alias {aliasName}.");
        }

        if (!aliases.TryGetValue(functionName, out var list))
        {
            aliases[functionName] = list = [];
        }

        list.Add(new AliasConfiguration($"{FunctionArn(functionName)}:{aliasName}", aliasName, version, additionalWeights ?? new Dictionary<string, double>()));
        return this;
    }

    /// <summary>
    /// Deletes a function from Lambda while the tagging API still lists it with its tags, as it does for a while after
    /// a deletion.
    /// </summary>
    public FakeAccount DeleteFunctionKeepingItsTaggingEntry(string name)
    {
        if (!functions.Remove(name, out var function))
        {
            throw new InvalidOperationException($"There is no function {name} to delete.");
        }

        aliases.Remove(name);
        staleTaggingIndex[FunctionArn(name)] = function.Tags;
        return this;
    }

    /// <summary>A REST API with the tags it carries as a whole.</summary>
    public FakeAccount WithRestApi(string restApiId, string name, IReadOnlyDictionary<string, string>? tags = null)
    {
        restApis[restApiId] = new FakeRestApi(new RestApi(restApiId, name, tags ?? new Dictionary<string, string>()), []);
        return this;
    }

    /// <summary>A stage of an existing REST API, with its own tags only.</summary>
    public FakeAccount WithStage(string restApiId, string stageName, bool tracingEnabled = false, IReadOnlyDictionary<string, string>? tags = null)
    {
        if (!restApis.TryGetValue(restApiId, out var api))
        {
            throw new InvalidOperationException($"Add REST API {restApiId} before its stage {stageName}.");
        }

        api.Stages.Add(new Stage(stageName, tracingEnabled, "deployment-1", tags ?? new Dictionary<string, string>()));
        return this;
    }

    /// <summary>A metric alarm; its ARN is filled in when missing.</summary>
    public FakeAccount WithAlarm(MetricAlarm alarm)
    {
        alarms[alarm.AlarmName] = alarm.AlarmArn is null ? alarm with { AlarmArn = AlarmArn(alarm.AlarmName) } : alarm;
        return this;
    }

    /// <summary>A log group; <paramref name="retentionDays"/> null never expires.</summary>
    public FakeAccount WithLogGroup(string name, int? retentionDays = null)
    {
        logGroups[name] = new LogGroup(name, $"arn:aws:logs:{Region}:{AccountId}:log-group:{name}:*", retentionDays);
        return this;
    }

    public static string XRayGroupArn(string name) => $"arn:aws:xray:{Region}:{AccountId}:group/{name}/ID";

    public static string SamplingRuleArn(string name) => $"arn:aws:xray:{Region}:{AccountId}:sampling-rule/{name}";

    /// <summary>An X-Ray group with its filter expression and tags.</summary>
    public FakeAccount WithXRayGroup(string name, string? filterExpression, IReadOnlyList<Tag>? tags = null)
    {
        xrayGroups[name] = new XRayGroup(name, XRayGroupArn(name), filterExpression);
        xrayTags[XRayGroupArn(name)] = tags ?? [];
        return this;
    }

    /// <summary>A sampling rule (its RuleArn is set from its name) with tags.</summary>
    public FakeAccount WithSamplingRule(XRaySamplingRule rule, IReadOnlyList<Tag>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(rule);
        samplingRules[rule.RuleName] = rule with { RuleArn = SamplingRuleArn(rule.RuleName) };
        xrayTags[SamplingRuleArn(rule.RuleName)] = tags ?? [];
        return this;
    }

    public FakeAccount WithDashboard(string name, string body)
    {
        dashboards[name] = new GetDashboardResponse(name, DashboardArn(name), body);
        return this;
    }

    /// <summary>The CloudWatch tags of an alarm or dashboard ARN.</summary>
    public FakeAccount WithCloudWatchTags(string arn, params Tag[] tags)
    {
        cloudWatchTags[arn] = tags;
        return this;
    }

    /// <summary>
    /// Makes <paramref name="operation"/> (e.g. "ListFunctions") fail with <paramref name="errorCode"/>, for every call
    /// or only for calls that name <paramref name="target"/> (a function, REST API id, dashboard name or ARN).
    /// </summary>
    public FakeAccount Failing(string operation, string? target = null, string errorCode = "AccessDeniedException")
    {
        failures.Add(new FakeFailure(operation, target, errorCode));
        return this;
    }

    /// <summary>How many times <paramref name="operation"/> was called (for <paramref name="target"/> only, if given).</summary>
    public int CallCount(string operation, string? target = null) =>
        Calls.Count(call => call.Operation == operation && (target is null || call.Target == target));

    /// <inheritdoc />
    public async IAsyncEnumerable<ResourceTagMapping> GetResourcesAsync(GetResourcesRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await EnterAsync("tagging", "GetResources", null, cancellationToken);
        foreach (var (arn, tags) in TaggingIndex())
        {
            if (request.ResourceArns is { } named)
            {
                // AWS: a named resource that does not exist (or has no tags) is simply left out.
                if (tags.Count > 0 && named.Contains(arn))
                {
                    yield return new ResourceTagMapping(arn, tags);
                }

                continue;
            }

            if (tags.Count > 0 && request.ResourceTypeFilters.Any(filter => TypeMatches(filter, arn)) && request.TagFilters.All(filter => TagMatches(filter, tags)))
            {
                yield return new ResourceTagMapping(arn, tags);
            }
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<FunctionConfiguration> ListFunctionsAsync(bool includePublishedVersions, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await EnterAsync("lambda", "ListFunctions", includePublishedVersions ? "ALL" : null, cancellationToken);
        foreach (var function in functions.Values.ToList())
        {
            var arn = FunctionArn(function.Name);
            if (!includePublishedVersions)
            {
                yield return Configuration(function.Name, arn, function.Tracing, "$LATEST");
                continue;
            }

            // FunctionVersion=ALL qualifies even the $LATEST entry's ARN.
            yield return Configuration(function.Name, $"{arn}:$LATEST", function.Tracing, "$LATEST");
            foreach (var (version, tracing) in function.PublishedTracing.OrderBy(pair => pair.Key, StringComparer.Ordinal))
            {
                yield return Configuration(function.Name, $"{arn}:{version}", tracing, version);
            }
        }
    }

    /// <inheritdoc />
    public async Task<FunctionConfiguration> GetFunctionConfigurationAsync(string functionName, CancellationToken cancellationToken)
    {
        await EnterAsync("lambda", "GetFunctionConfiguration", functionName, cancellationToken);
        return functions.TryGetValue(functionName, out var function)
            ? Configuration(function.Name, FunctionArn(function.Name), function.Tracing, "$LATEST")
            : throw Error("lambda", "GetFunctionConfiguration", "ResourceNotFoundException", $"Function not found: {FunctionArn(functionName)}", 404);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<AliasConfiguration> ListAliasesAsync(string functionName, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await EnterAsync("lambda", "ListAliases", functionName, cancellationToken);
        if (!functions.ContainsKey(functionName))
        {
            throw Error("lambda", "ListAliases", "ResourceNotFoundException", $"Function not found: {FunctionArn(functionName)}", 404);
        }

        foreach (var alias in aliases.GetValueOrDefault(functionName) ?? [])
        {
            yield return alias;
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<RestApi> GetRestApisAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await EnterAsync("apigateway", "GetRestApis", null, cancellationToken);
        foreach (var api in restApis.Values.ToList())
        {
            yield return api.Api;
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Stage>> GetStagesAsync(string restApiId, CancellationToken cancellationToken)
    {
        await EnterAsync("apigateway", "GetStages", restApiId, cancellationToken);
        return restApis.TryGetValue(restApiId, out var api)
            ? [.. api.Stages]
            : throw Error("apigateway", "GetStages", "NotFoundException", "Invalid API identifier specified", 404);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<MetricAlarm> DescribeAlarmsAsync(DescribeAlarmsRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await EnterAsync("monitoring", "DescribeAlarms", request.AlarmNamePrefix, cancellationToken);
        foreach (var alarm in alarms.Values.ToList())
        {
            if ((request.AlarmNamePrefix is null || alarm.AlarmName.StartsWith(request.AlarmNamePrefix, StringComparison.Ordinal))
                && (request.AlarmNames is null || request.AlarmNames.Contains(alarm.AlarmName, StringComparer.Ordinal)))
            {
                yield return alarm;
            }
        }
    }

    /// <inheritdoc />
    public async Task<GetDashboardResponse?> GetDashboardAsync(string dashboardName, CancellationToken cancellationToken)
    {
        await EnterAsync("monitoring", "GetDashboard", dashboardName, cancellationToken);
        return dashboards.GetValueOrDefault(dashboardName);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Tag>> ListTagsForResourceAsync(string resourceArn, CancellationToken cancellationToken)
    {
        await EnterAsync("monitoring", "ListTagsForResource", resourceArn, cancellationToken);
        if (cloudWatchTags.TryGetValue(resourceArn, out var tags))
        {
            return tags;
        }

        return alarms.Values.Any(alarm => alarm.AlarmArn == resourceArn) || dashboards.Values.Any(dashboard => dashboard.DashboardArn == resourceArn)
            ? []
            : throw Error("monitoring", "ListTagsForResource", "ResourceNotFoundException", $"{resourceArn} not found", 404);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<LogGroup> DescribeLogGroupsAsync(string? logGroupNamePrefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await EnterAsync("logs", "DescribeLogGroups", logGroupNamePrefix, cancellationToken);
        foreach (var group in logGroups.Values.Where(group => group.LogGroupName.StartsWith(logGroupNamePrefix ?? string.Empty, StringComparison.Ordinal)).ToList())
        {
            yield return group;
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<XRayGroup> GetXRayGroupsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await EnterAsync("xray", "GetGroups", null, cancellationToken);
        foreach (var group in xrayGroups.Values.ToList())
        {
            yield return group;
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<XRaySamplingRule> GetSamplingRulesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await EnterAsync("xray", "GetSamplingRules", null, cancellationToken);
        foreach (var rule in samplingRules.Values.ToList())
        {
            yield return rule;
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Tag>> ListXRayTagsAsync(string resourceArn, CancellationToken cancellationToken)
    {
        await EnterAsync("xray", "ListTagsForResource", resourceArn, cancellationToken);
        return xrayTags.TryGetValue(resourceArn, out var tags)
            ? tags
            : throw Error("xray", "ListTagsForResource", "ResourceNotFoundException", $"{resourceArn} not found", 404);
    }

    /// <inheritdoc />
    public async Task<CallerIdentity> GetCallerIdentityAsync(CancellationToken cancellationToken)
    {
        await EnterAsync("sts", "GetCallerIdentity", null, cancellationToken);
        return new CallerIdentity(AccountId, $"arn:aws:iam::{AccountId}:role/reconciler", "AROAFAKEREADER");
    }

    // Records the call and fails it when told to. The yield makes every call asynchronous, as over HTTP, so callers
    // that start reads side by side really run them side by side.
    private async Task EnterAsync(string service, string operation, string? target, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        FakeFailure? failure;
        lock (gate)
        {
            calls.Add(new FakeCall(operation, target));
            failure = failures.FirstOrDefault(f => f.Operation == operation && (f.Target is null || f.Target == target));
        }

        await Task.Yield();
        if (failure is not null)
        {
            throw Error(service, operation, failure.ErrorCode, $"injected by the test for {target ?? "every call"}", 400);
        }
    }

    private IEnumerable<(string Arn, IReadOnlyDictionary<string, string> Tags)> TaggingIndex()
    {
        foreach (var function in functions.Values)
        {
            yield return (FunctionArn(function.Name), function.Tags);
        }

        foreach (var (arn, tags) in staleTaggingIndex)
        {
            yield return (arn, tags);
        }

        foreach (var api in restApis.Values)
        {
            yield return (RestApiArn(api.Api.Id), api.Api.Tags);
            foreach (var stage in api.Stages)
            {
                yield return (StageArn(api.Api.Id, stage.StageName), stage.Tags);
            }
        }
    }

    // "service" or "service:type", as GetResources' ResourceTypeFilters: "lambda:function", "apigateway".
    private static bool TypeMatches(string filter, string arn)
    {
        var parts = arn.Split(':', 6);
        var wanted = filter.Split(':', 2);
        return parts[2] == wanted[0]
            && (wanted.Length == 1 || parts[5].StartsWith(wanted[1] + ":", StringComparison.Ordinal) || parts[5].StartsWith("/" + wanted[1], StringComparison.Ordinal));
    }

    private static bool TagMatches(TagFilter filter, IReadOnlyDictionary<string, string> tags) =>
        tags.TryGetValue(filter.Key, out var value) && (filter.Values.Count == 0 || filter.Values.Contains(value, StringComparer.Ordinal));

    private static FunctionConfiguration Configuration(string name, string arn, string tracing, string version) =>
        new(name, arn, tracing, RevisionId: $"rev-{name}-{version}", State: "Active", LastUpdateStatus: "Successful", Version: version);

    private static AwsServiceException Error(string service, string operation, string code, string message, int status) =>
        new(service, operation, code, message, status, requestId: "fake-request", AwsErrorKind.Terminal);

    private sealed record FakeFunction(
        string Name,
        string Tracing,
        IReadOnlyDictionary<string, string> Tags,
        IReadOnlyDictionary<string, string> PublishedTracing);

    private sealed record FakeRestApi(RestApi Api, List<Stage> Stages);

    private sealed record FakeFailure(string Operation, string? Target, string ErrorCode);
}

/// <summary>One call the fake answered (or failed).</summary>
internal sealed record FakeCall(string Operation, string? Target);
