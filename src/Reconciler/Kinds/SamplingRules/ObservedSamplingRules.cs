using Reconciler.Aws;
using Reconciler.Planning;

namespace Reconciler.Kinds.SamplingRules;

/// <summary>
/// The sampling rule kind's slot of the observation: every rule GetSamplingRules listed whose name starts with this
/// deployment's prefix, by name, with its tags. <see cref="Listed"/> is false when the listing failed or did not run:
/// then nothing is created, updated or pruned.
/// </summary>
internal sealed record ObservedSamplingRules(bool Listed, IReadOnlyDictionary<string, ObservedSamplingRule> ByName) : IObservationSlot<ObservedSamplingRules>
{
    /// <inheritdoc />
    public static ObservedSamplingRules Unobserved { get; } = new(false, new Dictionary<string, ObservedSamplingRule>());
}

/// <summary>A sampling rule as X-Ray lists it, with its tags (null when ListTagsForResource failed).</summary>
internal sealed record ObservedSamplingRule(XRaySamplingRule Rule, IReadOnlyDictionary<string, string>? Tags);
