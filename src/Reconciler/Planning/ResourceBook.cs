using Reconciler.Policies;

namespace Reconciler.Planning;

/// <summary>
/// Collects, during one <see cref="Planner.CreatePlan"/> call, the state of every resource each policy considered.
/// Conflict outranks Drifted, which outranks InSync; reasons accumulate so a report can say what drifted.
/// Lives only for one call: the planner stays a pure function.
/// </summary>
internal sealed class ResourceBook
{
    private readonly Dictionary<(string Policy, string Arn), Entry> entries = [];
    private readonly List<ResourceAssessment> excluded = [];

    /// <summary>Registers the selected and excluded resources of a policy (selected ones start InSync).</summary>
    public void Register(PolicySelection selection)
    {
        var policy = selection.Policy.Name;
        foreach (var function in selection.Functions)
        {
            entries[(policy, function.Arn)] = new Entry(ResourceType.LambdaFunction, function.FunctionName);
        }

        foreach (var stage in selection.Stages)
        {
            entries[(policy, stage.Arn)] = new Entry(ResourceType.ApiGatewayStage, stage.Label);
        }

        excluded.AddRange(selection.Excluded);
    }

    /// <summary>The policy plans a change for the resource.</summary>
    public void MarkDrifted(string policy, string arn, string reason) => Mark(policy, arn, ResourceState.Drifted, reason);

    /// <summary>Part of the resource's state could not be observed; it is not in sync as far as anyone knows.</summary>
    public void MarkUnknown(string policy, string arn, string reason) => Mark(policy, arn, ResourceState.Unknown, reason);

    /// <summary>A conflict involves the resource under this policy.</summary>
    public void MarkConflict(string policy, string arn, string reason) => Mark(policy, arn, ResourceState.Conflict, reason);

    /// <summary>Every assessment, sorted by policy, type, name and ARN.</summary>
    public IReadOnlyList<ResourceAssessment> Assessments() =>
    [
        .. entries
            .Select(e => new ResourceAssessment(
                e.Key.Policy, e.Value.Type, e.Key.Arn, e.Value.Name, e.Value.State,
                e.Value.Reasons.Count == 0 ? null : string.Join("; ", e.Value.Reasons)))
            .Concat(excluded)
            .OrderBy(a => a.PolicyName, StringComparer.Ordinal)
            .ThenBy(a => a.Type)
            .ThenBy(a => a.Name, StringComparer.Ordinal)
            .ThenBy(a => a.Arn, StringComparer.Ordinal),
    ];

    private void Mark(string policy, string arn, ResourceState state, string reason)
    {
        if (!entries.TryGetValue((policy, arn), out var entry))
        {
            return;
        }

        if (state > entry.State)
        {
            // Reasons of a lower state no longer explain the resource's state; keep only the strongest kind.
            entry.Reasons.Clear();
            entry.State = state;
        }

        if (state == entry.State)
        {
            entry.Reasons.Add(reason);
        }
    }

    private sealed class Entry(ResourceType type, string name)
    {
        public ResourceType Type { get; } = type;

        public string Name { get; } = name;

        public ResourceState State { get; set; } = ResourceState.InSync;

        public List<string> Reasons { get; } = [];
    }
}
