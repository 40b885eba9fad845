using Amazon.Runtime;

namespace Reconciler.Aws;

/// <summary>
/// Everything <see cref="AwsClients.Create"/> needs: where to send requests, who signs them, how to retry and how fast
/// to go. Build one with <see cref="FromEnvironment"/> for the CLI and the Lambda, or directly in tests.
/// </summary>
internal sealed record AwsClientOptions
{
    /// <summary>The region to sign for and to build regional endpoints with, e.g. "us-east-1".</summary>
    public required string Region { get; init; }

    /// <summary>One endpoint for every service (like --endpoint-url); wins over <see cref="ServiceEndpoints"/>.</summary>
    public Uri? EndpointUrl { get; init; }

    /// <summary>Per-service endpoints (from AWS_ENDPOINT_URL_&lt;SERVICE&gt;), used when <see cref="EndpointUrl"/> is null.</summary>
    public IReadOnlyDictionary<AwsService, Uri> ServiceEndpoints { get; init; } = new Dictionary<AwsService, Uri>();

    /// <summary>Credentials to sign with; null resolves the standard chain (env, profile, SSO, container, IMDS, web identity).</summary>
    public AWSCredentials? Credentials { get; init; }

    /// <summary>Retry budget and backoff.</summary>
    public AwsRetryOptions Retry { get; init; } = new();

    /// <summary>Client-side rate limits per operation group.</summary>
    public AwsRateLimitOptions RateLimits { get; init; } = AwsRateLimitOptions.Default;

    /// <summary>
    /// How long one HTTP attempt may take before it counts as a RequestTimeout (transient, retried). The control-plane
    /// calls this project makes answer in well under a second; 20 s leaves room for a slow page of ListFunctions.
    /// </summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// How long opening a TCP (and TLS) connection may take. Without it a black-holed address waits for the
    /// operating system's SYN retries (about two minutes on Linux) instead of the attempt timeout.
    /// </summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>When to stop calling an endpoint that does not answer at all.</summary>
    public AwsCircuitBreakerOptions CircuitBreaker { get; init; } = new();

    /// <summary>
    /// Test hook: wraps the innermost transport handler, so a fault injector or recorder sits below signing and
    /// below retries (retry -> rate limiter -> SigV4 -> [WrapTransport] -> SocketsHttpHandler).
    /// </summary>
    public Func<HttpMessageHandler, HttpMessageHandler>? WrapTransport { get; init; }

    /// <summary>Clock for backoff delays.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Random source in [0, 1) for backoff jitter; null uses <see cref="Random.Shared"/>.</summary>
    public Func<double>? NextJitter { get; init; }

    /// <summary>
    /// Options from the environment the way the AWS CLI reads it: region from <paramref name="regionOverride"/>,
    /// AWS_REGION, AWS_DEFAULT_REGION or the shared config profile; endpoints from <paramref name="endpointOverride"/>,
    /// AWS_ENDPOINT_URL_&lt;SERVICE&gt;, AWS_ENDPOINT_URL, else the real regional endpoint. Credentials stay null
    /// (resolved by <see cref="AwsClients.Create"/>).
    /// </summary>
    /// <param name="getEnvironmentVariable">Reads a variable; null uses the process environment.</param>
    /// <exception cref="AwsConfigurationException">No region could be found, or an endpoint variable is not a URL.</exception>
    public static AwsClientOptions FromEnvironment(
        string? regionOverride,
        Uri? endpointOverride,
        Func<string, string?>? getEnvironmentVariable = null)
    {
        var env = getEnvironmentVariable ?? Environment.GetEnvironmentVariable;
        var region = FirstNonEmpty(regionOverride, env("AWS_REGION"), env("AWS_DEFAULT_REGION"))
            ?? RegionFromProfile()
            ?? throw new AwsConfigurationException(
                "No AWS region is configured. Pass --region, set AWS_REGION (or AWS_DEFAULT_REGION), " +
                "or set 'region' in the profile of ~/.aws/config.");

        // A service-specific variable beats AWS_ENDPOINT_URL, which covers the services without one.
        var globalEndpoint = ParseEndpoint(env("AWS_ENDPOINT_URL"), "AWS_ENDPOINT_URL");
        var serviceEndpoints = new Dictionary<AwsService, Uri>();
        foreach (var service in AwsServiceCatalog.All)
        {
            var variable = "AWS_ENDPOINT_URL_" + service.EndpointEnvironmentSuffix;
            if ((ParseEndpoint(env(variable), variable) ?? globalEndpoint) is { } uri)
            {
                serviceEndpoints[service.Service] = uri;
            }
        }

        return new AwsClientOptions { Region = region, EndpointUrl = endpointOverride, ServiceEndpoints = serviceEndpoints };
    }

    private static string? FirstNonEmpty(params string?[] values) =>
        values.FirstOrDefault(value => !string.IsNullOrWhiteSpace(value))?.Trim();

    private static string? RegionFromProfile()
    {
        try
        {
            // Reads AWS_PROFILE / the default profile of ~/.aws/config; instance metadata is not asked, so a
            // laptop without a region fails fast instead of waiting for IMDS.
            return FallbackRegionFactory.GetRegionEndpoint(includeInstanceMetadata: false)?.SystemName;
        }
        catch (AmazonClientException)
        {
            return null;
        }
    }

    private static Uri? ParseEndpoint(string? value, string variable)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw new AwsConfigurationException(
                $"{variable} is '{value}', which is not an http(s) URL. Set it to e.g. http://127.0.0.1:5000 or unset it.");
    }
}

/// <summary>Retry budget and backoff (exponential with full jitter, capped).</summary>
/// <param name="MaxAttempts">
/// Attempts in total, including the first, for throttling and conflicts (the service is there and asked us to wait).
/// </param>
/// <param name="BaseDelay">The backoff before the first retry (before jitter).</param>
/// <param name="MaxDelay">No single backoff (nor an honoured Retry-After) is longer than this.</param>
/// <param name="MaxTransientAttempts">
/// How many attempts of one call may end in a 5xx answer, a timeout or a failed connection before it fails (throttles
/// do not count), within <paramref name="MaxAttempts"/>; null: 4.
/// The AWS SDKs' standard mode allows 3 for every error; throttling gets more here because the run shares its quotas
/// with the rest of the account and has a deadline anyway.
/// </param>
/// <param name="MaxElapsed">
/// The time budget of one logical call: no retry starts when its backoff would end later than this after the first
/// attempt began; null: 60 s. The attempt in flight is bounded by the attempt timeout, not by this.
/// </param>
internal sealed record AwsRetryOptions(
    int MaxAttempts = 8,
    TimeSpan? BaseDelay = null,
    TimeSpan? MaxDelay = null,
    int? MaxTransientAttempts = null,
    TimeSpan? MaxElapsed = null)
{
    /// <summary>The effective base delay (default 200 ms).</summary>
    public TimeSpan EffectiveBaseDelay => BaseDelay ?? TimeSpan.FromMilliseconds(200);

    /// <summary>The effective cap (default 20 s).</summary>
    public TimeSpan EffectiveMaxDelay => MaxDelay ?? TimeSpan.FromSeconds(20);

    /// <summary>The effective attempts for transient errors (default 4, never more than <see cref="MaxAttempts"/>).</summary>
    public int EffectiveMaxTransientAttempts => Math.Max(1, Math.Min(MaxAttempts, MaxTransientAttempts ?? 4));

    /// <summary>The effective time budget of one call (default 60 s).</summary>
    public TimeSpan EffectiveMaxElapsed => MaxElapsed ?? TimeSpan.FromSeconds(60);
}

/// <summary>The per-endpoint circuit breaker for connection-level failures (see the transport).</summary>
/// <param name="Enabled">False never stops calling an endpoint.</param>
/// <param name="FailureThreshold">Connection failures in a row, with no HTTP answer between them, that open it.</param>
/// <param name="MinimumOutage">
/// How long those failures must span (first to last); null: 1 s. A healthy endpoint answers other calls in between.
/// </param>
/// <param name="BreakDuration">How long calls fail at once before one probes again; null: 30 s.</param>
internal sealed record AwsCircuitBreakerOptions(
    bool Enabled = true,
    int FailureThreshold = 3,
    TimeSpan? MinimumOutage = null,
    TimeSpan? BreakDuration = null)
{
    /// <summary>The effective minimum outage.</summary>
    public TimeSpan EffectiveMinimumOutage => MinimumOutage ?? TimeSpan.FromSeconds(1);

    /// <summary>The effective break.</summary>
    public TimeSpan EffectiveBreakDuration => BreakDuration ?? TimeSpan.FromSeconds(30);
}

/// <summary>A token bucket: <paramref name="PerSecond"/> tokens a second, at most <paramref name="Burst"/> saved up.</summary>
internal sealed record RateLimit(int PerSecond, int Burst);

/// <summary>Client-side rate limits, one token bucket per operation group (see <see cref="AwsOperationGroups"/>).</summary>
/// <param name="Enabled">False disables all limits (tests against moto).</param>
/// <param name="Groups">Limit per group name; a group without an entry is not limited.</param>
internal sealed record AwsRateLimitOptions(bool Enabled, IReadOnlyDictionary<string, RateLimit> Groups)
{
    /// <summary>The documented default quotas (AWS-QUOTAS.md), per account and region.</summary>
    public static AwsRateLimitOptions Default { get; } = new(true, new Dictionary<string, RateLimit>
    {
        [AwsOperationGroups.LambdaControlPlane] = new(15, 15),
        [AwsOperationGroups.ApiGatewayControlPlane] = new(10, 40),
        [AwsOperationGroups.PutMetricAlarm] = new(3, 3),
        [AwsOperationGroups.DescribeAlarms] = new(9, 9),
        [AwsOperationGroups.DeleteAlarms] = new(3, 3),
        [AwsOperationGroups.PutDashboard] = new(10, 10),
        [AwsOperationGroups.GetDashboard] = new(10, 10),
        [AwsOperationGroups.ListDashboards] = new(10, 10),
        [AwsOperationGroups.CloudWatchTagResource] = new(20, 20),
        [AwsOperationGroups.CloudWatchListTagsForResource] = new(10, 10),
        [AwsOperationGroups.Tagging] = new(15, 15),
        [AwsOperationGroups.DescribeLogGroups] = new(10, 10),
        [AwsOperationGroups.CreateLogGroup] = new(10, 10),
        [AwsOperationGroups.PutRetentionPolicy] = new(5, 5),
        [AwsOperationGroups.SetAlarmState] = new(3, 3),
        [AwsOperationGroups.DescribeAlarmHistory] = new(3, 3),
        [AwsOperationGroups.GetMetricData] = new(50, 50),
        [AwsOperationGroups.XRay] = new(5, 5),
    });

    /// <summary>No client-side limits.</summary>
    public static AwsRateLimitOptions Disabled { get; } = new(false, new Dictionary<string, RateLimit>());

    /// <summary>A copy with <paramref name="group"/> limited to <paramref name="limit"/>.</summary>
    public AwsRateLimitOptions With(string group, RateLimit limit) =>
        this with { Groups = new Dictionary<string, RateLimit>(Groups) { [group] = limit } };
}

/// <summary>Names of the operation groups that share one quota.</summary>
internal static class AwsOperationGroups
{
    /// <summary>Every Lambda control-plane call (15/s shared).</summary>
    public const string LambdaControlPlane = "lambda";

    /// <summary>Every API Gateway REST control-plane call (10/s, burst 40).</summary>
    public const string ApiGatewayControlPlane = "apigateway";

    /// <summary>CloudWatch PutMetricAlarm (3/s).</summary>
    public const string PutMetricAlarm = "cloudwatch:PutMetricAlarm";

    /// <summary>CloudWatch DescribeAlarms (9/s).</summary>
    public const string DescribeAlarms = "cloudwatch:DescribeAlarms";

    /// <summary>CloudWatch DeleteAlarms (3/s).</summary>
    public const string DeleteAlarms = "cloudwatch:DeleteAlarms";

    /// <summary>CloudWatch PutDashboard (10/s).</summary>
    public const string PutDashboard = "cloudwatch:PutDashboard";

    /// <summary>CloudWatch GetDashboard (10/s).</summary>
    public const string GetDashboard = "cloudwatch:GetDashboard";

    /// <summary>CloudWatch ListDashboards (10/s).</summary>
    public const string ListDashboards = "cloudwatch:ListDashboards";

    /// <summary>CloudWatch TagResource (20/s).</summary>
    public const string CloudWatchTagResource = "cloudwatch:TagResource";

    /// <summary>
    /// CloudWatch ListTagsForResource. The quota page gives no figure of its own for it; it is paced at 10/s, the
    /// lowest of CloudWatch's dashboard read quotas, and only called for objects about to be updated or deleted.
    /// </summary>
    public const string CloudWatchListTagsForResource = "cloudwatch:ListTagsForResource";

    /// <summary>Resource Groups Tagging API GetResources (15/s).</summary>
    public const string Tagging = "tagging";

    // CloudWatch Logs: "CloudWatch Logs quotas", Amazon CloudWatch Logs User Guide
    // (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/cloudwatch_limits_cwl.html), per account and Region:
    // "DescribeLogGroups throttle limit in transactions per second" 10 per second (adjustable), "CreateLogGroup …" 10
    // per second (adjustable), "PutRetentionPolicy …" 5 per second (not adjustable). The page gives no burst; the
    // bucket holds one second's worth, as for the other groups. (The guide's older text, last in the archived
    // awsdocs/amazon-cloudwatch-logs-user-guide source of 2022, gave both 5/s: an account still at that limit is
    // throttled and retried, not broken.)

    /// <summary>
    /// CloudWatch GetMetricData (50/s): the CloudWatch service quotas page
    /// (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch_limits.html, "GetMetricData: 50
    /// TPS"). The trace-arrival check asks for up to 500 metrics a call, the most one call takes.
    /// </summary>
    public const string GetMetricData = "cloudwatch:GetMetricData";

    /// <summary>
    /// Every X-Ray control-plane call the reconciler makes (groups, sampling rules, tags, the service graph), paced at
    /// 5/s together. "AWS X-Ray endpoints and quotas" gives figures for trace data (segments, trace size) and resource
    /// counts, but none for these operations, so 5/s is this project's own conservative pace, not an AWS figure; a
    /// throttled call is retried like any other. A run makes a handful of them per policy.
    /// </summary>
    public const string XRay = "xray";

    /// <summary>CloudWatch Logs DescribeLogGroups (10/s).</summary>
    public const string DescribeLogGroups = "logs:DescribeLogGroups";

    /// <summary>CloudWatch Logs CreateLogGroup (10/s).</summary>
    public const string CreateLogGroup = "logs:CreateLogGroup";

    /// <summary>CloudWatch Logs PutRetentionPolicy (5/s).</summary>
    public const string PutRetentionPolicy = "logs:PutRetentionPolicy";

    /// <summary>
    /// CloudWatch SetAlarmState (3/s, not adjustable): the CloudWatch service quotas page,
    /// https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch_limits.html ("DeleteAlarms,
    /// DescribeAlarmHistory, DescribeAlarmsForMetric, DisableAlarmActions, EnableAlarmActions, SetAlarmState: 3 TPS
    /// each").
    /// </summary>
    public const string SetAlarmState = "cloudwatch:SetAlarmState";

    /// <summary>CloudWatch DescribeAlarmHistory (3/s, not adjustable; the same line of the quotas page).</summary>
    public const string DescribeAlarmHistory = "cloudwatch:DescribeAlarmHistory";
}

/// <summary>A configuration problem the user must fix (no region, no credentials, a bad endpoint variable).</summary>
internal sealed class AwsConfigurationException(string message, Exception? innerException = null)
    : Exception(message, innerException);
