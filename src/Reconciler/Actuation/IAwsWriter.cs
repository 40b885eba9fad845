using Reconciler.Aws;

namespace Reconciler.Actuation;

/// <summary>
/// The AWS calls actuation makes: the kinds' writes and the read-back of written alarms, nothing that discovery
/// reads with. The applier and the kinds' writers take only this, so a test fake implements only this.
/// </summary>
internal interface IAwsWriter
{
    /// <summary>Lambda UpdateFunctionConfiguration.</summary>
    Task UpdateFunctionConfigurationAsync(UpdateFunctionConfigurationRequest request, CancellationToken cancellationToken);

    /// <summary>API Gateway UpdateStage.</summary>
    Task UpdateStageAsync(UpdateStageRequest request, CancellationToken cancellationToken);

    /// <summary>CloudWatch PutMetricAlarm.</summary>
    Task PutMetricAlarmAsync(PutMetricAlarmRequest request, CancellationToken cancellationToken);

    /// <summary>CloudWatch DeleteAlarms, at most 100 names a call.</summary>
    Task DeleteAlarmsAsync(IReadOnlyList<string> alarmNames, CancellationToken cancellationToken);

    /// <summary>CloudWatch PutDashboard; returns DashboardValidationMessages (empty when the body is accepted cleanly).</summary>
    Task<IReadOnlyList<DashboardValidationMessage>> PutDashboardAsync(string dashboardName, string dashboardBody, CancellationToken cancellationToken);

    /// <summary>CloudWatch TagResource on an alarm or dashboard ARN.</summary>
    Task TagResourceAsync(string resourceArn, IReadOnlyList<Tag> tags, CancellationToken cancellationToken);

    /// <summary>CloudWatch DescribeAlarms, used to read written alarms back.</summary>
    IAsyncEnumerable<MetricAlarm> DescribeAlarmsAsync(DescribeAlarmsRequest request, CancellationToken cancellationToken);

    /// <summary>CloudWatch Logs CreateLogGroup, with tags.</summary>
    Task CreateLogGroupAsync(string logGroupName, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken);

    /// <summary>CloudWatch Logs PutRetentionPolicy.</summary>
    Task PutRetentionPolicyAsync(string logGroupName, int retentionInDays, CancellationToken cancellationToken);
}

/// <summary>The run's AWS clients, as actuation sees them.</summary>
internal sealed class AwsWriter(IAwsClients aws) : IAwsWriter
{
    /// <inheritdoc />
    public Task UpdateFunctionConfigurationAsync(UpdateFunctionConfigurationRequest request, CancellationToken cancellationToken) =>
        aws.Lambda.UpdateFunctionConfigurationAsync(request, cancellationToken);

    /// <inheritdoc />
    public Task UpdateStageAsync(UpdateStageRequest request, CancellationToken cancellationToken) =>
        aws.ApiGateway.UpdateStageAsync(request, cancellationToken);

    /// <inheritdoc />
    public Task PutMetricAlarmAsync(PutMetricAlarmRequest request, CancellationToken cancellationToken) =>
        aws.CloudWatch.PutMetricAlarmAsync(request, cancellationToken);

    /// <inheritdoc />
    public Task DeleteAlarmsAsync(IReadOnlyList<string> alarmNames, CancellationToken cancellationToken) =>
        aws.CloudWatch.DeleteAlarmsAsync(alarmNames, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<DashboardValidationMessage>> PutDashboardAsync(string dashboardName, string dashboardBody, CancellationToken cancellationToken) =>
        aws.CloudWatch.PutDashboardAsync(dashboardName, dashboardBody, cancellationToken);

    /// <inheritdoc />
    public Task TagResourceAsync(string resourceArn, IReadOnlyList<Tag> tags, CancellationToken cancellationToken) =>
        aws.CloudWatch.TagResourceAsync(resourceArn, tags, cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<MetricAlarm> DescribeAlarmsAsync(DescribeAlarmsRequest request, CancellationToken cancellationToken) =>
        aws.CloudWatch.DescribeAlarmsAsync(request, cancellationToken);

    /// <inheritdoc />
    public Task CreateLogGroupAsync(string logGroupName, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken) =>
        aws.Logs.CreateLogGroupAsync(logGroupName, tags, cancellationToken);

    /// <inheritdoc />
    public Task PutRetentionPolicyAsync(string logGroupName, int retentionInDays, CancellationToken cancellationToken) =>
        aws.Logs.PutRetentionPolicyAsync(logGroupName, retentionInDays, cancellationToken);
}
