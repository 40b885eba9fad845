namespace Reconciler.Planning;

/// <summary>
/// Every ARN the reconciler builds, in the partition of the run's Region (aws, aws-cn, aws-us-gov): one place, so no
/// ARN is ever spelled "arn:aws:" in a Region where that is wrong.
/// </summary>
internal static class Arns
{
    /// <summary>The ARN partition of a Region: aws-cn for cn-*, aws-us-gov for us-gov-*, else aws.</summary>
    public static string Partition(string region) =>
        region.StartsWith("cn-", StringComparison.Ordinal) ? "aws-cn"
        : region.StartsWith("us-gov-", StringComparison.Ordinal) ? "aws-us-gov"
        : "aws";

    /// <summary>A CloudWatch alarm.</summary>
    public static string Alarm(string region, string accountId, string alarmName) =>
        $"arn:{Partition(region)}:cloudwatch:{region}:{accountId}:alarm:{alarmName}";

    /// <summary>A CloudWatch dashboard (dashboards are global: no Region in the ARN).</summary>
    public static string Dashboard(string region, string accountId, string dashboardName) =>
        $"arn:{Partition(region)}:cloudwatch::{accountId}:dashboard/{dashboardName}";

    /// <summary>A REST API stage (no account in API Gateway ARNs).</summary>
    public static string Stage(string region, string restApiId, string stageName) =>
        $"arn:{Partition(region)}:apigateway:{region}::/restapis/{restApiId}/stages/{stageName}";

    /// <summary>A CloudWatch Logs log group (without the ":*" DescribeLogGroups appends to its "arn").</summary>
    public static string LogGroup(string region, string accountId, string logGroupName) =>
        $"arn:{Partition(region)}:logs:{region}:{accountId}:log-group:{logGroupName}";
}
