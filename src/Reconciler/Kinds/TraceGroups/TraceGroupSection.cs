using Reconciler.Policies;
using Reconciler.Policies.Yaml;

namespace Reconciler.Kinds.TraceGroups;

/// <summary>
/// spec.tracing.group: whether the policy gets an X-Ray group of its own (its own service map, trace list and group
/// metrics). false and absent mean the same: no group, and one this deployment made for the policy earlier is pruned.
/// </summary>
/// <param name="Wanted">True when the policy asks for its group.</param>
internal sealed record TraceGroupSpec(bool Wanted) : IPolicySection<TraceGroupSpec>
{
    /// <inheritdoc />
    public static TraceGroupSpec Absent { get; } = new(false);
}

/// <summary>Reads spec.tracing.group, a boolean.</summary>
internal sealed class TraceGroupSection : PolicySectionReader<TraceGroupSpec>
{
    /// <inheritdoc />
    public override string Parent => "spec.tracing";

    /// <inheritdoc />
    public override string Key => "group";

    /// <inheritdoc />
    protected override TraceGroupSpec? ReadSection(PolicyNodeReader reader, YamlValue node, PolicySectionContext context)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return reader.Boolean(node, Path) is { } wanted ? new TraceGroupSpec(wanted) : null;
    }
}
