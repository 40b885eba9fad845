using System.Runtime.CompilerServices;
using System.Xml.Linq;
using Reconciler.Aws.Http;

namespace Reconciler.Aws.Services;

/// <summary>
/// CloudWatch over the query protocol (Version 2010-08-01, XML answers). The AWS CLI now speaks Smithy RPCv2 CBOR to
/// CloudWatch, but CloudWatch (and moto) still accept query, which needs no CBOR codec and stays AOT-clean.
/// </summary>
internal sealed class CloudWatchClient(AwsTransport transport) : ICloudWatchClient
{
    private const string Version = "2010-08-01";
    private static readonly AwsOperation DescribeAlarms = Op("DescribeAlarms", AwsOperationGroups.DescribeAlarms, false);
    private static readonly AwsOperation PutMetricAlarm = Op("PutMetricAlarm", AwsOperationGroups.PutMetricAlarm, true);
    private static readonly AwsOperation DeleteAlarms = Op("DeleteAlarms", AwsOperationGroups.DeleteAlarms, true);
    private static readonly AwsOperation PutDashboard = Op("PutDashboard", AwsOperationGroups.PutDashboard, true);
    private static readonly AwsOperation GetDashboard = Op("GetDashboard", AwsOperationGroups.GetDashboard, false);
    private static readonly AwsOperation ListDashboards = Op("ListDashboards", AwsOperationGroups.ListDashboards, false);
    private static readonly AwsOperation TagResource = Op("TagResource", AwsOperationGroups.CloudWatchTagResource, true);
    private static readonly AwsOperation ListTagsForResource = Op("ListTagsForResource", AwsOperationGroups.CloudWatchListTagsForResource, false);
    private static readonly AwsOperation SetAlarmState = Op("SetAlarmState", AwsOperationGroups.SetAlarmState, true);
    private static readonly AwsOperation DescribeAlarmHistory = Op("DescribeAlarmHistory", AwsOperationGroups.DescribeAlarmHistory, false);
    private static readonly AwsOperation GetMetricData = Op("GetMetricData", AwsOperationGroups.GetMetricData, false);

    // GetMetricData takes at most 500 MetricDataQuery structures a call (botocore's MetricDataQueries has no max, the
    // API reference says "You can include as many as 500").
    private const int MaxMetricDataQueries = 500;

    public async IAsyncEnumerable<MetricAlarm> DescribeAlarmsAsync(DescribeAlarmsRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        string? nextToken = null;
        do
        {
            var parameters = new QueryParameters(DescribeAlarms.Name, Version)
                .AddMembers("AlarmNames", request.AlarmNames ?? [])
                .Add("AlarmNamePrefix", request.AlarmNamePrefix)
                .AddMembers("AlarmTypes", ["MetricAlarm"])
                .Add("MaxRecords", request.MaxRecords)
                .Add("NextToken", nextToken);
            var result = await SendAsync(DescribeAlarms, parameters, cancellationToken);
            foreach (var alarm in result.Members("MetricAlarms"))
            {
                yield return CloudWatchAlarmXml.ToMetricAlarm(alarm);
            }

            nextToken = result.Text("NextToken") is { Length: > 0 } token ? token : null;
        }
        while (nextToken is not null);
    }

    public async Task PutMetricAlarmAsync(PutMetricAlarmRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await SendAsync(PutMetricAlarm, CloudWatchAlarmXml.ToParameters(request, Version), cancellationToken);
    }

    public async Task DeleteAlarmsAsync(IReadOnlyList<string> alarmNames, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alarmNames);
        if (alarmNames.Count == 0)
        {
            return;
        }

        if (alarmNames.Count > 100)
        {
            throw new ArgumentException($"DeleteAlarms takes at most 100 names a call; got {alarmNames.Count}. Split the list.", nameof(alarmNames));
        }

        await SendAsync(DeleteAlarms, new QueryParameters(DeleteAlarms.Name, Version).AddMembers("AlarmNames", alarmNames), cancellationToken);
    }

    public async Task<IReadOnlyList<DashboardValidationMessage>> PutDashboardAsync(string dashboardName, string dashboardBody, CancellationToken cancellationToken)
    {
        var parameters = new QueryParameters(PutDashboard.Name, Version)
            .Add("DashboardName", dashboardName)
            .Add("DashboardBody", dashboardBody);
        var result = await SendAsync(PutDashboard, parameters, cancellationToken);
        return [.. result.Members("DashboardValidationMessages")
            .Select(message => new DashboardValidationMessage(message.Text("DataPath"), message.Text("Message") ?? string.Empty))];
    }

    public async Task<GetDashboardResponse?> GetDashboardAsync(string dashboardName, CancellationToken cancellationToken)
    {
        XElement result;
        try
        {
            result = await SendAsync(GetDashboard, new QueryParameters(GetDashboard.Name, Version).Add("DashboardName", dashboardName), cancellationToken);
        }
        catch (AwsServiceException error) when (error.ErrorCode is "ResourceNotFound" or "ResourceNotFoundException")
        {
            return null;
        }

        return new GetDashboardResponse(
            result.Text("DashboardName") ?? dashboardName,
            result.Text("DashboardArn") ?? string.Empty,
            result.Text("DashboardBody") ?? string.Empty);
    }

    public async IAsyncEnumerable<DashboardEntry> ListDashboardsAsync(string? dashboardNamePrefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? nextToken = null;
        do
        {
            var parameters = new QueryParameters(ListDashboards.Name, Version)
                .Add("DashboardNamePrefix", dashboardNamePrefix)
                .Add("NextToken", nextToken);
            var result = await SendAsync(ListDashboards, parameters, cancellationToken);
            foreach (var entry in result.Members("DashboardEntries"))
            {
                yield return new DashboardEntry(
                    entry.Text("DashboardName") ?? string.Empty,
                    entry.Text("DashboardArn") ?? string.Empty,
                    entry.Timestamp("LastModified"),
                    entry.Long("Size"));
            }

            nextToken = result.Text("NextToken") is { Length: > 0 } token ? token : null;
        }
        while (nextToken is not null);
    }

    public async Task TagResourceAsync(string resourceArn, IReadOnlyList<Tag> tags, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tags);
        var parameters = new QueryParameters(TagResource.Name, Version).Add("ResourceARN", resourceArn);
        CloudWatchAlarmXml.AddTags(parameters, tags);
        await SendAsync(TagResource, parameters, cancellationToken);
    }

    public async Task<IReadOnlyList<Tag>> ListTagsForResourceAsync(string resourceArn, CancellationToken cancellationToken)
    {
        var result = await SendAsync(ListTagsForResource, new QueryParameters(ListTagsForResource.Name, Version).Add("ResourceARN", resourceArn), cancellationToken);
        return [.. result.Members("Tags").Select(tag => new Tag(tag.Text("Key") ?? string.Empty, tag.Text("Value") ?? string.Empty))];
    }

    public async Task SetAlarmStateAsync(string alarmName, string stateValue, string stateReason, CancellationToken cancellationToken)
    {
        var parameters = new QueryParameters(SetAlarmState.Name, Version)
            .Add("AlarmName", alarmName)
            .Add("StateValue", stateValue)
            .Add("StateReason", stateReason);
        await SendAsync(SetAlarmState, parameters, cancellationToken);
    }

    public async IAsyncEnumerable<AlarmHistoryItem> DescribeAlarmHistoryAsync(DescribeAlarmHistoryRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        string? nextToken = null;
        do
        {
            var parameters = new QueryParameters(DescribeAlarmHistory.Name, Version)
                .Add("AlarmName", request.AlarmName)
                .Add("HistoryItemType", request.HistoryItemType)
                .Add("StartDate", QueryTimestamp.Format(request.StartDate))
                .Add("EndDate", QueryTimestamp.Format(request.EndDate))
                .Add("MaxRecords", request.MaxRecords)
                .Add("NextToken", nextToken)
                .Add("ScanBy", request.ScanBy);
            var result = await SendAsync(DescribeAlarmHistory, parameters, cancellationToken);
            foreach (var item in result.Members("AlarmHistoryItems"))
            {
                yield return new AlarmHistoryItem(
                    item.Text("AlarmName") ?? string.Empty,
                    item.Timestamp("Timestamp"),
                    item.Text("HistoryItemType") ?? string.Empty,
                    item.Text("HistorySummary") ?? string.Empty,
                    item.Text("HistoryData"));
            }

            nextToken = result.Text("NextToken") is { Length: > 0 } token ? token : null;
        }
        while (nextToken is not null);
    }

    public async Task<IReadOnlyList<MetricDataResult>> GetMetricDataAsync(IReadOnlyList<MetricDataQuery> queries, DateTimeOffset startTime, DateTimeOffset endTime, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queries);
        if (queries.Count is 0 or > MaxMetricDataQueries)
        {
            throw new ArgumentOutOfRangeException(nameof(queries), queries.Count, $"GetMetricData takes 1 to {MaxMetricDataQueries} queries a call.");
        }

        var values = queries.ToDictionary(query => query.Id, _ => new List<MetricDatapoint>(), StringComparer.Ordinal);
        var statuses = new Dictionary<string, string?>(StringComparer.Ordinal);
        string? nextToken = null;
        do
        {
            var parameters = new QueryParameters(GetMetricData.Name, Version);
            CloudWatchAlarmXml.AddQueries(parameters, "MetricDataQueries", queries);
            parameters
                .Add("StartTime", QueryTimestamp.Format(startTime))
                .Add("EndTime", QueryTimestamp.Format(endTime))
                .Add("NextToken", nextToken);
            var result = await SendAsync(GetMetricData, parameters, cancellationToken);
            foreach (var answer in result.Members("MetricDataResults"))
            {
                if (answer.Text("Id") is { } id && values.TryGetValue(id, out var list))
                {
                    // Timestamps and Values are parallel lists: the i-th value is the datapoint of the i-th period.
                    foreach (var (stamp, number) in answer.Members("Timestamps").Zip(answer.Members("Values")))
                    {
                        if (stamp.TimestampValue() is { } at && number.DoubleValue() is { } value)
                        {
                            list.Add(new MetricDatapoint(at, value));
                        }
                    }

                    statuses[id] = answer.Text("StatusCode");
                }
            }

            nextToken = result.Text("NextToken") is { Length: > 0 } token ? token : null;
        }
        while (nextToken is not null);
        return [.. queries.Select(query => new MetricDataResult(query.Id, values[query.Id], statuses.GetValueOrDefault(query.Id)))];
    }

    private async Task<XElement> SendAsync(AwsOperation operation, QueryParameters parameters, CancellationToken cancellationToken)
    {
        var response = await transport.SendAsync(operation, parameters.ToRequest, cancellationToken);
        return QueryXml.ParseResult(response.Body, operation.Service.SigningName, operation.Name);
    }

    private static AwsOperation Op(string name, string group, bool isWrite) => new(AwsServiceCatalog.CloudWatch, name, group, isWrite);
}
