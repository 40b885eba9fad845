using Reconciler.Aws;
using Reconciler.Planning;
using Reconciler.Policies;

namespace Reconciler.Discovery;

/// <summary>
/// The imperative half of "discover and observe": everything the planner needs, read with as few calls as the APIs
/// allow. Policies are discovered one after another (they share the inventory, so later ones cost little), alarms
/// are read once by the managed prefix, dashboards once per policy dashboard.
/// </summary>
internal sealed class ObservationCollector(IAwsClients aws, string region, string alarmNamePrefix)
{
    /// <summary>Observes the account for <paramref name="policies"/>. AWS failures become incomplete scopes, never exceptions.</summary>
    public async Task<Observation> CollectAsync(IReadOnlyList<ObservabilityPolicy> policies, CancellationToken cancellationToken)
    {
        var inventory = new AccountInventory(aws, cancellationToken);
        var discovery = new ScopeDiscovery(aws, inventory, region);
        var scopes = new List<PolicyScope>();
        foreach (var policy in policies)
        {
            scopes.Add(await discovery.DiscoverAsync(policy, cancellationToken));
        }

        var alarms = await ListManagedAlarmsAsync(cancellationToken);
        var dashboards = await ReadDashboardsAsync(policies, cancellationToken);
        return new Observation(scopes, alarms.Items, alarms.Complete, dashboards);
    }

    /// <summary>Why alarms could not be listed completely, for the report; null when they were.</summary>
    public string? AlarmListingFailure { get; private set; }

    /// <summary>Dashboards that could not be read, with the reason, for the report.</summary>
    public IReadOnlyDictionary<string, string> DashboardFailures => dashboardFailures;

    private readonly Dictionary<string, string> dashboardFailures = new(StringComparer.Ordinal);

    private async Task<Listing<IReadOnlyDictionary<string, AlarmDefinition>>> ListManagedAlarmsAsync(CancellationToken cancellationToken)
    {
        // The prefix ends with '-' so that "reconciler" does not also list "reconciler2-…" alarms.
        var listing = await Listing<IReadOnlyDictionary<string, AlarmDefinition>>.CaptureAsync(
            async ct =>
            {
                var byName = new Dictionary<string, AlarmDefinition>(StringComparer.Ordinal);
                await foreach (var alarm in aws.CloudWatch.DescribeAlarmsAsync(new DescribeAlarmsRequest(AlarmNamePrefix: alarmNamePrefix + "-"), ct))
                {
                    byName[alarm.AlarmName] = AlarmMapping.ToDefinition(alarm);
                }

                return byName;
            },
            new Dictionary<string, AlarmDefinition>(),
            "CloudWatch DescribeAlarms",
            cancellationToken);
        AlarmListingFailure = listing.FailureReason;
        return listing;
    }

    private async Task<IReadOnlyDictionary<string, ObservedDashboard?>> ReadDashboardsAsync(IReadOnlyList<ObservabilityPolicy> policies, CancellationToken cancellationToken)
    {
        var dashboards = new Dictionary<string, ObservedDashboard?>(StringComparer.Ordinal);
        var names = policies
            .Select(policy => policy.Dashboard?.Name)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var read = await Listing<GetDashboardResponse?>.CaptureAsync(
                ct => aws.CloudWatch.GetDashboardAsync(name, ct),
                null,
                $"CloudWatch GetDashboard {name}",
                cancellationToken);
            if (read.Complete)
            {
                dashboards[name] = read.Items is { } found ? new ObservedDashboard(found.DashboardName, found.DashboardBody) : null;
            }
            else
            {
                // Left out of the map on purpose: the planner treats a missing name as "not observed".
                dashboardFailures[name] = read.FailureReason!;
            }
        }

        return dashboards;
    }
}
