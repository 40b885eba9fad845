using Reconciler.Discovery;

namespace Reconciler.Kinds.SamplingRules;

/// <summary>
/// Lists the account's sampling rules (GetSamplingRules) and reads the tags of those whose names start with this
/// deployment's prefix. It runs every run, whether or not a policy asks for a rule, because a rule a policy no longer
/// asks for is pruned.
/// </summary>
internal sealed class SamplingRuleObservation : KindObservation<ObservedSamplingRules>
{
    /// <inheritdoc />
    protected override async Task<(ObservedSamplingRules Slot, IReadOnlyList<(string? PolicyName, ObservationFailure Failure)> Failures)> ReadAsync(
        ObservationRequest request, CancellationToken cancellationToken)
    {
        var (rules, failures) = await XRayTagReads.ListOwnedAsync(
            request.Aws, request.Aws.GetSamplingRulesAsync, "X-Ray GetSamplingRules", rule => rule.RuleName, rule => rule.RuleArn, request.AlarmNamePrefix, "sampling rule", cancellationToken);
        var slot = rules is null
            ? ObservedSamplingRules.Unobserved
            : new ObservedSamplingRules(true, rules.ToDictionary(found => found.Item.RuleName, found => new ObservedSamplingRule(found.Item, found.Tags), StringComparer.Ordinal));
        return (slot, [.. failures.Select(failure => ((string?)null, failure))]);
    }
}
