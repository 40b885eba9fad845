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

    /// <summary>X-Ray CreateGroup, with tags.</summary>
    Task CreateXRayGroupAsync(string groupName, string filterExpression, IReadOnlyList<Tag> tags, CancellationToken cancellationToken);

    /// <summary>X-Ray UpdateGroup: the filter expression of the group with that ARN.</summary>
    Task UpdateXRayGroupAsync(string groupArn, string filterExpression, CancellationToken cancellationToken);

    /// <summary>X-Ray DeleteGroup of the group with that ARN.</summary>
    Task DeleteXRayGroupAsync(string groupArn, CancellationToken cancellationToken);

    /// <summary>X-Ray CreateSamplingRule, with tags.</summary>
    Task CreateSamplingRuleAsync(XRaySamplingRule rule, IReadOnlyList<Tag> tags, CancellationToken cancellationToken);

    /// <summary>X-Ray UpdateSamplingRule of the rule with that name.</summary>
    Task UpdateSamplingRuleAsync(XRaySamplingRule rule, CancellationToken cancellationToken);

    /// <summary>X-Ray DeleteSamplingRule of the rule with that name.</summary>
    Task DeleteSamplingRuleAsync(string ruleName, CancellationToken cancellationToken);
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

    /// <inheritdoc />
    public Task CreateXRayGroupAsync(string groupName, string filterExpression, IReadOnlyList<Tag> tags, CancellationToken cancellationToken) =>
        aws.XRay.CreateGroupAsync(groupName, filterExpression, tags, cancellationToken);

    /// <inheritdoc />
    public Task UpdateXRayGroupAsync(string groupArn, string filterExpression, CancellationToken cancellationToken) =>
        aws.XRay.UpdateGroupAsync(groupArn, filterExpression, cancellationToken);

    /// <inheritdoc />
    public Task DeleteXRayGroupAsync(string groupArn, CancellationToken cancellationToken) =>
        aws.XRay.DeleteGroupAsync(groupArn, cancellationToken);

    /// <inheritdoc />
    public Task CreateSamplingRuleAsync(XRaySamplingRule rule, IReadOnlyList<Tag> tags, CancellationToken cancellationToken) =>
        aws.XRay.CreateSamplingRuleAsync(rule, tags, cancellationToken);

    /// <inheritdoc />
    public Task UpdateSamplingRuleAsync(XRaySamplingRule rule, CancellationToken cancellationToken) =>
        aws.XRay.UpdateSamplingRuleAsync(rule, cancellationToken);

    /// <inheritdoc />
    public Task DeleteSamplingRuleAsync(string ruleName, CancellationToken cancellationToken) =>
        aws.XRay.DeleteSamplingRuleAsync(ruleName, cancellationToken);
}
