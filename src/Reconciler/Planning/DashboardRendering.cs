using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Reconciler.Kinds.TraceGroups;
using Reconciler.Policies;

namespace Reconciler.Planning;

/// <summary>A dashboard a policy wants: its name, its full body, and how many metric lines the body graphs.</summary>
internal sealed record DesiredDashboard(ObservabilityPolicy Policy, string Name, string Body, int WidgetCount, int MetricCount);

/// <summary>
/// Renders a policy's dashboard body (CloudWatch dashboard body JSON, written with <see cref="Utf8JsonWriter"/>).
/// Layout on the 24-column grid: a full-width text widget first (the ownership marker, see
/// <see cref="OwnershipMarker"/>), then the policy's widgets in order, 12 wide and 6 high, two per row.
/// A metric widget graphs one line per selected resource of its type and per metric (resources sorted by name,
/// metrics in policy order); past 500 lines it is split into "title (1/2)", "title (2/2)"…; past 2,500 lines in
/// the whole dashboard the rest is left out and a notice says so. An alarm-status widget lists the ARNs of the
/// alarms the policy owns, 100 a widget (split like metric widgets). A logs widget queries the latest errors of the
/// selected functions' log groups, <see cref="MaxLogGroupsPerQuery"/> a widget.
/// </summary>
internal static class DashboardRendering
{
    /// <summary>CloudWatch's limit of metrics in one widget.</summary>
    public const int MaxMetricsPerWidget = 500;

    /// <summary>CloudWatch's limit of metrics in one dashboard.</summary>
    public const int MaxMetricsPerDashboard = 2500;

    /// <summary>Alarms one alarm-status widget lists.</summary>
    public const int MaxAlarmsPerWidget = 100;

    /// <summary>
    /// Log groups one logs widget queries: a CloudWatch Logs Insights query names at most 50 with SOURCE, so a policy
    /// with more functions gets several widgets ("title (1/2)"…).
    /// </summary>
    public const int MaxLogGroupsPerQuery = 50;

    /// <summary>CloudWatch's limit on widgets in one dashboard.</summary>
    public const int MaxWidgetsPerDashboard = 500;

    private const int MarkerHeight = 2;
    private const int WidgetWidth = 12;
    private const int WidgetHeight = 6;
    private const int GridWidth = 24;
    private const int GraphPeriodSeconds = 300;

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // The body is a request parameter, never embedded in HTML: keep markdown and titles readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// The dashboard of <paramref name="selection"/>'s policy. <paramref name="ownedAlarmNames"/> are the alarms the
    /// policy owns after conflicts were removed.
    /// </summary>
    public static DesiredDashboard Render(
        PolicySelection selection,
        DashboardSpec spec,
        IReadOnlyList<string> ownedAlarmNames,
        PlanningOptions options,
        ICollection<PlanNotice> notices)
    {
        var policy = selection.Policy;
        var traced = policy.Section<TraceGroupSpec>().Wanted;
        var widgets = new List<Widget> { new TextWidget(MarkerMarkdown(options, policy.Name, traced), GridWidth, traced ? MarkerHeight + 1 : MarkerHeight) };
        var budget = MaxMetricsPerDashboard;
        var leftOut = new List<string>();
        var leftOutLines = 0;

        foreach (var widgetSpec in spec.Widgets)
        {
            switch (widgetSpec.Type)
            {
                case WidgetType.Metric:
                    var lines = MetricLines(selection, widgetSpec);
                    if (lines.Count == 0)
                    {
                        widgets.Add(new TextWidget($"### {widgetSpec.Title}\nNo selected {ResourceLabel(widgetSpec.Resource)} to graph.", WidgetWidth, WidgetHeight));
                        break;
                    }

                    if (lines.Count > budget)
                    {
                        leftOut.Add(widgetSpec.Title);
                        leftOutLines += lines.Count - budget;
                        lines = [.. lines.Take(budget)];
                    }

                    budget -= lines.Count;
                    if (lines.Count == 0)
                    {
                        widgets.Add(new TextWidget($"### {widgetSpec.Title}\nLeft out: this dashboard already graphs {MaxMetricsPerDashboard:N0} metrics, CloudWatch's limit.", WidgetWidth, WidgetHeight));
                        break;
                    }

                    AddSplit(widgets, widgetSpec.Title, lines, MaxMetricsPerWidget, (title, chunk) => new MetricWidget(title, widgetSpec.Statistic, options.Region, chunk));
                    break;

                case WidgetType.AlarmStatus:
                    if (options.AccountId is null)
                    {
                        notices.Add(new PlanNotice(policy.Name, $"Dashboard {spec.Name}: widget \"{widgetSpec.Title}\" cannot list alarm ARNs because the account id is unknown; it shows a note instead. Run with credentials that can call sts:GetCallerIdentity."));
                        widgets.Add(new TextWidget($"### {widgetSpec.Title}\nAlarm list unavailable: the reconciler did not know the account id.", WidgetWidth, WidgetHeight));
                        break;
                    }

                    var arns = ownedAlarmNames.Order(StringComparer.Ordinal)
                        .Select(name => Arns.Alarm(options.Region, options.AccountId, name))
                        .ToList();
                    if (arns.Count == 0)
                    {
                        widgets.Add(new TextWidget($"### {widgetSpec.Title}\nPolicy {policy.Name} owns no alarms yet.", WidgetWidth, WidgetHeight));
                        break;
                    }

                    AddSplit(widgets, widgetSpec.Title, arns, MaxAlarmsPerWidget, (title, chunk) => new AlarmStatusWidget(title, chunk));
                    break;

                case WidgetType.Logs:
                    var logGroups = selection.Functions.Select(function => function.Logging.LogGroup)
                        .Distinct(StringComparer.Ordinal)
                        .Order(StringComparer.Ordinal)
                        .ToList();
                    if (logGroups.Count == 0)
                    {
                        widgets.Add(new TextWidget($"### {widgetSpec.Title}\nNo selected Lambda functions to read the logs of.", WidgetWidth, WidgetHeight));
                        break;
                    }

                    AddSplit(widgets, widgetSpec.Title, logGroups, MaxLogGroupsPerQuery, (title, chunk) => new LogsWidget(title, options.Region, RecentErrorsQuery(chunk)));
                    break;

                default:
                    throw new ArgumentOutOfRangeException(nameof(spec), widgetSpec.Type, "unknown widget type");
            }
        }

        if (leftOutLines > 0)
        {
            notices.Add(new PlanNotice(policy.Name, $"Dashboard {spec.Name}: {leftOutLines} metric line(s) of widget(s) {FieldFormat.List(leftOut)} left out, because a CloudWatch dashboard holds at most {MaxMetricsPerDashboard:N0} metrics. Graph fewer metrics per widget or split the app into several policies."));
        }

        if (widgets.Count > MaxWidgetsPerDashboard)
        {
            // Widgets split as resources grow (500 metrics, 100 alarms a widget); PutDashboard refuses more than 500.
            notices.Add(new PlanNotice(policy.Name, $"Dashboard {spec.Name}: {widgets.Count - MaxWidgetsPerDashboard} of {widgets.Count} widgets left out, because a CloudWatch dashboard holds at most {MaxWidgetsPerDashboard} widgets. Declare fewer widgets or split the app into several policies."));
            widgets.RemoveRange(MaxWidgetsPerDashboard, widgets.Count - MaxWidgetsPerDashboard);
        }

        return new DesiredDashboard(
            policy, spec.Name, Write(widgets), widgets.Count, MaxMetricsPerDashboard - budget);
    }

    /// <summary>
    /// Reads the ownership claim from the marker in a text widget of <paramref name="body"/>.
    /// False for bodies that are not JSON or carry no marker.
    /// </summary>
    public static bool TryReadClaim(string? body, out OwnershipClaim claim)
    {
        OwnershipClaim? found = null;
        VisitWidgets(body, (type, properties) =>
        {
            if (type == "text"
                && properties.TryGetProperty("markdown", out var markdown) && markdown.ValueKind == JsonValueKind.String
                && OwnershipMarker.TryRead(markdown.GetString(), out var read))
            {
                found = read;
                return true;
            }

            return false;
        });
        claim = found ?? new OwnershipClaim(string.Empty, null);
        return found is not null;
    }

    /// <summary>
    /// Calls <paramref name="visit"/> with the "type" (null when it has none) and the "properties" object of each
    /// widget of a dashboard body, in order, until it returns true. Bodies that are not a JSON object with a "widgets"
    /// array, and widgets without a properties object, are skipped: an observed body is whatever a person saved.
    /// </summary>
    internal static void VisitWidgets(string? body, Func<string?, JsonElement, bool> visit)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("widgets", out var widgets)
                || widgets.ValueKind != JsonValueKind.Array)
            {
                return;
            }

            foreach (var widget in widgets.EnumerateArray())
            {
                if (widget.ValueKind != JsonValueKind.Object
                    || !widget.TryGetProperty("properties", out var properties)
                    || properties.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                var type = widget.TryGetProperty("type", out var typed) && typed.ValueKind == JsonValueKind.String ? typed.GetString() : null;
                if (visit(type, properties))
                {
                    return;
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON: no widget to visit.
        }
    }

    /// <summary>
    /// The logs widget's CloudWatch Logs Insights query over <paramref name="logGroups"/>: the latest 50 error lines,
    /// newest first. JSON logs carry their level ("level": "ERROR" or "FATAL"); text logs are matched by what the
    /// runtimes print for errors ("ERROR", "FATAL") and by Lambda's own "Task timed out" line.
    /// </summary>
    internal static string RecentErrorsQuery(IEnumerable<string> logGroups) =>
        string.Concat(logGroups.Select(group => $"SOURCE '{group}' | "))
        + "fields @timestamp, @log, @message\n"
        + "| filter level in [\"ERROR\", \"FATAL\"] or @message like /ERROR|FATAL|Task timed out/\n"
        + "| sort @timestamp desc\n"
        + "| limit 50";

    private static string MarkerMarkdown(PlanningOptions options, string policyName, bool traced) =>
        $"## Managed by {OwnershipMarker.ManagerName}\n"
        + $"This dashboard is rendered from policy **{policyName}**. Do not edit it by hand: the next run puts it back. Change the policy instead.\n\n"
        + (traced ? TracesLine(options, policyName) : string.Empty)
        + OwnershipMarker.Marker(options.Owner, policyName);

    // The CloudWatch console's X-Ray pages (trace map and traces) take no group in their address, so the line names
    // the group to pick in their Group menu.
    private static string TracesLine(PlanningOptions options, string policyName)
    {
        var console = ConsoleUrls.CloudWatch(options.Region);
        return $"Traces: X-Ray group **{XRayNaming.For(options.Owner, policyName)}** (pick it in the Group menu): [trace map]({console}#xray:service-map/map) · [traces]({console}#xray:traces/query)\n\n";
    }

    private static string ResourceLabel(ResourceType? type) => type switch
    {
        ResourceType.LambdaFunction => "Lambda functions",
        ResourceType.ApiGatewayStage => "API Gateway stages",
        _ => "resources",
    };

    private static List<string[]> MetricLines(PolicySelection selection, WidgetSpec spec) => spec.Resource switch
    {
        ResourceType.LambdaFunction =>
            [.. selection.Functions.SelectMany(f => spec.Metrics.Select(m => new[] { MetricCatalog.LambdaNamespace, m, MetricCatalog.FunctionNameDimension, f.FunctionName }))],
        ResourceType.ApiGatewayStage =>
            [.. selection.Stages.SelectMany(s => spec.Metrics.Select(m => new[] { MetricCatalog.ApiGatewayNamespace, m, MetricCatalog.ApiNameDimension, s.ApiName, MetricCatalog.StageDimension, s.StageName }))],
        _ => [],
    };

    private static void AddSplit<T>(List<Widget> widgets, string title, IReadOnlyList<T> items, int perWidget, Func<string, IReadOnlyList<T>, Widget> create)
    {
        var chunks = items.Chunk(perWidget).ToList();
        for (var i = 0; i < chunks.Count; i++)
        {
            var chunkTitle = chunks.Count == 1 ? title : $"{title} ({i + 1}/{chunks.Count})";
            widgets.Add(create(chunkTitle, chunks[i]));
        }
    }

    private static string Write(IReadOnlyList<Widget> widgets)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("widgets");
            var y = 0;
            var column = 0;
            foreach (var widget in widgets)
            {
                if (widget.Width == GridWidth && column != 0)
                {
                    y += WidgetHeight;
                    column = 0;
                }

                writer.WriteStartObject();
                writer.WriteString("type", widget.Type);
                writer.WriteNumber("x", column * WidgetWidth);
                writer.WriteNumber("y", y);
                writer.WriteNumber("width", widget.Width);
                writer.WriteNumber("height", widget.Height);
                writer.WriteStartObject("properties");
                widget.WriteProperties(writer);
                writer.WriteEndObject();
                writer.WriteEndObject();

                if (widget.Width == GridWidth)
                {
                    y += widget.Height;
                }
                else if (++column == GridWidth / WidgetWidth)
                {
                    column = 0;
                    y += widget.Height;
                }
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private abstract record Widget(string Type, int Width, int Height)
    {
        public abstract void WriteProperties(Utf8JsonWriter writer);
    }

    private sealed record TextWidget(string Markdown, int Width, int Height) : Widget("text", Width, Height)
    {
        public override void WriteProperties(Utf8JsonWriter writer) => writer.WriteString("markdown", Markdown);
    }

    private sealed record MetricWidget(string Title, string Statistic, string Region, IReadOnlyList<string[]> Lines)
        : Widget("metric", WidgetWidth, WidgetHeight)
    {
        public override void WriteProperties(Utf8JsonWriter writer)
        {
            writer.WriteString("title", Title);
            writer.WriteString("view", "timeSeries");
            writer.WriteBoolean("stacked", false);
            writer.WriteString("region", Region);
            writer.WriteString("stat", Statistic);
            writer.WriteNumber("period", GraphPeriodSeconds);
            writer.WriteStartArray("metrics");
            foreach (var line in Lines)
            {
                writer.WriteStartArray();
                foreach (var part in line)
                {
                    writer.WriteStringValue(part);
                }

                writer.WriteEndArray();
            }

            writer.WriteEndArray();
        }
    }

    private sealed record LogsWidget(string Title, string Region, string Query) : Widget("log", WidgetWidth, WidgetHeight)
    {
        public override void WriteProperties(Utf8JsonWriter writer)
        {
            writer.WriteString("title", Title);
            writer.WriteString("region", Region);
            writer.WriteString("view", "table");
            writer.WriteString("query", Query);
        }
    }

    private sealed record AlarmStatusWidget(string Title, IReadOnlyList<string> AlarmArns)
        : Widget("alarm", WidgetWidth, WidgetHeight)
    {
        public override void WriteProperties(Utf8JsonWriter writer)
        {
            writer.WriteString("title", Title);
            writer.WriteStartArray("alarms");
            foreach (var arn in AlarmArns)
            {
                writer.WriteStringValue(arn);
            }

            writer.WriteEndArray();
        }
    }
}
