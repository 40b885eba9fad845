using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Reconciler.Actuation;
using Reconciler.Aws;

namespace Reconciler.Tests.Actuation;

/// <summary>
/// A hand-written stand-in for the applier's AWS seam (<see cref="IAwsWriter"/>, nothing more) that records every
/// write and fails the ones a test names. Only the applier's guards are tested with it; the wire behaviour is tested
/// against moto.
/// </summary>
internal sealed class RecordingAwsWriter : IAwsWriter
{
    public ConcurrentQueue<string> Writes { get; } = new();

    /// <summary>Targets whose write fails with this AWS error code.</summary>
    public Dictionary<string, string> Failures { get; } = new(StringComparer.Ordinal);

    /// <summary>Targets whose write fails with exactly this error (code, message, status and kind as AWS sends them).</summary>
    public Dictionary<string, AwsServiceException> Refusals { get; } = new(StringComparer.Ordinal);

    /// <summary>Called before every write; tests use it to move a fake clock.</summary>
    public Action<string>? OnWrite { get; set; }

    /// <summary>
    /// Alarms a composite alarm depends on: a DeleteAlarms call naming any of them deletes nothing and fails with
    /// ValidationError, as CloudWatch does.
    /// </summary>
    public HashSet<string> CompositeChildren { get; } = new(StringComparer.Ordinal);

    /// <summary>Whether the composite refusal names the blocked alarms (AWS does); false makes the applier search.</summary>
    public bool NameBlockedAlarms { get; set; } = true;

    /// <summary>Alarms that DeleteAlarms removed.</summary>
    public ConcurrentQueue<string> Deleted { get; } = new();

    /// <summary>DashboardValidationMessages that PutDashboard answers with a 200, by dashboard name.</summary>
    public Dictionary<string, IReadOnlyList<DashboardValidationMessage>> DashboardWarnings { get; } = new(StringComparer.Ordinal);

    /// <summary>What DescribeAlarms gives back for a written alarm; by default exactly what was sent.</summary>
    public Func<PutMetricAlarmRequest, MetricAlarm> StoreAs { get; set; } = request => new MetricAlarm
    {
        AlarmName = request.AlarmName,
        AlarmDescription = request.AlarmDescription,
        ActionsEnabled = request.ActionsEnabled,
        AlarmActions = request.AlarmActions,
        OKActions = request.OKActions,
        InsufficientDataActions = request.InsufficientDataActions,
        MetricName = request.MetricName,
        Namespace = request.Namespace,
        Statistic = request.Statistic,
        ExtendedStatistic = request.ExtendedStatistic,
        Dimensions = request.Dimensions,
        Period = request.Period,
        Unit = request.Unit,
        EvaluationPeriods = request.EvaluationPeriods,
        DatapointsToAlarm = request.DatapointsToAlarm,
        Threshold = request.Threshold,
        ComparisonOperator = request.ComparisonOperator,
        TreatMissingData = request.TreatMissingData,
        Metrics = request.Metrics,
    };

    /// <summary>The AlarmNames of every DescribeAlarms call.</summary>
    public ConcurrentQueue<IReadOnlyList<string>> AlarmReads { get; } = new();

    private ConcurrentDictionary<string, MetricAlarm> Stored { get; } = new(StringComparer.Ordinal);

    private Task Record(string operation, string target)
    {
        OnWrite?.Invoke(target);
        if (Refusals.TryGetValue(target, out var refusal))
        {
            throw refusal;
        }

        if (Failures.TryGetValue(target, out var code))
        {
            throw new AwsServiceException("test", operation, code, $"{target} refused", 400, "req-1", AwsErrorKind.Terminal);
        }

        Writes.Enqueue($"{operation} {target}");
        return Task.CompletedTask;
    }

    public Task UpdateFunctionConfigurationAsync(UpdateFunctionConfigurationRequest request, CancellationToken cancellationToken)
    {
        FunctionUpdates.Enqueue(request);
        return Record("UpdateFunctionConfiguration", request.FunctionName);
    }

    /// <summary>Every UpdateFunctionConfiguration request, in the order they were made.</summary>
    public ConcurrentQueue<UpdateFunctionConfigurationRequest> FunctionUpdates { get; } = new();

    public Task CreateLogGroupAsync(string logGroupName, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken) =>
        Record("CreateLogGroup", logGroupName);

    public Task PutRetentionPolicyAsync(string logGroupName, int retentionInDays, CancellationToken cancellationToken) =>
        Record("PutRetentionPolicy", logGroupName);

    public Task CreateXRayGroupAsync(string groupName, string filterExpression, IReadOnlyList<Tag> tags, CancellationToken cancellationToken) =>
        Record("CreateGroup", groupName);

    public Task UpdateXRayGroupAsync(string groupArn, string filterExpression, CancellationToken cancellationToken) =>
        Record("UpdateGroup", groupArn);

    public Task DeleteXRayGroupAsync(string groupArn, CancellationToken cancellationToken) =>
        Record("DeleteGroup", groupArn);

    public Task CreateSamplingRuleAsync(XRaySamplingRule rule, IReadOnlyList<Tag> tags, CancellationToken cancellationToken) =>
        Record("CreateSamplingRule", rule.RuleName);

    public Task UpdateSamplingRuleAsync(XRaySamplingRule rule, CancellationToken cancellationToken) =>
        Record("UpdateSamplingRule", rule.RuleName);

    public Task DeleteSamplingRuleAsync(string ruleName, CancellationToken cancellationToken) =>
        Record("DeleteSamplingRule", ruleName);

    public Task UpdateStageAsync(UpdateStageRequest request, CancellationToken cancellationToken) =>
        Record("UpdateStage", $"{request.RestApiId}/{request.StageName}");

    public async Task PutMetricAlarmAsync(PutMetricAlarmRequest request, CancellationToken cancellationToken)
    {
        await Record("PutMetricAlarm", request.AlarmName);
        Stored[request.AlarmName] = StoreAs(request);
    }

    public async Task DeleteAlarmsAsync(IReadOnlyList<string> alarmNames, CancellationToken cancellationToken)
    {
        var blocked = alarmNames.Where(CompositeChildren.Contains).ToList();
        if (blocked.Count > 0)
        {
            OnWrite?.Invoke(string.Join(",", alarmNames));
            var message = NameBlockedAlarms
                ? $"Cannot delete {string.Join(",", blocked)} as there are composite alarm(s) depending on {(blocked.Count == 1 ? "it" : "them")}."
                : "Some alarms cannot be deleted as composite alarm(s) depend on them.";
            throw new AwsServiceException("monitoring", "DeleteAlarms", "ValidationError", message, 400, "req-1", AwsErrorKind.Terminal);
        }

        await Record("DeleteAlarms", string.Join(",", alarmNames));
        foreach (var name in alarmNames)
        {
            Deleted.Enqueue(name);
        }
    }

    public async Task<IReadOnlyList<DashboardValidationMessage>> PutDashboardAsync(string dashboardName, string dashboardBody, CancellationToken cancellationToken)
    {
        await Record("PutDashboard", dashboardName);
        return DashboardWarnings.GetValueOrDefault(dashboardName) ?? [];
    }

    public Task TagResourceAsync(string resourceArn, IReadOnlyList<Tag> tags, CancellationToken cancellationToken) => Record("TagResource", resourceArn);

    public async IAsyncEnumerable<MetricAlarm> DescribeAlarmsAsync(DescribeAlarmsRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var names = request.AlarmNames ?? throw new NotSupportedException("only DescribeAlarms by AlarmNames is recorded");
        AlarmReads.Enqueue(names);
        await Task.Yield();
        foreach (var name in names)
        {
            if (Stored.TryGetValue(name, out var alarm))
            {
                yield return alarm;
            }
        }
    }
}
