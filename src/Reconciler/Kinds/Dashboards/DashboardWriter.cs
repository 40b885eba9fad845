using Reconciler.Actuation;
using Reconciler.Aws;
using Reconciler.Planning;

namespace Reconciler.Kinds.Dashboards;

/// <summary>Writes a dashboard with PutDashboard, then sets its ownership tags.</summary>
internal sealed class DashboardWriter : KindWriter
{
    /// <inheritdoc />
    public override async Task<string?> WriteAsync(PlannedChange change, IAwsWriter aws, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(aws);
        var dashboard = change.Payload as PutDashboard
            ?? throw new InvalidOperationException($"a {ChangeKind.Dashboard} change carries {change.Payload.GetType().Name}");

        // On a 200, DashboardValidationMessages are warnings: CloudWatch saved the body, some widgets may not render.
        var messages = await aws.PutDashboardAsync(dashboard.DashboardName, dashboard.Body, cancellationToken);

        // The marker text widget is what ownership is read from; the tags make it visible to tag-based tooling and IAM.
        // They are set whatever the warnings say: the next run sees no diff in the body and would never tag it.
        if (change.ResourceArn is { } arn)
        {
            await aws.TagResourceAsync(arn, [.. dashboard.Tags.Select(tag => new Tag(tag.Key, tag.Value))], cancellationToken);
        }

        return messages.Count == 0
            ? null
            : "saved with warnings from CloudWatch, some widgets may not render: "
                + string.Join("; ", messages.Select(m => m.DataPath is null ? m.Message : $"{m.DataPath}: {m.Message}"));
    }
}
