using Reconciler.Aws;
using Reconciler.Discovery;
using Reconciler.Planning;

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
        var prefix = XRayNaming.Prefix(request.AlarmNamePrefix);
        var listing = await Listing<List<XRaySamplingRule>>.CaptureAsync(
            async ct =>
            {
                var rules = new List<XRaySamplingRule>();
                await foreach (var rule in request.Aws.GetSamplingRulesAsync(ct))
                {
                    if (rule.RuleName.StartsWith(prefix, StringComparison.Ordinal))
                    {
                        rules.Add(rule);
                    }
                }

                return rules;
            },
            [],
            "X-Ray GetSamplingRules",
            cancellationToken);
        if (listing.Failure is { } failed)
        {
            return (ObservedSamplingRules.Unobserved, [(null, failed)]);
        }

        var (tags, failures) = await XRayTagReads.ReadAsync(
            request.Aws, listing.Items.Where(rule => rule.RuleArn is not null).Select(rule => (rule.RuleName, rule.RuleArn!)), "sampling rule", cancellationToken);
        var observed = listing.Items.ToDictionary(
            rule => rule.RuleName,
            rule => new ObservedSamplingRule(rule, rule.RuleArn is null ? null : tags.GetValueOrDefault(rule.RuleArn)),
            StringComparer.Ordinal);
        return (new ObservedSamplingRules(true, observed), [.. failures.Select(failure => ((string?)null, failure))]);
    }
}
