using Reconciler.Aws;
using Reconciler.Discovery;
using Reconciler.Planning;
using Reconciler.Policies;

namespace Reconciler.Kinds;

/// <summary>
/// How one kind reads what it needs from the account, after the policies' scopes (their functions and stages) and the
/// managed alarms are known. It returns its slot of the <see cref="Observation"/> (a type of the kind's folder) and the
/// reads that failed, never an exception for an AWS failure: a name it could not read is left out of its slot, so the
/// kind's planning sees "not observed" and changes nothing there.
/// </summary>
internal abstract class KindObservation
{
    /// <summary>Reads the kind's part of the account: its slot of the observation and the reads that failed.</summary>
    public abstract Task<KindObserved> ObserveAsync(ObservationRequest request, CancellationToken cancellationToken);
}

/// <summary>A kind observation whose slot is of type <typeparamref name="TSlot"/>.</summary>
internal abstract class KindObservation<TSlot> : KindObservation
    where TSlot : class, IObservationSlot<TSlot>
{
    /// <inheritdoc />
    public sealed override async Task<KindObserved> ObserveAsync(ObservationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (slot, failures) = await ReadAsync(request, cancellationToken);
        return new KindObserved(slots => slots.With(slot), failures);
    }

    /// <summary>The kind's slot and the reads that failed (with the policy each concerned, null for none in particular).</summary>
    protected abstract Task<(TSlot Slot, IReadOnlyList<(string? PolicyName, ObservationFailure Failure)> Failures)> ReadAsync(
        ObservationRequest request, CancellationToken cancellationToken);
}

/// <summary>What a kind observation reads from: the run's reads, its policies, their scopes and the run's settings.</summary>
internal sealed record ObservationRequest(
    IAccountReader Aws,
    IReadOnlyList<ObservabilityPolicy> Policies,
    IReadOnlyList<PolicyScope> Scopes,
    string Region,
    string AlarmNamePrefix);

/// <summary>A kind's observation: how it fills the slots, and the reads that failed.</summary>
internal sealed record KindObserved(
    Func<TypedBag<IObservationSlot>, TypedBag<IObservationSlot>> Fill,
    IReadOnlyList<(string? PolicyName, ObservationFailure Failure)> Failures);
