using Reconciler.Policies.Yaml;

namespace Reconciler.Policies;

/// <summary>
/// A part of a policy that a kind (or a check) declares and reads itself, kept in
/// <see cref="ObservabilityPolicy.Sections"/> under its own type, so that <see cref="ObservabilityPolicy"/> gains no
/// member per kind. <see cref="Absent"/> is its value for a policy that does not have the section: unmanaged.
/// </summary>
/// <typeparam name="TSelf">The section type itself.</typeparam>
internal interface IPolicySection<TSelf> : IPolicySection
    where TSelf : class, IPolicySection<TSelf>
{
    /// <summary>The section's value when the policy leaves it out.</summary>
    static abstract TSelf Absent { get; }
}

/// <summary>The non-generic face of <see cref="IPolicySection{TSelf}"/>, the values <see cref="ObservabilityPolicy.Sections"/> holds.</summary>
internal interface IPolicySection;

/// <summary>Helpers over a policy's sections.</summary>
internal static class PolicySections
{
    /// <summary>A policy with no declared section.</summary>
    public static TypedBag<IPolicySection> None => TypedBag<IPolicySection>.Empty;

    /// <summary>The policy's section <typeparamref name="T"/>, or its <see cref="IPolicySection{TSelf}.Absent"/> value.</summary>
    public static T Section<T>(this ObservabilityPolicy policy)
        where T : class, IPolicySection<T>
    {
        ArgumentNullException.ThrowIfNull(policy);
        return policy.Sections.Find<T>() ?? T.Absent;
    }

    /// <summary>A copy of <paramref name="policy"/> with <paramref name="section"/> stored (tests and fixtures).</summary>
    public static ObservabilityPolicy WithSection<T>(this ObservabilityPolicy policy, T section)
        where T : class, IPolicySection<T>
    {
        ArgumentNullException.ThrowIfNull(policy);
        return policy with { Sections = policy.Sections.With(section) };
    }
}

/// <summary>
/// Reads one declared section of a policy document: the value under <see cref="Key"/> of the mapping at
/// <see cref="Parent"/> ("spec", or "spec.tracing" for a section that refines tracing). The document reader accepts
/// the key there, calls <see cref="Read"/> only when the key is present, and reports problems through the
/// <see cref="PolicyNodeReader"/>, with file, line and column, like every other field.
/// </summary>
internal abstract class PolicySectionReader
{
    /// <summary>The path of the mapping the section's key is in: "spec" or "spec.tracing".</summary>
    public abstract string Parent { get; }

    /// <summary>The section's key in that mapping.</summary>
    public abstract string Key { get; }

    /// <summary>The section's full path, for messages: "spec.logs".</summary>
    public string Path => $"{Parent}.{Key}";

    /// <summary>
    /// Reads the section at <paramref name="node"/> into <paramref name="sections"/>; null when it had an error (already
    /// reported).
    /// </summary>
    public abstract TypedBag<IPolicySection>? Read(
        PolicyNodeReader reader, YamlValue node, PolicySectionContext context, TypedBag<IPolicySection> sections);
}

/// <summary>A section reader whose section is of type <typeparamref name="TSection"/>.</summary>
internal abstract class PolicySectionReader<TSection> : PolicySectionReader
    where TSection : class, IPolicySection<TSection>
{
    /// <inheritdoc />
    public sealed override TypedBag<IPolicySection>? Read(
        PolicyNodeReader reader, YamlValue node, PolicySectionContext context, TypedBag<IPolicySection> sections)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(sections);
        var errorsBefore = reader.ErrorCount;
        var section = ReadSection(reader, node, context);
        return section is null || reader.ErrorCount != errorsBefore ? null : sections.With(section);
    }

    /// <summary>The section, or null when it had an error (reported through <paramref name="reader"/>).</summary>
    protected abstract TSection? ReadSection(PolicyNodeReader reader, YamlValue node, PolicySectionContext context);
}

/// <summary>What a section reader may check against: the policy's name and the fields every policy has.</summary>
/// <param name="PolicyName">metadata.name, or null when it was unreadable.</param>
/// <param name="ResourceTypes">spec.selector.resourceTypes (its default when unreadable).</param>
/// <param name="Tracing">spec.tracing's own fields, or null when they were unreadable.</param>
internal sealed record PolicySectionContext(string? PolicyName, IReadOnlyList<ResourceType> ResourceTypes, TracingSpec? Tracing);
