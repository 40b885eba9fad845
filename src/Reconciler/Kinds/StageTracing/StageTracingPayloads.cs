using Reconciler.Planning;

namespace Reconciler.Kinds.StageTracing;

/// <summary>UpdateStage with a replace of /tracingEnabled.</summary>
internal sealed record SetStageTracing(string RestApiId, string StageName, bool Enabled) : ChangePayload;
