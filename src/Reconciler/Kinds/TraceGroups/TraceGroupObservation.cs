using Reconciler.Discovery;

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
        var (groups, failures) = await XRayTagReads.ListOwnedAsync(
            request.Aws, request.Aws.GetXRayGroupsAsync, "X-Ray GetGroups", group => group.GroupName, group => group.GroupArn, request.AlarmNamePrefix, "group", cancellationToken);
        var slot = groups is null
            ? ObservedTraceGroups.Unobserved
            : new ObservedTraceGroups(true, groups.ToDictionary(
                found => found.Item.GroupName,
                found => new ObservedTraceGroup(found.Item.GroupName, found.Item.GroupArn, found.Item.FilterExpression, found.Tags),
                StringComparer.Ordinal));
        return (slot, [.. failures.Select(failure => ((string?)null, failure))]);
    }
}
