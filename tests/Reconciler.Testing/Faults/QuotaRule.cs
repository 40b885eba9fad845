namespace Reconciler.Testing.Faults;

/// <summary>
/// One per-account rate quota: a token bucket of <paramref name="Burst"/> tokens refilled at
/// <paramref name="RequestsPerSecond"/>, shared by every operation in <paramref name="Operations"/>. An operation
/// named "*" stands for every operation of its service.
/// </summary>
/// <param name="Group">A name for the bucket, used in logs and reports ("lambda-control-plane").</param>
public sealed record QuotaRule(string Group, double RequestsPerSecond, double Burst, IReadOnlyList<AwsOperation> Operations)
{
    /// <summary>
    /// The documented defaults of /work/shared/AWS-QUOTAS.md, and of the CloudWatch Logs quota page for the Logs
    /// operations. Where AWS documents no burst, the burst is one second's worth of requests (the bucket holds what one
    /// second refills). SNS Publish is 300/s, the lowest Region's default.
    /// </summary>
    public static IReadOnlyList<QuotaRule> Documented { get; } =
    [
        new("lambda-control-plane", 15, 15,
            [Lambda("ListFunctions"), Lambda("GetFunctionConfiguration"), Lambda("UpdateFunctionConfiguration"),
             Lambda("ListTags"), Lambda("TagResource"), Lambda("UntagResource"),
             Lambda("ListAliases"), Lambda("ListVersionsByFunction")]),
        new("lambda-GetFunction", 100, 100, [Lambda("GetFunction")]),
        new("apigateway-control-plane", 10, 40, [new AwsOperation("apigateway", "*")]),
        new("monitoring-PutMetricAlarm", 3, 3, [CloudWatch("PutMetricAlarm")]),
        new("monitoring-DescribeAlarms", 9, 9, [CloudWatch("DescribeAlarms")]),
        new("monitoring-DeleteAlarms", 3, 3, [CloudWatch("DeleteAlarms")]),
        new("monitoring-SetAlarmState", 3, 3, [CloudWatch("SetAlarmState")]),
        new("monitoring-PutDashboard", 10, 10, [CloudWatch("PutDashboard")]),
        new("monitoring-GetDashboard", 10, 10, [CloudWatch("GetDashboard")]),
        new("monitoring-ListDashboards", 10, 10, [CloudWatch("ListDashboards")]),
        new("monitoring-TagResource", 20, 20, [CloudWatch("TagResource")]),
        // "GetMetricData: 50 TPS" (CloudWatch service quotas page). X-Ray documents no rate for the operations the
        // reconciler calls, so they have no bucket here (the client paces them at its own 5/s).
        new("monitoring-GetMetricData", 50, 50, [CloudWatch("GetMetricData")]),
        new("tagging-GetResources", 15, 15, [new AwsOperation("tagging", "GetResources")]),
        new("sns-Publish", 300, 300, [new AwsOperation("sns", "Publish")]),
        // "CloudWatch Logs quotas" (Amazon CloudWatch Logs User Guide, cloudwatch_limits_cwl.html), per account and
        // Region; no burst documented.
        new("logs-DescribeLogGroups", 10, 10, [Logs("DescribeLogGroups")]),
        new("logs-CreateLogGroup", 10, 10, [Logs("CreateLogGroup")]),
        new("logs-PutRetentionPolicy", 5, 5, [Logs("PutRetentionPolicy")]),
    ];

    /// <summary>
    /// The least time, in virtual seconds, in which this bucket can admit <paramref name="admittedRequests"/>
    /// requests: a bucket that starts full admits at most Burst + RequestsPerSecond × t requests in t seconds, so
    /// n requests need t ≥ (n − Burst) / RequestsPerSecond, and no time at all when n ≤ Burst.
    /// </summary>
    public TimeSpan MinimumDuration(long admittedRequests) =>
        admittedRequests <= Burst ? TimeSpan.Zero : TimeSpan.FromSeconds((admittedRequests - Burst) / RequestsPerSecond);

    /// <summary>True when <paramref name="operation"/> draws from this bucket.</summary>
    public bool Covers(AwsOperation operation) =>
        Operations.Any(o => o.Service == operation.Service && (o.Name == "*" || o.Name == operation.Name));

    private static AwsOperation Lambda(string name) => new("lambda", name);

    private static AwsOperation CloudWatch(string name) => new("monitoring", name);

    private static AwsOperation Logs(string name) => new("logs", name);
}
