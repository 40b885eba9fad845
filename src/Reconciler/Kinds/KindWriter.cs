using Reconciler.Actuation;
using Reconciler.Aws;
using Reconciler.Planning;

namespace Reconciler.Kinds;

/// <summary>
/// How one kind's changes are carried out: the AWS write of a create or update, the deletes (for kinds that plan
/// them), what is read back after writing, and what a person reads when AWS refuses. The applier decides when each
/// runs (stages, budget, guard, concurrency); the writer only knows its own kind's calls.
/// </summary>
internal abstract class KindWriter
{
    /// <summary>Makes one create or update; returns what a person should know about a write AWS accepted with reservations.</summary>
    public abstract Task<string?> WriteAsync(PlannedChange change, IAwsWriter aws, CancellationToken cancellationToken);

    /// <summary>
    /// Changes this writer carries out whose keys are equal (and not null) go to AWS in one call, through
    /// <see cref="WriteTogetherAsync"/>: the tracing and the logging of one function are one UpdateFunctionConfiguration,
    /// one write against Lambda's quota. Null (the default): every change is its own call.
    /// </summary>
    public virtual string? WriteTogetherKey(PlannedChange change) => null;

    /// <summary>
    /// Makes the changes that share a <see cref="WriteTogetherKey"/> in one call. They succeed or fail together; a
    /// single change goes through <see cref="WriteAsync"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">Several changes, but the writer declares no way to combine them.</exception>
    public virtual Task<string?> WriteTogetherAsync(IReadOnlyList<PlannedChange> changes, IAwsWriter aws, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        return changes.Count == 1
            ? WriteAsync(changes[0], aws, cancellationToken)
            : throw new InvalidOperationException($"{GetType().Name} cannot write {changes.Count} changes of {changes[0].Target} in one call");
    }

    /// <summary>
    /// Deletes one batch (at most the kind's <see cref="ManagedKind.DeleteBatchSize"/>), reporting each change's
    /// outcome to <paramref name="guard"/> and starting any further call only when it allows.
    /// </summary>
    /// <exception cref="InvalidOperationException">The kind plans no deletes.</exception>
    public virtual Task<IReadOnlyList<ChangeOutcome>> DeleteAsync(
        IReadOnlyList<PlannedChange> batch, IAwsWriter aws, ApplyGuard guard, CancellationToken cancellationToken) =>
        throw new InvalidOperationException($"{batch[0].Kind} plans no deletes, yet the plan has a delete of {batch[0].Target}");

    /// <summary>
    /// Deletes the one change of a batch of kinds deleted one by one (<see cref="ManagedKind.DeleteBatchSize"/> 1) with
    /// <paramref name="delete"/>, reporting the outcome to <paramref name="guard"/>. An object AWS says is already gone
    /// (<paramref name="notFoundCode"/>; null when the service has no code of its own for that) counts as deleted.
    /// </summary>
    protected async Task<IReadOnlyList<ChangeOutcome>> DeleteOneByOneAsync(
        IReadOnlyList<PlannedChange> batch, Func<PlannedChange, CancellationToken, Task> delete, string? notFoundCode, ApplyGuard guard, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(delete);
        ArgumentNullException.ThrowIfNull(guard);
        if (batch.Count != 1)
        {
            throw new InvalidOperationException($"{GetType().Name} deletes one object a call, yet got a batch of {batch.Count}");
        }

        var change = batch[0];
        try
        {
            await delete(change, cancellationToken);
            guard.Finished(1, accountWideFailure: false);
            return [new ChangeOutcome(change, ChangeStatus.Applied, null, null)];
        }
        catch (AwsServiceException error)
        {
            var scope = FailureScopes.Of(error);
            if (scope != FailureScope.Account && notFoundCode is not null && error.ErrorCode == notFoundCode)
            {
                guard.Finished(1, accountWideFailure: false);
                return [new ChangeOutcome(change, ChangeStatus.Applied, null, $"{change.Target} was already gone ({error.ErrorMessage})")];
            }

            guard.Finished(1, accountWideFailure: scope == FailureScope.Account);
            return [new ChangeOutcome(change, ChangeStatus.Failed, error.ErrorCode, Refused(change, error))];
        }
    }

    /// <summary>
    /// After the kind's writes of a stage: reads back what was written (<paramref name="written"/>, the applied ones)
    /// and notes what AWS stored otherwise. Stops starting calls once <paramref name="outOfTime"/> says so.
    /// </summary>
    public virtual Task ReadBackAsync(
        IReadOnlyList<PlannedChange> written,
        IAwsWriter aws,
        Func<bool> outOfTime,
        Action<PlannedChange, string> note,
        CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The message of a change that AWS refused for this resource only: AWS's own, unless the kind knows a remedy.</summary>
    public virtual string Refused(PlannedChange change, AwsServiceException error) => error.ErrorMessage;

    /// <summary>The message of a change left pending because its resource is busy.</summary>
    public virtual string Busy(PlannedChange change, AwsServiceException error) =>
        $"{change.Target} is being changed by someone else ({error.ErrorCode}: {error.ErrorMessage}); the next run retries";
}
