using Reconciler.Planning;
using Reconciler.Policies;

namespace Reconciler.Kinds.Alarms;

/// <summary>One alarm a policy wants: which rule of which policy, for which resource, in PutMetricAlarm's shape.</summary>
internal sealed record DesiredAlarm(
    ObservabilityPolicy Policy,
    ResourceType ResourceType,
    string ResourceArn,
    string ResourceName,
    string RuleName,
    AlarmDefinition Definition);

/// <summary>
/// Renders a policy's alarm rules into one <see cref="AlarmDefinition"/> per (rule, selected resource).
/// </summary>
internal static class AlarmRendering
{
    /// <summary>The expression; IF keeps it defined (0) in periods without invocations instead of dividing by 0.</summary>
    public const string ErrorRateExpression = "IF(invocations > 0, 100 * errors / invocations, 0)";

    private static readonly HashSet<string> PlainStatistics =
        new(["Sum", "Average", "Minimum", "Maximum", "SampleCount"], StringComparer.Ordinal);

    /// <summary>Every alarm the policy wants for its selected resources; notices for rules that cannot render.</summary>
    public static IReadOnlyList<DesiredAlarm> Render(
        PolicySelection selection, PlanningOptions options, ICollection<PlanNotice> notices)
    {
        var policy = selection.Policy;
        var alarms = new List<DesiredAlarm>();

        foreach (var rule in policy.Alarms.Lambda)
        {
            foreach (var function in selection.Functions)
            {
                var name = AlarmNaming.ForFunction(options.AlarmNamePrefix, policy.Name, function.FunctionName, rule.Name);
                var dimensions = new[] { new MetricDimension(MetricCatalog.FunctionNameDimension, function.FunctionName) };
                var purpose = $"Rule {rule.Name} ({rule.Metric}) on Lambda function {function.FunctionName}.";
                var definition = IsErrorRate(rule)
                    ? ErrorRateAlarm(policy, options.Owner, rule, name, purpose, dimensions)
                    : SingleMetricAlarm(policy, options.Owner, rule, name, purpose, MetricCatalog.LambdaNamespace, dimensions);
                alarms.Add(new DesiredAlarm(
                    policy, ResourceType.LambdaFunction, function.Arn, function.FunctionName, rule.Name, definition));
            }
        }

        foreach (var rule in policy.Alarms.ApiGateway)
        {
            if (IsErrorRate(rule))
            {
                // The validator should refuse this; if it slips through, an alarm on a metric that does not exist
                // would sit in INSUFFICIENT_DATA forever, so say so instead of creating it.
                notices.Add(new PlanNotice(policy.Name, $"Alarm rule {rule.Name} ({rule.Source}) uses {MetricCatalog.ErrorRate}, which exists for Lambda functions only; no alarm rendered for API stages. Use 5XXError with statistic Average for an API error rate."));
                continue;
            }

            foreach (var stage in selection.Stages)
            {
                var name = AlarmNaming.ForStage(options.AlarmNamePrefix, policy.Name, stage.ApiName, stage.StageName, rule.Name);
                var dimensions = new[] { new MetricDimension(MetricCatalog.ApiNameDimension, stage.ApiName), new MetricDimension(MetricCatalog.StageDimension, stage.StageName) };
                var purpose = $"Rule {rule.Name} ({rule.Metric}) on API Gateway stage {stage.DisplayName}.";
                var definition = SingleMetricAlarm(policy, options.Owner, rule, name, purpose, MetricCatalog.ApiGatewayNamespace, dimensions);
                alarms.Add(new DesiredAlarm(
                    policy, ResourceType.ApiGatewayStage, stage.Arn, stage.Label, rule.Name, definition));
            }
        }

        return alarms;
    }

    /// <summary>True for CloudWatch's named statistics; anything else (p99, p99.9) is an ExtendedStatistic.</summary>
    public static bool IsPlainStatistic(string statistic) => PlainStatistics.Contains(statistic);

    private static bool IsErrorRate(AlarmRule rule) => string.Equals(rule.Metric, MetricCatalog.ErrorRate, StringComparison.Ordinal);

    private static AlarmDefinition SingleMetricAlarm(
        ObservabilityPolicy policy, string owner, AlarmRule rule, string name, string purpose, string metricNamespace, MetricDimension[] dimensions)
    {
        var plain = IsPlainStatistic(rule.Statistic);
        return Common(policy, owner, rule, name, purpose) with
        {
            Namespace = metricNamespace,
            MetricName = rule.Metric,
            Statistic = plain ? rule.Statistic : null,
            ExtendedStatistic = plain ? null : rule.Statistic,
            Dimensions = [.. dimensions.OrderBy(d => d.Name, StringComparer.Ordinal)],
            Period = rule.Period,
        };
    }

    private static AlarmDefinition ErrorRateAlarm(
        ObservabilityPolicy policy, string owner, AlarmRule rule, string name, string purpose, MetricDimension[] dimensions)
    {
        MetricDataQuery Read(string id, string metricName) => new()
        {
            Id = id,
            MetricStat = new MetricStat(MetricCatalog.LambdaNamespace, metricName, dimensions, rule.Period, "Sum"),
            ReturnData = false,
        };

        return Common(policy, owner, rule, name, purpose) with
        {
            Metrics =
            [
                Read("errors", "Errors"),
                Read("invocations", "Invocations"),
                new MetricDataQuery
                {
                    Id = "error_rate",
                    Expression = ErrorRateExpression,
                    Label = "Error rate (%)",
                    ReturnData = true,
                },
            ],
        };
    }

    private static AlarmDefinition Common(ObservabilityPolicy policy, string owner, AlarmRule rule, string name, string purpose) => new()
    {
        AlarmName = name,
        AlarmDescription = OwnershipMarker.AlarmDescription(owner, policy.Name, purpose),
        ActionsEnabled = true,
        AlarmActions = SortedActions(policy.Alarms.Actions.Alarm),
        OkActions = SortedActions(policy.Alarms.Actions.Ok),
        InsufficientDataActions = SortedActions(policy.Alarms.Actions.InsufficientData),
        EvaluationPeriods = rule.EvaluationPeriods,
        DatapointsToAlarm = rule.DatapointsToAlarm,
        Threshold = rule.Threshold,
        ComparisonOperator = PolicyVocabulary.ComparisonName(rule.Comparison),
        TreatMissingData = PolicyVocabulary.MissingDataName(rule.TreatMissingData),
        Tags = OwnershipMarker.Tags(owner, policy.Name),
    };

    private static string[] SortedActions(IReadOnlyList<string> actions) =>
        [.. actions.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
}
