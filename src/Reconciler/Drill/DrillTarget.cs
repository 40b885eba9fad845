namespace Reconciler.Drill;

/// <summary>An owned alarm a drill will fire: its name, owning policy, current state and ALARM actions (sorted).</summary>
internal sealed record DrillTarget(string AlarmName, string PolicyName, string PreviousState, IReadOnlyList<string> AlarmActions);
