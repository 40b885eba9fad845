namespace Reconciler.Planning;

/// <summary>
/// What one planning step found: its changes, conflicts, notices and the marks it puts on resources' states. Steps
/// return fragments instead of appending to lists they share, so each can be read (and tested) on its own; the
/// <see cref="Planner"/> merges them in a fixed order.
/// </summary>
/// <param name="Changes">The writes it plans.</param>
/// <param name="Conflicts">What it was asked to do but must not.</param>
/// <param name="Notices">Decisions a reader should know about.</param>
/// <param name="Marks">State marks on resources, in the order they were made (the order of reasons in a report).</param>
internal sealed record PlanFragment(
    IReadOnlyList<PlannedChange> Changes,
    IReadOnlyList<PlanConflict> Conflicts,
    IReadOnlyList<PlanNotice> Notices,
    IReadOnlyList<ResourceMark> Marks)
{
    /// <summary>A step that found nothing.</summary>
    public static PlanFragment Empty { get; } = new([], [], [], []);

    /// <summary>This fragment followed by <paramref name="next"/>, each list in that order.</summary>
    public PlanFragment Then(PlanFragment next)
    {
        ArgumentNullException.ThrowIfNull(next);
        return new(
            [.. Changes, .. next.Changes],
            [.. Conflicts, .. next.Conflicts],
            [.. Notices, .. next.Notices],
            [.. Marks, .. next.Marks]);
    }
}

/// <summary>One mark on the state of a resource a policy considered.</summary>
internal sealed record ResourceMark(string PolicyName, string Arn, ResourceState State, string Reason);

/// <summary>
/// Collects one step's fragment. It lives inside that step only; <see cref="Book"/> records marks without knowing
/// which resources exist (the planner's book drops marks on resources no policy registered).
/// </summary>
internal sealed class PlanFragmentBuilder
{
    /// <summary>The changes planned so far.</summary>
    public List<PlannedChange> Changes { get; } = [];

    /// <summary>The conflicts found so far.</summary>
    public List<PlanConflict> Conflicts { get; } = [];

    /// <summary>The notices so far.</summary>
    public List<PlanNotice> Notices { get; } = [];

    /// <summary>Where the step marks resources' states.</summary>
    public ResourceBook Book { get; } = new();

    /// <summary>The fragment collected.</summary>
    public PlanFragment Build() => new([.. Changes], [.. Conflicts], [.. Notices], [.. Book.Marks]);
}
