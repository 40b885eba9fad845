using Reconciler.Policies;

namespace Reconciler.Planning;

/// <summary>
/// Collects, during one <see cref="Planner.CreatePlan"/> call, the state of every resource each policy considered.
/// Conflict outranks Drifted, which outranks InSync; reasons accumulate so a report can say what drifted.
/// Marks are kept in the order they were made and resolved only by <see cref="Assessments"/>, so a planning step can
/// mark into its own book and the planner can <see cref="Record"/> those marks into the run's book in step order.
/// Lives only for one call: the planner stays a pure function.
/// </summary>
internal sealed class ResourceBook
{
    private readonly Dictionary<(string Policy, string Arn), (ResourceType Type, string Name)> entries = [];
    private readonly List<ResourceAssessment> excluded = [];
    private readonly List<ResourceMark> marks = [];

    /// <summary>Every mark made so far, in order.</summary>
    public IReadOnlyList<ResourceMark> Marks => marks;

    /// <summary>Registers the selected and excluded resources of a policy (selected ones start InSync).</summary>
    public void Register(PolicySelection selection)
    {
        var policy = selection.Policy.Name;
        foreach (var function in selection.Functions)
        {
            entries[(policy, function.Arn)] = (ResourceType.LambdaFunction, function.FunctionName);
        }

        foreach (var stage in selection.Stages)
        {
            entries[(policy, stage.Arn)] = (ResourceType.ApiGatewayStage, stage.Label);
        }

        excluded.AddRange(selection.Excluded);
    }

    /// <summary>Adds marks another book (a planning step's) made, after the ones made here.</summary>
    public void Record(IEnumerable<ResourceMark> more) => marks.AddRange(more);

    /// <summary>The policy plans a change for the resource.</summary>
    public void MarkDrifted(string policy, string arn, string reason) => Mark(policy, arn, ResourceState.Drifted, reason);

    /// <summary>Part of the resource's state could not be observed; it is not in sync as far as anyone knows.</summary>
    public void MarkUnknown(string policy, string arn, string reason) => Mark(policy, arn, ResourceState.Unknown, reason);

    /// <summary>A conflict involves the resource under this policy.</summary>
    public void MarkConflict(string policy, string arn, string reason) => Mark(policy, arn, ResourceState.Conflict, reason);

    /// <summary>
    /// Every assessment, sorted by policy, type, name and ARN. Marks on resources no policy registered are dropped.
    /// </summary>
    public IReadOnlyList<ResourceAssessment> Assessments()
    {
        var states = entries.ToDictionary(e => e.Key, e => new Entry(e.Value.Type, e.Value.Name));
        foreach (var mark in marks)
        {
            if (states.TryGetValue((mark.PolicyName, mark.Arn), out var entry))
            {
                entry.Mark(mark.State, mark.Reason);
            }
        }

        return
        [
            .. states
                .Select(e => new ResourceAssessment(
                    e.Key.Policy, e.Value.Type, e.Key.Arn, e.Value.Name, e.Value.State,
                    e.Value.Reasons.Count == 0 ? null : string.Join("; ", e.Value.Reasons)))
                .Concat(excluded)
                .OrderBy(a => a.PolicyName, StringComparer.Ordinal)
                .ThenBy(a => a.Type)
                .ThenBy(a => a.Name, StringComparer.Ordinal)
                .ThenBy(a => a.Arn, StringComparer.Ordinal),
        ];
    }

    private void Mark(string policy, string arn, ResourceState state, string reason) =>
        marks.Add(new ResourceMark(policy, arn, state, reason));

    private sealed class Entry(ResourceType type, string name)
    {
        public ResourceType Type { get; } = type;

        public string Name { get; } = name;

        public ResourceState State { get; private set; } = ResourceState.InSync;

        public List<string> Reasons { get; } = [];

        public void Mark(ResourceState state, string reason)
        {
            if (state > State)
            {
                // Reasons of a lower state no longer explain the resource's state; keep only the strongest kind.
                Reasons.Clear();
                State = state;
            }

            if (state == State)
            {
                Reasons.Add(reason);
            }
        }
    }
}
