using Reconciler.Aws;
using Reconciler.Discovery;

namespace Reconciler.Kinds.Dashboards;

/// <summary>One GetDashboard for each dashboard a policy names (once for a name several policies share).</summary>
internal sealed class DashboardObservation : KindObservation<ObservedDashboards>
{
    /// <inheritdoc />
    protected override async Task<(ObservedDashboards Slot, IReadOnlyList<(string? PolicyName, ObservationFailure Failure)> Failures)> ReadAsync(
        ObservationRequest request, CancellationToken cancellationToken)
    {
        var failures = new List<(string? PolicyName, ObservationFailure Failure)>();
        var dashboards = new Dictionary<string, ObservedDashboard?>(StringComparer.Ordinal);
        foreach (var policy in request.Policies.Where(policy => policy.Dashboard is not null).DistinctBy(policy => policy.Dashboard!.Name))
        {
            var name = policy.Dashboard!.Name;
            var read = await Listing<GetDashboardResponse?>.CaptureAsync(
                ct => request.Aws.GetDashboardAsync(name, ct),
                null,
                $"CloudWatch GetDashboard {name}",
                cancellationToken);
            if (read.Failure is { } failure)
            {
                // Left out of the map on purpose: the planner treats a missing name as "not observed".
                failures.Add((policy.Name, failure));
            }
            else
            {
                dashboards[name] = read.Items is { } found ? new ObservedDashboard(found.DashboardName, found.DashboardBody) : null;
            }
        }

        return (new ObservedDashboards(dashboards), failures);
    }
}
