using System.Xml.Linq;

namespace Reconciler.Aws.Services;

/// <summary>Maps alarms to PutMetricAlarm parameters and back from DescribeAlarms XML.</summary>
internal static class CloudWatchAlarmXml
{
    public static QueryParameters ToParameters(PutMetricAlarmRequest request, string version)
    {
        var parameters = new QueryParameters("PutMetricAlarm", version)
            .Add("AlarmName", request.AlarmName)
            .Add("AlarmDescription", request.AlarmDescription)
            .Add("ActionsEnabled", request.ActionsEnabled)
            .AddMembers("OKActions", request.OKActions)
            .AddMembers("AlarmActions", request.AlarmActions)
            .AddMembers("InsufficientDataActions", request.InsufficientDataActions)
            .Add("MetricName", request.MetricName)
            .Add("Namespace", request.Namespace)
            .Add("Statistic", request.Statistic)
            .Add("ExtendedStatistic", request.ExtendedStatistic);
        AddDimensions(parameters, "Dimensions", request.Dimensions);
        parameters
            .Add("Period", request.Period)
            .Add("Unit", request.Unit)
            .Add("EvaluationPeriods", request.EvaluationPeriods)
            .Add("DatapointsToAlarm", request.DatapointsToAlarm)
            .Add("Threshold", request.Threshold)
            .Add("ComparisonOperator", request.ComparisonOperator)
            .Add("TreatMissingData", request.TreatMissingData);
        AddQueries(parameters, "Metrics", request.Metrics);
        AddTags(parameters, request.Tags);
        return parameters;
    }

    /// <summary>A list of metric-data queries as Name.member.N.*: PutMetricAlarm's Metrics, GetMetricData's MetricDataQueries.</summary>
    public static void AddQueries(QueryParameters parameters, string name, IReadOnlyList<MetricDataQuery> queries)
    {
        for (var i = 0; i < queries.Count; i++)
        {
            var query = queries[i];
            var prefix = $"{name}.member.{i + 1}";
            parameters.Add(prefix + ".Id", query.Id);
            if (query.MetricStat is { } stat)
            {
                parameters
                    .Add(prefix + ".MetricStat.Metric.Namespace", stat.Namespace)
                    .Add(prefix + ".MetricStat.Metric.MetricName", stat.MetricName);
                AddDimensions(parameters, prefix + ".MetricStat.Metric.Dimensions", stat.Dimensions);
                parameters
                    .Add(prefix + ".MetricStat.Period", stat.Period)
                    .Add(prefix + ".MetricStat.Stat", stat.Stat)
                    .Add(prefix + ".MetricStat.Unit", stat.Unit);
            }

            parameters
                .Add(prefix + ".Expression", query.Expression)
                .Add(prefix + ".Label", query.Label)
                .Add(prefix + ".ReturnData", query.ReturnData)
                .Add(prefix + ".Period", query.Period);
        }
    }

    public static void AddTags(QueryParameters parameters, IReadOnlyList<Tag> tags)
    {
        for (var i = 0; i < tags.Count; i++)
        {
            parameters.Add($"Tags.member.{i + 1}.Key", tags[i].Key).Add($"Tags.member.{i + 1}.Value", tags[i].Value);
        }
    }

    private static void AddDimensions(QueryParameters parameters, string name, IReadOnlyList<Dimension> dimensions)
    {
        for (var i = 0; i < dimensions.Count; i++)
        {
            parameters.Add($"{name}.member.{i + 1}.Name", dimensions[i].Name).Add($"{name}.member.{i + 1}.Value", dimensions[i].Value);
        }
    }

    public static MetricAlarm ToMetricAlarm(XElement alarm) => new()
    {
        AlarmName = alarm.Text("AlarmName") ?? string.Empty,
        AlarmArn = alarm.Text("AlarmArn"),
        AlarmDescription = alarm.Text("AlarmDescription"),
        ActionsEnabled = alarm.Bool("ActionsEnabled") ?? true,
        OKActions = Strings(alarm, "OKActions"),
        AlarmActions = Strings(alarm, "AlarmActions"),
        InsufficientDataActions = Strings(alarm, "InsufficientDataActions"),
        StateValue = alarm.Text("StateValue"),
        MetricName = alarm.Text("MetricName"),
        Namespace = alarm.Text("Namespace"),
        Statistic = alarm.Text("Statistic"),
        ExtendedStatistic = alarm.Text("ExtendedStatistic"),
        Dimensions = Dimensions(alarm),
        Period = alarm.Int("Period"),
        Unit = alarm.Text("Unit"),
        EvaluationPeriods = alarm.Int("EvaluationPeriods") ?? 0,
        DatapointsToAlarm = alarm.Int("DatapointsToAlarm"),
        Threshold = alarm.Double("Threshold"),
        ComparisonOperator = alarm.Text("ComparisonOperator") ?? string.Empty,
        TreatMissingData = alarm.Text("TreatMissingData"),
        Metrics = [.. alarm.Members("Metrics").Select(ToMetricDataQuery)],
    };

    private static MetricDataQuery ToMetricDataQuery(XElement query)
    {
        var stat = query.Child("MetricStat");
        var metric = stat.Child("Metric");
        return new MetricDataQuery(
            query.Text("Id") ?? string.Empty,
            query.Text("Expression"),
            stat is null
                ? null
                : new MetricStat(
                    metric.Text("Namespace") ?? string.Empty,
                    metric.Text("MetricName") ?? string.Empty,
                    Dimensions(metric),
                    stat.Int("Period") ?? 0,
                    stat.Text("Stat") ?? string.Empty,
                    stat.Text("Unit")),
            query.Text("Label"),
            // CloudWatch omits ReturnData when it is the default, true.
            query.Bool("ReturnData") ?? true,
            query.Int("Period"));
    }

    private static IReadOnlyList<string> Strings(XElement element, string name) => [.. element.Members(name).Select(m => m.Value)];

    private static IReadOnlyList<Dimension> Dimensions(XElement? element) =>
        [.. element.Members("Dimensions").Select(d => new Dimension(d.Text("Name") ?? string.Empty, d.Text("Value") ?? string.Empty))];
}
