using Reconciler.Planning;

namespace Reconciler.Kinds.LogRetention;

/// <summary>
/// The log group retention kind's slot of the observation: each log group a policy manages the retention of, by name,
/// as DescribeLogGroups listed it, or null when it does not exist. A name missing from the map was not observed (the
/// listing failed, or the observation did not run) and is left alone.
/// </summary>
internal sealed record ObservedLogGroups(IReadOnlyDictionary<string, ObservedLogGroup?> ByName) : IObservationSlot<ObservedLogGroups>
{
    /// <inheritdoc />
    public static ObservedLogGroups Unobserved { get; } = new(new Dictionary<string, ObservedLogGroup?>());
}

/// <summary>A CloudWatch Logs log group: its name, ARN (without the trailing ":*") and retention (null: never expire).</summary>
internal sealed record ObservedLogGroup(string Name, string? Arn, int? RetentionDays);
