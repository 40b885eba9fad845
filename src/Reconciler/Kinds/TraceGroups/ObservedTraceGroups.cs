using Reconciler.Planning;

namespace Reconciler.Kinds.TraceGroups;

/// <summary>
/// The X-Ray group kind's slot of the observation: every group GetGroups listed whose name starts with this
/// deployment's prefix, by name, with its tags. <see cref="Listed"/> is false when the listing failed or did not run:
/// then nothing is created, updated or pruned.
/// </summary>
internal sealed record ObservedTraceGroups(bool Listed, IReadOnlyDictionary<string, ObservedTraceGroup> ByName) : IObservationSlot<ObservedTraceGroups>
{
    /// <inheritdoc />
    public static ObservedTraceGroups Unobserved { get; } = new(false, new Dictionary<string, ObservedTraceGroup>());
}

/// <summary>
/// An X-Ray group: name, ARN, filter expression (null: none) and tags (null when ListTagsForResource failed, so its
/// ownership is unknown and it is left alone).
/// </summary>
internal sealed record ObservedTraceGroup(string Name, string Arn, string? FilterExpression, IReadOnlyDictionary<string, string>? Tags);
