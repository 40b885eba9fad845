using System.Collections.Immutable;

namespace Reconciler;

/// <summary>
/// An immutable set of values keyed by their type, at most one value a type. A kind (or a check) keeps what it owns in
/// one, under a type of its own folder: its policy section in <see cref="Policies.ObservabilityPolicy"/>'s
/// <see cref="Policies.PolicySections"/>, its observation in <see cref="Planning.Observation"/>'s
/// <see cref="Planning.ObservationSlots"/>. So the records that carry them gain no member when a kind is added.
/// Equal when both hold equal values under the same types.
/// </summary>
/// <typeparam name="TValue">The interface every value implements (which says where the bag is used).</typeparam>
internal sealed class TypedBag<TValue> : IEquatable<TypedBag<TValue>>
    where TValue : class
{
    private readonly ImmutableDictionary<Type, TValue> values;

    private TypedBag(ImmutableDictionary<Type, TValue> values) => this.values = values;

    /// <summary>A bag with nothing in it.</summary>
    public static TypedBag<TValue> Empty { get; } = new(ImmutableDictionary<Type, TValue>.Empty);

    /// <summary>How many values it holds.</summary>
    public int Count => values.Count;

    /// <summary>A copy with <paramref name="value"/> stored under its type <typeparamref name="T"/>, replacing any earlier one.</summary>
    public TypedBag<TValue> With<T>(T value)
        where T : class, TValue
    {
        ArgumentNullException.ThrowIfNull(value);
        return new(values.SetItem(typeof(T), value));
    }

    /// <summary>The value stored under <typeparamref name="T"/>, or null when there is none.</summary>
    public T? Find<T>()
        where T : class, TValue => values.TryGetValue(typeof(T), out var value) ? (T)value : null;

    /// <inheritdoc />
    public bool Equals(TypedBag<TValue>? other) =>
        other is not null && values.Count == other.values.Count &&
        values.All(entry => other.values.TryGetValue(entry.Key, out var value) && entry.Value.Equals(value));

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as TypedBag<TValue>);

    /// <inheritdoc />
    public override int GetHashCode() => values.Count;
}
