using Reconciler.Actuation;
using Reconciler.Aws;
using Reconciler.Planning;

namespace Reconciler.Kinds.StageTracing;

/// <summary>Sets tracingEnabled with UpdateStage (one replace patch).</summary>
internal sealed class StageTracingWriter : KindWriter
{
    /// <inheritdoc />
    public override async Task<string?> WriteAsync(PlannedChange change, IAwsWriter aws, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(aws);
        var stage = change.Payload as SetStageTracing
            ?? throw new InvalidOperationException($"a {ChangeKind.StageTracing} change carries {change.Payload.GetType().Name}");
        await aws.UpdateStageAsync(
            new UpdateStageRequest(stage.RestApiId, stage.StageName, [new PatchOperation("replace", "/tracingEnabled", stage.Enabled ? "true" : "false")]),
            cancellationToken);
        return null;
    }
}
