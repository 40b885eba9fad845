using System.Text.Json.Serialization;

namespace Reconciler.Reporting;

/// <summary>
/// Source-generated serialization metadata of the report (no reflection, so the binary stays Native AOT clean).
/// Property order is declaration order, which is part of the schema's stability promise.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(RunReport))]
internal sealed partial class ReportJsonContext : JsonSerializerContext;
