namespace Reconciler.Aws;

/// <summary>The AWS services this project calls.</summary>
internal enum AwsService
{
    /// <summary>Resource Groups Tagging API.</summary>
    Tagging,

    /// <summary>Lambda.</summary>
    Lambda,

    /// <summary>API Gateway (REST APIs).</summary>
    ApiGateway,

    /// <summary>CloudWatch.</summary>
    CloudWatch,

    /// <summary>SNS.</summary>
    Sns,

    /// <summary>STS.</summary>
    Sts,

    /// <summary>CloudWatch Logs.</summary>
    CloudWatchLogs,

    /// <summary>SQS (the temporary queue of `drill --verify-delivery`).</summary>
    Sqs,

    /// <summary>AWS X-Ray (groups, sampling rules and the service graph).</summary>
    XRay,
}

/// <summary>How to reach and sign for one service.</summary>
/// <param name="Service">The service.</param>
/// <param name="SigningName">SigV4 service name, also the error/counter service name ("monitoring").</param>
/// <param name="EndpointPrefix">Host prefix of the regional endpoint.</param>
/// <param name="EndpointEnvironmentSuffix">The &lt;SERVICE&gt; of AWS_ENDPOINT_URL_&lt;SERVICE&gt;.</param>
internal sealed record AwsServiceInfo(AwsService Service, string SigningName, string EndpointPrefix, string EndpointEnvironmentSuffix)
{
    /// <summary>The real regional endpoint, e.g. https://lambda.us-east-1.amazonaws.com.</summary>
    public Uri RegionalEndpoint(string region)
    {
        var dnsSuffix = region.StartsWith("cn-", StringComparison.Ordinal) ? "amazonaws.com.cn" : "amazonaws.com";
        return new Uri($"https://{EndpointPrefix}.{region}.{dnsSuffix}/");
    }
}

/// <summary>The fixed facts about each service.</summary>
internal static class AwsServiceCatalog
{
    public static AwsServiceInfo Tagging { get; } = new(AwsService.Tagging, "tagging", "tagging", "RESOURCE_GROUPS_TAGGING_API");

    public static AwsServiceInfo Lambda { get; } = new(AwsService.Lambda, "lambda", "lambda", "LAMBDA");

    public static AwsServiceInfo ApiGateway { get; } = new(AwsService.ApiGateway, "apigateway", "apigateway", "API_GATEWAY");

    public static AwsServiceInfo CloudWatch { get; } = new(AwsService.CloudWatch, "monitoring", "monitoring", "CLOUDWATCH");

    public static AwsServiceInfo Sns { get; } = new(AwsService.Sns, "sns", "sns", "SNS");

    public static AwsServiceInfo Sts { get; } = new(AwsService.Sts, "sts", "sts", "STS");

    // The variable is named after the service id "CloudWatch Logs": AWS_ENDPOINT_URL_CLOUDWATCH_LOGS ("Identifiers for
    // service-specific endpoints", https://docs.aws.amazon.com/sdkref/latest/guide/ss-endpoints-table.html; botocore
    // builds the same name in configprovider.py from utils.py's "logs": "cloudwatch-logs").
    public static AwsServiceInfo CloudWatchLogs { get; } = new(AwsService.CloudWatchLogs, "logs", "logs", "CLOUDWATCH_LOGS");

    public static AwsServiceInfo Sqs { get; } = new(AwsService.Sqs, "sqs", "sqs", "SQS");

    // AWS_ENDPOINT_URL_XRAY: the service id "XRay" upper-cased ("Identifiers for service-specific endpoints").
    public static AwsServiceInfo XRay { get; } = new(AwsService.XRay, "xray", "xray", "XRAY");

    public static IReadOnlyList<AwsServiceInfo> All { get; } = [Tagging, Lambda, ApiGateway, CloudWatch, Sns, Sts, CloudWatchLogs, Sqs, XRay];
}
