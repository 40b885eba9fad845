using System.Globalization;
using Reconciler.Policies;
using Reconciler.Policies.Yaml;

namespace Reconciler.Kinds.SamplingRules;

/// <summary>
/// spec.tracing.sampling: the X-Ray sampling rule of the policy's REST API stages. Absent: the policy has no rule (one
/// this deployment made for it earlier is pruned). Only API Gateway stages honour centralized sampling rules; Lambda's
/// own sampling (the first request each second and 5% of the rest) cannot be configured, so the section needs
/// apiGateway among the selected resource types.
/// </summary>
/// <param name="Wanted">True when the policy has the section.</param>
/// <param name="FixedRate">The share of matching requests traced once the reservoir is used up, 0 to 1.</param>
/// <param name="ReservoirSize">Matching requests traced each second before the fixed rate applies.</param>
/// <param name="Priority">1 to 9999; X-Ray evaluates rules from the lowest number and uses the first that matches.</param>
internal sealed record SamplingSpec(bool Wanted, double FixedRate, int ReservoirSize, int Priority) : IPolicySection<SamplingSpec>
{
    /// <summary>reservoirSize when the policy leaves it out: X-Ray's own default rule traces 1 request a second.</summary>
    public const int DefaultReservoirSize = 1;

    /// <summary>priority when the policy leaves it out: after most hand-written rules, before X-Ray's Default (10000).</summary>
    public const int DefaultPriority = 9000;

    /// <inheritdoc />
    public static SamplingSpec Absent { get; } = new(false, 0, 0, 0);
}

/// <summary>Reads spec.tracing.sampling: fixedRate (required), reservoirSize and priority.</summary>
internal sealed class SamplingSection : PolicySectionReader<SamplingSpec>
{
    private static readonly string[] Keys = ["fixedRate", "reservoirSize", "priority"];

    /// <inheritdoc />
    public override string Parent => "spec.tracing";

    /// <inheritdoc />
    public override string Key => "sampling";

    /// <inheritdoc />
    protected override SamplingSpec? ReadSection(PolicyNodeReader reader, YamlValue node, PolicySectionContext context)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(context);
        var fields = reader.Mapping(node, Path, Keys);
        if (fields is null)
        {
            return null;
        }

        PolicyDocumentReader.RequireSelected(reader, node, Path, ResourceType.ApiGatewayStage, context.ResourceTypes);
        double? fixedRate = null;
        if (fields["fixedRate"] is not { } rateNode)
        {
            reader.Error(node, $"{Path}.fixedRate", "is required: the share of requests to trace, from 0 to 1 (0.05 is 5%)");
        }
        else if (reader.Number(rateNode, $"{Path}.fixedRate") is { } rate)
        {
            if (rate is < 0 or > 1)
            {
                reader.Error(rateNode, $"{Path}.fixedRate", string.Create(CultureInfo.InvariantCulture, $"must be from 0 to 1 (a share, not a percentage: 5% is 0.05), got {rate}"));
            }
            else
            {
                fixedRate = rate;
            }
        }

        var reservoir = fields["reservoirSize"] is { } reservoirNode ? reader.Integer(reservoirNode, $"{Path}.reservoirSize", 0) : SamplingSpec.DefaultReservoirSize;
        var priority = fields["priority"] is { } priorityNode ? ReadPriority(reader, priorityNode) : SamplingSpec.DefaultPriority;
        return fixedRate is { } fixedValue && reservoir is { } reservoirValue && priority is { } priorityValue
            ? new SamplingSpec(true, fixedValue, reservoirValue, priorityValue)
            : null;
    }

    private int? ReadPriority(PolicyNodeReader reader, YamlValue node)
    {
        var priority = reader.Integer(node, $"{Path}.priority", 1);
        if (priority > 9999)
        {
            reader.Error(node, $"{Path}.priority", string.Create(CultureInfo.InvariantCulture, $"must be from 1 to 9999 (X-Ray's range; its Default rule is 10000), got {priority}"));
            return null;
        }

        return priority;
    }
}
