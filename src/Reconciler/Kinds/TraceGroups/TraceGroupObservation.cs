using Reconciler.Discovery;
using Reconciler.Planning;

namespace Reconciler.Kinds.TraceGroups;

/// <summary>
/// Lists the account's X-Ray groups (GetGroups, one call for up to 25 groups, X-Ray's per-Region limit) and reads the
/// tags of those whose names start with this deployment's prefix. It runs every run, whether or not a policy asks for
/// a group, because a group a policy no longer asks for is pruned.
/// </summary>
internal sealed class TraceGroupObservation : KindObservation<ObservedTraceGroups>
{
    /// <inheritdoc />
    protected override async Task<(ObservedTraceGroups Slot, IReadOnlyList<(string? PolicyName, ObservationFailure Failure)> Failures)> ReadAsync(
        ObservationRequest request, CancellationToken cancellationToken)
    {
        var prefix = XRayNaming.Prefix(request.AlarmNamePrefix);
        var listing = await Listing<List<Aws.XRayGroup>>.CaptureAsync(
            async ct =>
            {
                var groups = new List<Aws.XRayGroup>();
                await foreach (var group in request.Aws.GetXRayGroupsAsync(ct))
                {
                    if (group.GroupName.StartsWith(prefix, StringComparison.Ordinal))
                    {
                        groups.Add(group);
                    }
                }

                return groups;
            },
            [],
            "X-Ray GetGroups",
            cancellationToken);
        if (listing.Failure is { } failed)
        {
            return (ObservedTraceGroups.Unobserved, [(null, failed)]);
        }

        var (tags, failures) = await XRayTagReads.ReadAsync(request.Aws, listing.Items.Select(group => (group.GroupName, group.GroupArn)), "group", cancellationToken);
        var observed = listing.Items.ToDictionary(
            group => group.GroupName,
            group => new ObservedTraceGroup(group.GroupName, group.GroupArn, group.FilterExpression, tags.GetValueOrDefault(group.GroupArn)),
            StringComparer.Ordinal);
        return (new ObservedTraceGroups(true, observed), [.. failures.Select(failure => ((string?)null, failure))]);
    }
}
