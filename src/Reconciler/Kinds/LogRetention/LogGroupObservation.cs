using Reconciler.Discovery;
using Reconciler.Policies;

namespace Reconciler.Kinds.LogRetention;

/// <summary>
/// The log groups of the functions in scope of the policies that set a retention, read in batches by
/// <see cref="LogGroupReader"/>; nothing is read when no policy sets one. Exclusions are applied later, by the planner,
/// so an excluded function's group may be read too: a read, never a write.
/// </summary>
internal sealed class LogGroupObservation : KindObservation<ObservedLogGroups>
{
    /// <inheritdoc />
    protected override async Task<(ObservedLogGroups Slot, IReadOnlyList<(string? PolicyName, ObservationFailure Failure)> Failures)> ReadAsync(
        ObservationRequest request, CancellationToken cancellationToken)
    {
        var retained = request.Policies.Where(policy => policy.Section<LogsSpec>().RetentionDays is not null)
            .Select(policy => policy.Name)
            .ToHashSet(StringComparer.Ordinal);
        var names = request.Scopes.Where(scope => retained.Contains(scope.PolicyName))
            .SelectMany(scope => scope.Functions)
            .Select(function => function.Logging.LogGroup)
            .ToHashSet(StringComparer.Ordinal);
        if (names.Count == 0)
        {
            return (ObservedLogGroups.Unobserved, []);
        }

        var (groups, failures) = await new LogGroupReader(request.Aws).ReadAsync(names, cancellationToken);
        return (new ObservedLogGroups(groups), [.. failures.Select(failure => ((string?)null, failure))]);
    }
}
