using Reconciler.Aws;
using Reconciler.Kinds;
using Reconciler.Planning;
using Reconciler.Policies;

namespace Reconciler.Discovery;

/// <summary>
/// The imperative half of "discover and observe": everything the planner needs, read with as few calls as the APIs
/// allow. Policies are discovered one after another (they share the inventory, so later ones cost little), alarms
/// are read once by the managed prefix, then each kind that declares an observation (<see cref="ManagedKind.Observer"/>:
/// dashboards, log groups) reads its own part, in registry order.
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

        var observation = new Observation(scopes, alarms.Items, alarms.Complete);
        var request = new ObservationRequest(aws, policies, scopes, region, alarmNamePrefix);
        foreach (var kindObservation in ManagedKinds.Observations)
        {
            var observed = await kindObservation.ObserveAsync(request, cancellationToken);
            observation = observation with { Slots = observed.Fill(observation.Slots) };
            failures.AddRange(observed.Failures);
        }

        return new CollectedObservation(observation, failures);
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
