using System.Globalization;
using Reconciler.Policies.Yaml;

namespace Reconciler.Policies;

/// <summary>
/// Reads spec.logs: the retention of the selected functions' log groups and their Lambda LoggingConfig (format and
/// levels). Every field is optional; an absent one is unmanaged.
/// </summary>
internal sealed class LogsSection : PolicySectionReader<LogsSpec>
{
    private static readonly string[] LogsKeys = ["retentionDays", "format", "applicationLogLevel", "systemLogLevel"];

    /// <inheritdoc />
    public override string Parent => "spec";

    /// <inheritdoc />
    public override string Key => "logs";

    /// <inheritdoc />
    protected override LogsSpec? ReadSection(PolicyNodeReader reader, YamlValue node, PolicySectionContext context)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(context);
        var resourceTypes = context.ResourceTypes;
        var logs = reader.Mapping(node, "spec.logs", LogsKeys);
        if (logs is null)
        {
            return null;
        }

        var errorsBefore = reader.ErrorCount;
        PolicyDocumentReader.RequireSelected(reader, node, "spec.logs", ResourceType.LambdaFunction, resourceTypes);
        var retention = logs["retentionDays"] is { } retentionNode ? ReadRetention(reader, retentionNode) : null;
        var format = logs["format"] is { } formatNode
            ? reader.Enum(formatNode, "spec.logs.format", PolicyVocabulary.LogFormats)
            : null;
        var application = logs["applicationLogLevel"] is { } applicationNode
            ? reader.Enum(applicationNode, "spec.logs.applicationLogLevel", PolicyVocabulary.ApplicationLogLevels)
            : null;
        var system = logs["systemLogLevel"] is { } systemNode
            ? reader.Enum(systemNode, "spec.logs.systemLogLevel", PolicyVocabulary.SystemLogLevels)
            : null;

        // Lambda filters by level only for JSON logs, and refuses a level with LogFormat Text.
        foreach (var (key, set) in new[] { ("applicationLogLevel", application is not null), ("systemLogLevel", system is not null) })
        {
            if (set && format != LambdaLogFormat.Json && logs["format"] is null)
            {
                reader.Error(logs[key]!, $"spec.logs.{key}", "log levels apply only to JSON logs; add format: JSON to spec.logs");
            }
            else if (set && format == LambdaLogFormat.Text)
            {
                reader.Error(logs[key]!, $"spec.logs.{key}", "log levels apply only to JSON logs, but spec.logs.format is Text; set format: JSON or remove the level");
            }
        }

        return reader.ErrorCount != errorsBefore ? null : new LogsSpec(retention, format, application, system);
    }

    private static int? ReadRetention(PolicyNodeReader reader, YamlValue node)
    {
        var days = reader.Integer(node, "spec.logs.retentionDays", 1);
        if (days is not { } value || LogRetentionDays.IsAllowed(value))
        {
            return days;
        }

        var allowed = string.Join(", ", LogRetentionDays.AllowedDays.Select(day => day.ToString(CultureInfo.InvariantCulture)));
        var nearest = LogRetentionDays.AllowedDays.MinBy(day => Math.Abs(day - value));
        reader.Error(node, "spec.logs.retentionDays", string.Create(
            CultureInfo.InvariantCulture,
            $"{value} days is not a retention CloudWatch Logs allows (did you mean {nearest}?); allowed values: {allowed}"));
        return null;
    }
}
