using System.Globalization;
using Reconciler.Policies.Yaml;

namespace Reconciler.Policies;

/// <summary>Reads spec.alarms: the shared SNS actions and the alarm rules per resource type.</summary>
internal static class AlarmsReader
{
    private static readonly string[] AlarmsKeys = ["actions", "adopt", "lambda", "apiGateway"];
    private static readonly string[] ActionsKeys = ["alarm", "ok", "insufficientData"];
    private static readonly string[] RuleKeys =
        ["name", "metric", "statistic", "threshold", "comparison", "period", "evaluationPeriods", "datapointsToAlarm", "treatMissingData"];

    /// <summary>CloudWatch PutMetricAlarm accepts at most five actions per state.</summary>
    private const int MaxActions = 5;

    public static AlarmsSpec? Read(PolicyNodeReader reader, YamlValue? node, IReadOnlyList<ResourceType> resourceTypes)
    {
        var none = new AlarmActions([], [], []);
        if (node is null)
        {
            return new AlarmsSpec(none, [], [], PolicyDefaults.Adopt);
        }

        var alarms = reader.Mapping(node, "spec.alarms", AlarmsKeys);
        if (alarms is null)
        {
            return null;
        }

        var actions = alarms["actions"] is { } actionsNode ? ReadActions(reader, actionsNode) : none;
        var adopt = PolicyDocumentReader.Optional(alarms["adopt"], value => reader.Boolean(value, "spec.alarms.adopt"), PolicyDefaults.Adopt);
        var lambda = ReadRules(reader, alarms["lambda"], "spec.alarms.lambda", ResourceType.LambdaFunction, resourceTypes);
        var apiGateway = ReadRules(reader, alarms["apiGateway"], "spec.alarms.apiGateway", ResourceType.ApiGatewayStage, resourceTypes);
        return actions is null || lambda is null || apiGateway is null ? null : new AlarmsSpec(actions, lambda, apiGateway, adopt);
    }

    private static AlarmActions? ReadActions(PolicyNodeReader reader, YamlValue node)
    {
        var actions = reader.Mapping(node, "spec.alarms.actions", ActionsKeys);
        if (actions is null)
        {
            return null;
        }

        var alarm = ReadTopics(reader, actions["alarm"], "spec.alarms.actions.alarm");
        var ok = ReadTopics(reader, actions["ok"], "spec.alarms.actions.ok");
        var insufficientData = ReadTopics(reader, actions["insufficientData"], "spec.alarms.actions.insufficientData");
        return alarm is null || ok is null || insufficientData is null ? null : new AlarmActions(alarm, ok, insufficientData);
    }

    private static IReadOnlyList<string>? ReadTopics(PolicyNodeReader reader, YamlValue? node, string path)
    {
        if (node is null)
        {
            return [];
        }

        var topics = reader.StringList(node, path, (arn, at, itemPath) => SnsArns.Check(reader, arn, at, itemPath, SnsTopicUse.AlarmAction));
        if (topics is null)
        {
            return null;
        }

        if (topics.Count > MaxActions)
        {
            reader.Error(node, path, $"{topics.Count} topics; CloudWatch allows at most {MaxActions} actions per alarm state");
            return null;
        }

        if (topics.Distinct(StringComparer.Ordinal).Count() != topics.Count)
        {
            reader.Error(node, path, "a topic is listed twice; remove the duplicate");
            return null;
        }

        return [.. topics.Order(StringComparer.Ordinal)];
    }

    private static List<AlarmRule>? ReadRules(
        PolicyNodeReader reader, YamlValue? node, string path, ResourceType type, IReadOnlyList<ResourceType> resourceTypes)
    {
        if (node is null)
        {
            return [];
        }

        var sequence = reader.Sequence(node, path);
        if (sequence is null)
        {
            return null;
        }

        if (sequence.Items.Count > 0)
        {
            PolicyDocumentReader.RequireSelected(reader, node, path, type, resourceTypes);
        }

        var rules = new List<AlarmRule>();
        var namesSeen = new Dictionary<string, YamlValue>(StringComparer.Ordinal);
        var ok = true;
        for (var i = 0; i < sequence.Items.Count; i++)
        {
            var rule = ReadRule(reader, sequence.Items[i], $"{path}[{i}]", type, namesSeen);
            if (rule is null)
            {
                ok = false;
                continue;
            }

            rules.Add(rule);
        }

        return ok ? rules : null;
    }

    private static AlarmRule? ReadRule(
        PolicyNodeReader reader, YamlValue node, string path, ResourceType type, Dictionary<string, YamlValue> namesSeen)
    {
        var errorsBefore = reader.ErrorCount;
        var rule = reader.Mapping(node, path, RuleKeys);
        if (rule is null)
        {
            return null;
        }

        var name = Required(reader, rule, path, "name", "name: error-rate", value =>
            reader.String(value, $"{path}.name") is { } text &&
            PolicyDocumentReader.CheckName(reader, text, value, $"{path}.name", PolicySyntax.MaxAlarmNameLength) ? text : null);
        if (name is not null)
        {
            if (namesSeen.TryGetValue(name, out var first))
            {
                reader.Error(rule["name"]!, $"{path}.name",
                    $"alarm name \"{name}\" is already used at line {first.Line} for the same resource type; alarm names must be unique per resource type");
            }
            else
            {
                namesSeen[name] = rule["name"]!;
            }
        }

        var validMetrics = MetricCatalog.AlarmMetrics(type);
        var metric = Required(reader, rule, path, "metric", $"metric: {validMetrics[0]}", value =>
            reader.String(value, $"{path}.metric") is { } text && CheckMetric(reader, text, value, $"{path}.metric", validMetrics, type) ? text : null);
        var threshold = Required(reader, rule, path, "threshold", "threshold: <number>", value => reader.Number(value, $"{path}.threshold"));

        var statistic = ReadStatistic(reader, rule, path, metric);
        var comparison = PolicyDocumentReader.Optional(rule["comparison"],
            value => reader.Enum(value, $"{path}.comparison", PolicyVocabulary.Comparisons), PolicyDefaults.Comparison);
        var period = PolicyDocumentReader.Optional(rule["period"], value => ReadPeriod(reader, value, $"{path}.period"), PolicyDefaults.Period);
        var evaluationPeriods = PolicyDocumentReader.Optional(rule["evaluationPeriods"],
            value => reader.Integer(value, $"{path}.evaluationPeriods", 1), PolicyDefaults.EvaluationPeriods);
        var datapointsToAlarm = PolicyDocumentReader.Optional(rule["datapointsToAlarm"],
            value => reader.Integer(value, $"{path}.datapointsToAlarm", 1), PolicyDefaults.DatapointsToAlarm(evaluationPeriods));
        var treatMissingData = PolicyDocumentReader.Optional(rule["treatMissingData"],
            value => reader.Enum(value, $"{path}.treatMissingData", PolicyVocabulary.MissingData), PolicyDefaults.MissingData);

        if (rule["datapointsToAlarm"] is { } datapointsNode && datapointsToAlarm > evaluationPeriods)
        {
            reader.Error(datapointsNode, $"{path}.datapointsToAlarm", string.Create(CultureInfo.InvariantCulture,
                $"{datapointsToAlarm} is more than evaluationPeriods ({evaluationPeriods}); it must be between 1 and evaluationPeriods"));
        }

        var evaluationSeconds = (long)evaluationPeriods * period;
        var maxEvaluationSeconds = PolicySyntax.MaxEvaluationSecondsFor(period);
        if (evaluationSeconds > maxEvaluationSeconds)
        {
            var limit = period < PolicySyntax.LongPeriodSeconds
                ? $"with a period under {PolicySyntax.LongPeriodSeconds} seconds CloudWatch allows at most {PolicySyntax.MaxShortPeriodEvaluationSeconds} (one day); " +
                  $"use fewer evaluationPeriods, or a period of {PolicySyntax.LongPeriodSeconds} or more, which may evaluate up to {PolicySyntax.MaxEvaluationSeconds} (seven days)"
                : $"CloudWatch allows at most {PolicySyntax.MaxEvaluationSeconds} (seven days); use fewer evaluationPeriods or a shorter period";
            reader.Error(rule["evaluationPeriods"] ?? rule["period"] ?? rule.Mapping, path, string.Create(CultureInfo.InvariantCulture,
                $"evaluationPeriods * period = {evaluationSeconds} seconds; {limit}"));
        }

        if (reader.ErrorCount != errorsBefore || name is null || metric is null || threshold is null || statistic is null)
        {
            return null;
        }

        return new AlarmRule(name, metric, statistic, threshold.Value, comparison, period, evaluationPeriods, datapointsToAlarm,
            treatMissingData, new PolicySource(reader.File, node.Line, node.Column));
    }

    private static string? ReadStatistic(PolicyNodeReader reader, MappingFields rule, string path, string? metric)
    {
        if (rule["statistic"] is not { } node)
        {
            return metric is null ? null : PolicyDefaults.Statistic(metric);
        }

        if (metric == MetricCatalog.ErrorRate)
        {
            reader.Error(node, $"{path}.statistic",
                "ErrorRate takes no statistic (it is 100 * Sum(Errors) / Sum(Invocations)); remove statistic");
            return null;
        }

        return reader.String(node, $"{path}.statistic") is { } text && StatisticCheck(reader, text, node, $"{path}.statistic") ? text : null;
    }

    /// <summary>Statistic names shared by alarms and widgets.</summary>
    internal static bool StatisticCheck(PolicyNodeReader reader, string statistic, YamlValue at, string path)
    {
        if (PolicySyntax.IsStatistic(statistic))
        {
            return true;
        }

        string[] named = ["Sum", "Average", "Minimum", "Maximum", "SampleCount"];
        var suggestion = Spelling.Suggest(statistic, named);
        var didYouMean = suggestion is null ? string.Empty : $"did you mean \"{suggestion}\"? ";
        reader.Error(at, path,
            $"\"{statistic}\" is not a statistic; {didYouMean}use Sum, Average, Minimum, Maximum, SampleCount or a percentile pNN or pNN.N between 0 and 100 (e.g. p99, p99.9)");
        return false;
    }

    internal static bool CheckMetric(PolicyNodeReader reader, string metric, YamlValue at, string path, IReadOnlyList<string> valid, ResourceType type)
    {
        if (valid.Contains(metric))
        {
            return true;
        }

        var what = type == ResourceType.LambdaFunction ? "a Lambda function" : "an API Gateway REST stage";
        var suggestion = Spelling.Suggest(metric, valid);
        var didYouMean = suggestion is null ? string.Empty : $"did you mean \"{suggestion}\"? ";
        reader.Error(at, path, $"\"{metric}\" is not a metric of {what}; {didYouMean}valid: {string.Join(", ", valid)}");
        return false;
    }

    private static int? ReadPeriod(PolicyNodeReader reader, YamlValue value, string path)
    {
        var period = reader.Integer(value, path, 1);
        if (period is null || PolicySyntax.IsValidPeriod(period.Value))
        {
            return period;
        }

        reader.Error(value, path, period is 10 or 20 or 30
            ? string.Create(CultureInfo.InvariantCulture, $"{period} seconds is too short: Lambda and API Gateway publish these metrics once a minute, so the alarm would lapse into INSUFFICIENT_DATA and be billed as high resolution; use 60 or another multiple of 60")
            : string.Create(CultureInfo.InvariantCulture, $"{period} seconds is not a valid period; use a multiple of 60 (60, 300, 3600, ...). CloudWatch also takes 10, 20 and 30, but only for high-resolution metrics, and Lambda and API Gateway publish once a minute"));
        return null;
    }

    private static T? Required<T>(PolicyNodeReader reader, MappingFields rule, string path, string key, string example, Func<YamlValue, T?> read)
    {
        if (rule[key] is { } value)
        {
            return read(value);
        }

        reader.Error(rule.Mapping, path, $"\"{key}\" is missing; add {example}");
        return default;
    }
}
