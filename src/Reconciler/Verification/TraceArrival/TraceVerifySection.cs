using System.Globalization;
using Reconciler.Policies;
using Reconciler.Policies.Yaml;

namespace Reconciler.Verification.TraceArrival;

/// <summary>
/// spec.tracing.verify: check, on every plan and apply, that the policy's traced functions and stages that were
/// invoked produced traces. Read-only; absent: no check.
/// </summary>
/// <param name="Wanted">True when the policy has the section.</param>
/// <param name="WindowMinutes">How far back to look, in minutes.</param>
/// <param name="MinInvocations">Below this many invocations (requests, for a stage) in the window, no verdict.</param>
internal sealed record TraceVerifySpec(bool Wanted, int WindowMinutes, int MinInvocations) : IPolicySection<TraceVerifySpec>
{
    /// <summary>window when the policy leaves it out, in minutes.</summary>
    public const int DefaultWindowMinutes = 60;

    /// <summary>minInvocations when the policy leaves it out.</summary>
    public const int DefaultMinInvocations = 20;

    /// <summary>The shortest window: five one-minute CloudWatch datapoints.</summary>
    public const int MinWindowMinutes = 5;

    /// <summary>The longest window, one day: this project's bound, so that a fix shows in the check within a day.</summary>
    public const int MaxWindowMinutes = 1440;

    /// <inheritdoc />
    public static TraceVerifySpec Absent { get; } = new(false, 0, 0);
}

/// <summary>Reads spec.tracing.verify: window (minutes) and minInvocations, both optional.</summary>
internal sealed class TraceVerifySection : PolicySectionReader<TraceVerifySpec>
{
    private static readonly string[] Keys = ["window", "minInvocations"];

    /// <inheritdoc />
    public override string Parent => "spec.tracing";

    /// <inheritdoc />
    public override string Key => "verify";

    /// <inheritdoc />
    protected override TraceVerifySpec? ReadSection(PolicyNodeReader reader, YamlValue node, PolicySectionContext context)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var fields = reader.Mapping(node, Path, Keys);
        if (fields is null)
        {
            return null;
        }

        int? window = TraceVerifySpec.DefaultWindowMinutes;
        if (fields["window"] is { } windowNode)
        {
            window = reader.Integer(windowNode, $"{Path}.window", TraceVerifySpec.MinWindowMinutes);
            if (window > TraceVerifySpec.MaxWindowMinutes)
            {
                reader.Error(windowNode, $"{Path}.window", string.Create(CultureInfo.InvariantCulture, $"is in minutes and must be at most {TraceVerifySpec.MaxWindowMinutes} (one day), got {window}"));
                window = null;
            }
        }

        var minimum = fields["minInvocations"] is { } minimumNode
            ? reader.Integer(minimumNode, $"{Path}.minInvocations", 1)
            : TraceVerifySpec.DefaultMinInvocations;
        return window is { } windowValue && minimum is { } minimumValue ? new TraceVerifySpec(true, windowValue, minimumValue) : null;
    }
}
