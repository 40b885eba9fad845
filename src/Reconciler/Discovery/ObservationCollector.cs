using Reconciler.Aws;
using Reconciler.Planning;
using Reconciler.Policies;

namespace Reconciler.Discovery;

/// <summary>
/// The imperative half of "discover and observe": everything the planner needs, read with as few calls as the APIs
/// allow. Policies are discovered one after another (they share the inventory, so later ones cost little), alarms
/// are read once by the managed prefix, dashboards once per policy dashboard.
/// </summary>
internal sealed class ObservationCollector(IAccountReader aws, string region, string alarmNamePrefix)
{
    /// <summary>
    /// Observes the account for <paramref name="policies"/>. AWS failures become incomplete scopes and entries of
    /// <see cref="CollectedObservation.Failures"/>, never exceptions.
    /// </summary>
    public async Task<CollectedObservation> CollectAsync(IReadOnlyList<ObservabilityPolicy> policies, CancellationToken cancellationToken)
    {
        var failures = new List<(string? PolicyName, ObservationFailure Failure)>();
        // Published versions matter only to tracing: they are listed when some policy sets Lambda tracing.
        var inventory = new AccountInventory(aws, policies.Any(policy => policy.Tracing.Lambda is not null), cancellationToken);
        var discovery = new ScopeDiscovery(aws, inventory, region);
        var scopes = new List<PolicyScope>();
        foreach (var policy in policies)
        {
            var discovered = await discovery.DiscoverAsync(policy, cancellationToken);
            scopes.Add(discovered.Scope);
            failures.AddRange(discovered.Failures.Select(failure => ((string?)policy.Name, failure)));
        }

        var alarms = await ListManagedAlarmsAsync(cancellationToken);
        if (alarms.Failure is { } alarmFailure)
        {
            failures.Add((null, alarmFailure));
        }

        var dashboards = new Dictionary<string, ObservedDashboard?>(StringComparer.Ordinal);
        foreach (var policy in policies.Where(policy => policy.Dashboard is not null).DistinctBy(policy => policy.Dashboard!.Name))
        {
            var name = policy.Dashboard!.Name;
            var read = await Listing<GetDashboardResponse?>.CaptureAsync(
                ct => aws.GetDashboardAsync(name, ct),
                null,
                $"CloudWatch GetDashboard {name}",
                cancellationToken);
            if (read.Failure is { } dashboardFailure)
            {
                // Left out of the map on purpose: the planner treats a missing name as "not observed".
                failures.Add((policy.Name, dashboardFailure));
            }
            else
            {
                dashboards[name] = read.Items is { } found ? new ObservedDashboard(found.DashboardName, found.DashboardBody) : null;
            }
        }

        var logGroups = await ReadLogGroupsAsync(policies, scopes, failures, cancellationToken);
        return new CollectedObservation(new Observation(scopes, alarms.Items, alarms.Complete, dashboards) { LogGroups = logGroups }, failures);
    }

    /// <summary>
    /// The log groups of the functions in scope of the policies that set a retention (read in batches by
    /// <see cref="LogGroupReader"/>); none when no policy does. Exclusions are applied later, by the planner, so an
    /// excluded function's group may be read too: a read, never a write.
    /// </summary>
    private async Task<IReadOnlyDictionary<string, ObservedLogGroup?>> ReadLogGroupsAsync(
        IReadOnlyList<ObservabilityPolicy> policies,
        IReadOnlyList<PolicyScope> scopes,
        List<(string? PolicyName, ObservationFailure Failure)> failures,
        CancellationToken cancellationToken)
    {
        var retained = policies.Where(policy => policy.Logs.RetentionDays is not null).Select(policy => policy.Name).ToHashSet(StringComparer.Ordinal);
        var names = scopes.Where(scope => retained.Contains(scope.PolicyName))
            .SelectMany(scope => scope.Functions)
            .Select(function => function.Logging.LogGroup)
            .ToHashSet(StringComparer.Ordinal);
        if (names.Count == 0)
        {
            return new Dictionary<string, ObservedLogGroup?>();
        }

        var (groups, logFailures) = await new LogGroupReader(aws).ReadAsync(names, cancellationToken);
        failures.AddRange(logFailures.Select(failure => ((string?)null, failure)));
        return groups;
    }

    private Task<Listing<IReadOnlyDictionary<string, AlarmDefinition>>> ListManagedAlarmsAsync(CancellationToken cancellationToken) =>
        Listing<IReadOnlyDictionary<string, AlarmDefinition>>.CaptureAsync(
            async ct =>
            {
                // The prefix ends with '-' so that "reconciler" does not also list "reconciler2-…" alarms.
                var byName = new Dictionary<string, AlarmDefinition>(StringComparer.Ordinal);
                await foreach (var alarm in aws.DescribeAlarmsAsync(new DescribeAlarmsRequest(AlarmNamePrefix: alarmNamePrefix + "-"), ct))
                {
                    byName[alarm.AlarmName] = AlarmMapping.ToDefinition(alarm);
                }

                return byName;
            },
            new Dictionary<string, AlarmDefinition>(),
            "CloudWatch DescribeAlarms",
            cancellationToken);
}

/// <summary>The observation and every read that failed on the way (with the policy it concerned, if any).</summary>
internal sealed record CollectedObservation(
    Observation Observation,
    IReadOnlyList<(string? PolicyName, ObservationFailure Failure)> Failures);
