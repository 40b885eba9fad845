using Reconciler.Actuation;
using Reconciler.Aws;
using Reconciler.Planning;

namespace Reconciler.Kinds.LogRetention;

/// <summary>
/// Creates a missing log group with the ownership tags and then sets its retention (CreateLogGroup takes no retention),
/// or sets the retention of an existing one, with PutRetentionPolicy. Never deletes a log group.
/// </summary>
internal sealed class LogRetentionWriter : KindWriter
{
    private const string AlreadyExists = "ResourceAlreadyExistsException";

    /// <inheritdoc />
    public override async Task<string?> WriteAsync(PlannedChange change, IAwsWriter aws, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(aws);
        switch (change.Payload)
        {
            case CreateLogGroup create:
                string? detail = null;
                try
                {
                    await aws.CreateLogGroupAsync(create.LogGroupName, create.Tags.ToDictionary(tag => tag.Key, tag => tag.Value, StringComparer.Ordinal), cancellationToken);
                }
                catch (AwsServiceException error) when (error.ErrorCode == AlreadyExists)
                {
                    // Lambda creates the group on the function's first invocation: it may have done so since the
                    // listing. Its retention is what matters; it is not tagged as ours, which changes nothing here.
                    detail = $"log group {create.LogGroupName} was created by someone else (most likely Lambda, on a first invocation) after it was listed; its retention was set, its tags left as they are";
                }

                await aws.PutRetentionPolicyAsync(create.LogGroupName, create.RetentionDays, cancellationToken);
                return detail;
            case SetLogRetention retention:
                await aws.PutRetentionPolicyAsync(retention.LogGroupName, retention.RetentionDays, cancellationToken);
                return null;
            default:
                throw new InvalidOperationException($"a {ChangeKind.LogRetention} change carries {change.Payload.GetType().Name}");
        }
    }

    /// <inheritdoc />
    public override string Refused(PlannedChange change, AwsServiceException error)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(error);
        return error.ErrorCode == "ResourceNotFoundException"
            ? $"log group {change.Target} was deleted after it was listed ({error.ErrorCode}: {error.ErrorMessage}); the next run creates it again with the policy's retention"
            : error.ErrorMessage;
    }
}
