using System.Runtime.CompilerServices;
using Reconciler.Aws.Http;

namespace Reconciler.Aws.Services;

/// <summary>CloudWatch Logs over JSON 1.1 (X-Amz-Target Logs_20140328.&lt;Operation&gt;, API version 2014-03-28).</summary>
internal sealed class CloudWatchLogsClient(AwsTransport transport) : ICloudWatchLogsClient
{
    private const string TargetPrefix = "Logs_20140328.";
    private const string ContentType = "application/x-amz-json-1.1";

    // The largest page DescribeLogGroups allows (botocore's DescribeLimit: 1 to 50), so a listing takes the fewest
    // calls against its 10/s quota.
    private const int PageSize = 50;

    private static readonly AwsOperation DescribeLogGroups = Op("DescribeLogGroups", AwsOperationGroups.DescribeLogGroups, false);
    private static readonly AwsOperation CreateLogGroup = Op("CreateLogGroup", AwsOperationGroups.CreateLogGroup, true);
    private static readonly AwsOperation PutRetentionPolicy = Op("PutRetentionPolicy", AwsOperationGroups.PutRetentionPolicy, true);

    public async IAsyncEnumerable<LogGroup> DescribeLogGroupsAsync(string? logGroupNamePrefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // An empty prefix is no filter; CloudWatch Logs refuses an empty logGroupNamePrefix (length 1 to 512).
        var prefix = string.IsNullOrEmpty(logGroupNamePrefix) ? null : logGroupNamePrefix;
        string? nextToken = null;
        do
        {
            var body = new LogsDescribeLogGroupsRequestJson(prefix, nextToken, PageSize);
            var response = await transport.SendAsync(
                DescribeLogGroups,
                baseUrl => JsonRpc.Request(baseUrl, TargetPrefix + DescribeLogGroups.Name, JsonContent.Create(body, CloudWatchLogsJsonContext.Default.LogsDescribeLogGroupsRequestJson, ContentType)),
                cancellationToken);
            var page = JsonContent.Parse(response.Body, CloudWatchLogsJsonContext.Default.LogsDescribeLogGroupsResponseJson, "logs", DescribeLogGroups.Name);
            foreach (var group in page.LogGroups ?? [])
            {
                // logGroupName is always present in CloudWatch Logs' answers; a group without one names nothing.
                if (group.LogGroupName is { Length: > 0 } name)
                {
                    yield return new LogGroup(name, group.Arn, group.RetentionInDays);
                }
            }

            nextToken = string.IsNullOrEmpty(page.NextToken) ? null : page.NextToken;
        }
        while (nextToken is not null);
    }

    public async Task CreateLogGroupAsync(string logGroupName, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(logGroupName);
        ArgumentNullException.ThrowIfNull(tags);

        // The model's Tags map has at least one entry, so no tags is no member rather than an empty map.
        var body = new LogsCreateLogGroupRequestJson(logGroupName, tags.Count == 0 ? null : tags);
        await transport.SendAsync(
            CreateLogGroup,
            baseUrl => JsonRpc.Request(baseUrl, TargetPrefix + CreateLogGroup.Name, JsonContent.Create(body, CloudWatchLogsJsonContext.Default.LogsCreateLogGroupRequestJson, ContentType)),
            cancellationToken);
    }

    public async Task PutRetentionPolicyAsync(string logGroupName, int retentionInDays, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(logGroupName);
        var body = new LogsPutRetentionPolicyRequestJson(logGroupName, retentionInDays);
        await transport.SendAsync(
            PutRetentionPolicy,
            baseUrl => JsonRpc.Request(baseUrl, TargetPrefix + PutRetentionPolicy.Name, JsonContent.Create(body, CloudWatchLogsJsonContext.Default.LogsPutRetentionPolicyRequestJson, ContentType)),
            cancellationToken);
    }

    private static AwsOperation Op(string name, string group, bool isWrite) => new(AwsServiceCatalog.CloudWatchLogs, name, group, isWrite);
}
