namespace Reconciler.Planning;

/// <summary>
/// What one kind observed, kept in <see cref="Observation.Slots"/> under its own type (declared in the kind's folder),
/// so that <see cref="Observation"/> gains no member per kind. <see cref="Unobserved"/> is what its planning sees when
/// the kind's observation did not run (no policy needed it, or the run's deadline came first): a value that says
/// "nothing was observed", never "nothing exists".
/// </summary>
/// <typeparam name="TSelf">The slot type itself.</typeparam>
internal interface IObservationSlot<TSelf> : IObservationSlot
    where TSelf : class, IObservationSlot<TSelf>
{
    /// <summary>The slot's value when nothing was observed for it.</summary>
    static abstract TSelf Unobserved { get; }
}

/// <summary>The non-generic face of <see cref="IObservationSlot{TSelf}"/>, the values <see cref="ObservationSlots"/> holds.</summary>
internal interface IObservationSlot;

/// <summary>Helpers over the kinds' observation slots.</summary>
internal static class ObservationSlots
{
    /// <summary>No kind observed anything.</summary>
    public static TypedBag<IObservationSlot> None => TypedBag<IObservationSlot>.Empty;

    /// <summary>The kind slot <typeparamref name="T"/>, or its <see cref="IObservationSlot{TSelf}.Unobserved"/> value.</summary>
    public static T Slot<T>(this Observation observation)
        where T : class, IObservationSlot<T>
    {
        ArgumentNullException.ThrowIfNull(observation);
        return observation.Slots.Find<T>() ?? T.Unobserved;
    }

    /// <summary>A copy of <paramref name="observation"/> with <paramref name="slot"/> stored (tests and the collector).</summary>
    public static Observation WithSlot<T>(this Observation observation, T slot)
        where T : class, IObservationSlot<T>
    {
        ArgumentNullException.ThrowIfNull(observation);
        return observation with { Slots = observation.Slots.With(slot) };
    }
}
