using Reconciler.Actuation;
using Reconciler.Aws;
using Reconciler.Planning;

namespace Reconciler.Kinds.TraceGroups;

/// <summary>Creates (tagged), updates and deletes a policy's X-Ray group, one call each.</summary>
internal sealed class TraceGroupWriter : KindWriter
{
    /// <inheritdoc />
    public override async Task<string?> WriteAsync(PlannedChange change, IAwsWriter aws, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(aws);
        switch (change.Payload)
        {
            case CreateTraceGroup create:
                await aws.CreateXRayGroupAsync(create.GroupName, create.FilterExpression, create.Tags, cancellationToken);
                return null;
            case UpdateTraceGroup update:
                await aws.UpdateXRayGroupAsync(update.GroupArn, update.FilterExpression, cancellationToken);

                // X-Ray's groups page: an update applies only to traces recorded afterwards.
                return $"X-Ray applies the new filter expression of {update.GroupName} to traces recorded from now on; its service map may mix both expressions for the time window before this change";
            default:
                throw new InvalidOperationException($"a {ChangeKind.TraceGroup} change carries {change.Payload.GetType().Name}");
        }
    }

    /// <inheritdoc />
    public override Task<IReadOnlyList<ChangeOutcome>> DeleteAsync(
        IReadOnlyList<PlannedChange> batch, IAwsWriter aws, ApplyGuard guard, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(aws);

        // X-Ray answers a group that is gone with InvalidRequestException, its code for any bad request, so a failed
        // delete is reported as failed and the next run lists the groups again.
        return DeleteOneByOneAsync(batch, (change, ct) => aws.DeleteXRayGroupAsync(Delete(change).GroupArn, ct), notFoundCode: null, guard, cancellationToken);
    }

    private static DeleteTraceGroup Delete(PlannedChange change) =>
        change.Payload as DeleteTraceGroup ?? throw new InvalidOperationException($"a {ChangeKind.TraceGroup} delete carries {change.Payload.GetType().Name}");
}
