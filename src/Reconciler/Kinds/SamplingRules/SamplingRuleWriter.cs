using Reconciler.Actuation;
using Reconciler.Aws;
using Reconciler.Planning;

namespace Reconciler.Kinds.SamplingRules;

/// <summary>Creates (tagged), updates and deletes a policy's X-Ray sampling rule, one call each.</summary>
internal sealed class SamplingRuleWriter : KindWriter
{
    /// <inheritdoc />
    public override async Task<string?> WriteAsync(PlannedChange change, IAwsWriter aws, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(aws);
        switch (change.Payload)
        {
            case CreateSamplingRule create:
                await aws.CreateSamplingRuleAsync(create.Rule, create.Tags, cancellationToken);
                return null;
            case UpdateSamplingRule update:
                await aws.UpdateSamplingRuleAsync(update.Rule, cancellationToken);
                return null;
            default:
                throw new InvalidOperationException($"a {ChangeKind.SamplingRule} change carries {change.Payload.GetType().Name}");
        }
    }

    /// <inheritdoc />
    public override Task<IReadOnlyList<ChangeOutcome>> DeleteAsync(
        IReadOnlyList<PlannedChange> batch, IAwsWriter aws, ApplyGuard guard, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(aws);

        // As for groups, X-Ray has no code of its own for a rule that is gone (InvalidRequestException covers it).
        return DeleteOneByOneAsync(batch, (change, ct) => aws.DeleteSamplingRuleAsync(Delete(change).RuleName, ct), notFoundCode: null, guard, cancellationToken);
    }

    /// <inheritdoc />
    public override string Refused(PlannedChange change, AwsServiceException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.ErrorCode == "RuleLimitExceededException"
            ? $"X-Ray refused the rule: the Region already has the most sampling rules it allows ({error.ErrorMessage}); delete unused rules, or give fewer policies a sampling section"
            : error.ErrorMessage;
    }

    private static DeleteSamplingRule Delete(PlannedChange change) =>
        change.Payload as DeleteSamplingRule ?? throw new InvalidOperationException($"a {ChangeKind.SamplingRule} delete carries {change.Payload.GetType().Name}");
}
