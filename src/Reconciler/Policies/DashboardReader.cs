using Reconciler.Policies.Yaml;

namespace Reconciler.Policies;

/// <summary>Reads spec.dashboard: its name and widgets (metric graphs or the alarm-status table).</summary>
internal static class DashboardReader
{
    private static readonly string[] DashboardKeys = ["name", "widgets"];
    private static readonly string[] WidgetKeys = ["title", "type", "resource", "metrics", "statistic"];

    /// <summary>CloudWatch holds at most 500 widgets in one dashboard.</summary>
    public const int MaxDashboardWidgets = 500;

    /// <summary>
    /// Widgets a policy may declare: the rendered dashboard adds one text widget (the ownership marker) before them.
    /// A widget can render as several (a metric widget past 500 lines, an alarm list past 100 alarms); how many
    /// depends on the resources found, so only the renderer can bound that.
    /// </summary>
    public const int MaxDeclaredWidgets = MaxDashboardWidgets - 1;

    /// <summary>Absent means "no dashboard"; the node returned is the name's, for the cross-policy duplicate check.</summary>
    public static (DashboardSpec? Dashboard, YamlValue? NameNode) Read(
        PolicyNodeReader reader, YamlValue? node, string policyName, IReadOnlyList<ResourceType> resourceTypes)
    {
        if (node is null)
        {
            return (null, null);
        }

        var dashboard = reader.Mapping(node, "spec.dashboard", DashboardKeys);
        if (dashboard is null)
        {
            return (null, null);
        }

        var name = policyName;
        YamlValue nameNode = dashboard.Mapping;
        if (dashboard["name"] is { } explicitName)
        {
            nameNode = explicitName;
            var before = reader.ErrorCount;
            name = reader.String(explicitName, "spec.dashboard.name") ?? string.Empty;
            if (reader.ErrorCount == before && !PolicySyntax.IsDashboardName(name))
            {
                reader.Error(explicitName, "spec.dashboard.name",
                    $"\"{name}\" is not a valid dashboard name; use letters, digits, '-' and '_' (at most 255)");
            }
        }

        var widgets = dashboard["widgets"] is { } widgetsNode
            ? ReadWidgets(reader, widgetsNode, resourceTypes)
            : PolicyDefaults.DefaultWidgets(resourceTypes);
        return widgets is null ? (null, null) : (new DashboardSpec(name, widgets), nameNode);
    }

    private static List<WidgetSpec>? ReadWidgets(PolicyNodeReader reader, YamlValue node, IReadOnlyList<ResourceType> resourceTypes)
    {
        const string path = "spec.dashboard.widgets";
        var sequence = reader.Sequence(node, path);
        if (sequence is null)
        {
            return null;
        }

        if (sequence.Items.Count == 0)
        {
            reader.Error(sequence, path, "an empty dashboard shows nothing; add widgets, or remove the key for the standard set");
            return null;
        }

        if (sequence.Items.Count > MaxDeclaredWidgets)
        {
            reader.Error(sequence, path,
                $"{sequence.Items.Count} widgets; a CloudWatch dashboard holds at most {MaxDashboardWidgets}, and the reconciler adds one (the ownership note), " +
                $"so declare at most {MaxDeclaredWidgets}: put several metrics in one widget, or split the app into several policies");
            return null;
        }

        var widgets = new List<WidgetSpec>();
        var ok = true;
        for (var i = 0; i < sequence.Items.Count; i++)
        {
            var widget = ReadWidget(reader, sequence.Items[i], $"{path}[{i}]", resourceTypes);
            ok &= widget is not null;
            if (widget is not null)
            {
                widgets.Add(widget);
            }
        }

        return ok ? widgets : null;
    }

    private static WidgetSpec? ReadWidget(PolicyNodeReader reader, YamlValue node, string path, IReadOnlyList<ResourceType> resourceTypes)
    {
        var errorsBefore = reader.ErrorCount;
        var widget = reader.Mapping(node, path, WidgetKeys);
        if (widget is null)
        {
            return null;
        }

        string? title = null;
        if (widget["title"] is { } titleNode)
        {
            title = reader.NonEmptyString(titleNode, $"{path}.title");
        }
        else
        {
            reader.Error(widget.Mapping, path, "\"title\" is missing; add title: <text shown above the widget>");
        }

        var type = PolicyDocumentReader.Optional(widget["type"],
            value => reader.Enum(value, $"{path}.type", PolicyVocabulary.WidgetTypes), PolicyDefaults.WidgetKind);

        if (type is WidgetType.AlarmStatus or WidgetType.Logs)
        {
            var (spelling, shows) = type == WidgetType.AlarmStatus
                ? ("alarmStatus", "the policy's alarms")
                : ("logs", "the latest errors of the policy's functions");
            foreach (var key in new[] { "resource", "metrics", "statistic" })
            {
                if (widget.KeyOf(key) is { } extra)
                {
                    reader.Error(extra, path, $"a{(type == WidgetType.AlarmStatus ? "n" : string.Empty)} {spelling} widget shows {shows} and takes no \"{key}\"; remove it");
                }
            }

            if (type == WidgetType.Logs)
            {
                PolicyDocumentReader.RequireSelected(reader, widget["type"]!, $"{path}.type", ResourceType.LambdaFunction, resourceTypes);
            }

            return reader.ErrorCount == errorsBefore && title is not null
                ? new WidgetSpec(title, type, null, [], string.Empty)
                : null;
        }

        ResourceType? resource = null;
        if (widget["resource"] is { } resourceNode)
        {
            resource = reader.Enum(resourceNode, $"{path}.resource", PolicyVocabulary.WidgetResources);
            if (resource is not null)
            {
                PolicyDocumentReader.RequireSelected(reader, resourceNode, $"{path}.resource", resource.Value, resourceTypes);
            }
        }
        else
        {
            reader.Error(widget.Mapping, path, "\"resource\" is missing; add resource: lambda or resource: apiGateway (or type: alarmStatus)");
        }

        var metrics = ReadMetrics(reader, widget, path, resource);
        string? statistic = null;
        if (widget["statistic"] is { } statisticNode)
        {
            statistic = reader.String(statisticNode, $"{path}.statistic") is { } text &&
                        AlarmsReader.StatisticCheck(reader, text, statisticNode, $"{path}.statistic") ? text : null;
        }
        else if (metrics is { Count: > 0 })
        {
            statistic = PolicyDefaults.Statistic(metrics[0]);
        }

        return reader.ErrorCount == errorsBefore && title is not null && resource is not null && metrics is not null && statistic is not null
            ? new WidgetSpec(title, WidgetType.Metric, resource, metrics, statistic)
            : null;
    }

    private static IReadOnlyList<string>? ReadMetrics(PolicyNodeReader reader, MappingFields widget, string path, ResourceType? resource)
    {
        if (widget["metrics"] is not { } metricsNode)
        {
            reader.Error(widget.Mapping, path, "\"metrics\" is missing; add metrics: [Invocations] or another metric of the resource");
            return null;
        }

        if (metricsNode is YamlSequence { Items.Count: 0 })
        {
            reader.Error(metricsNode, $"{path}.metrics", "the metric list is empty; name at least one metric to graph");
            return null;
        }

        var valid = resource is null ? [] : MetricCatalog.WidgetMetrics(resource.Value);
        return reader.StringList(metricsNode, $"{path}.metrics", (metric, at, itemPath) =>
        {
            if (resource is null)
            {
                return false;
            }

            if (metric == MetricCatalog.ErrorRate)
            {
                reader.Error(at, itemPath, "ErrorRate is computed by its alarm and cannot be graphed here; graph Errors and Invocations instead");
                return false;
            }

            return AlarmsReader.CheckMetric(reader, metric, at, itemPath, valid, resource.Value);
        });
    }
}
