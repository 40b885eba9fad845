using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Reconciler.Kinds.Alarms;
using Reconciler.Planning;
using Reconciler.Policies;
using static Reconciler.Tests.Planning.PlanningFixtures;

namespace Reconciler.Tests.Planning;

public class AlarmRenderingTests
{
    private static AlarmDefinition Render(string name) => DesiredAlarms(Policy())[name];

    [Fact]
    public void Render_ErrorRate_IsMetricMathSafeWithoutInvocations()
    {
        var alarm = Render("reconciler-project-management-ManageProjects-error-rate");

        Assert.Null(alarm.MetricName);
        Assert.Null(alarm.Namespace);
        Assert.Null(alarm.Period);
        Assert.Null(alarm.Statistic);
        AssertLines(["errors", "invocations", "error_rate"], alarm.Metrics.Select(m => m.Id));
        foreach (var (id, metric) in new[] { ("errors", "Errors"), ("invocations", "Invocations") })
        {
            var query = alarm.Metrics.Single(m => m.Id == id);
            Assert.False(query.ReturnData);
            Assert.Equal(new MetricStat("AWS/Lambda", metric, query.MetricStat!.Dimensions, 60, "Sum"), query.MetricStat);
            Assert.Equal([new MetricDimension("FunctionName", "ManageProjects")], query.MetricStat.Dimensions);
        }

        var expression = alarm.Metrics.Single(m => m.Id == "error_rate");
        Assert.True(expression.ReturnData);
        Assert.Equal("IF(invocations > 0, 100 * errors / invocations, 0)", expression.Expression);
        Assert.False(string.IsNullOrEmpty(expression.Label));
        Assert.Equal(5, alarm.Threshold);
        Assert.Equal(3, alarm.DatapointsToAlarm);
        Assert.Equal("notBreaching", alarm.TreatMissingData);
    }

    [Theory]
    [InlineData("reconciler-project-management-ManageProjects-latency", "AWS/Lambda", "Duration", null, "p99", "FunctionName=ManageProjects")]
    [InlineData("reconciler-project-management-ProjectManagementAPI/prod-5xx-rate", "AWS/ApiGateway", "5XXError", "Average", null, "ApiName=ProjectManagementAPI,Stage=prod")]
    [InlineData("reconciler-project-management-ProjectManagementAPI/dev-latency", "AWS/ApiGateway", "Latency", null, "p99", "ApiName=ProjectManagementAPI,Stage=dev")]
    public void Render_SingleMetricRule_NamespaceDimensionsAndStatistic(
        string name, string wantNamespace, string wantMetric, string? wantStatistic, string? wantExtended, string wantDimensions)
    {
        var alarm = Render(name);

        Assert.Equal(wantNamespace, alarm.Namespace);
        Assert.Equal(wantMetric, alarm.MetricName);
        Assert.Equal(wantStatistic, alarm.Statistic);
        Assert.Equal(wantExtended, alarm.ExtendedStatistic);
        Assert.Equal(wantDimensions, string.Join(',', alarm.Dimensions.Select(d => $"{d.Name}={d.Value}")));
        Assert.Equal(60, alarm.Period);
        Assert.Empty(alarm.Metrics);
    }

    [Theory]
    [InlineData("Sum", true)]
    [InlineData("Average", true)]
    [InlineData("Minimum", true)]
    [InlineData("Maximum", true)]
    [InlineData("SampleCount", true)]
    [InlineData("p99", false)]
    [InlineData("p99.9", false)]
    [InlineData("p50", false)]
    public void IsPlainStatistic_Name_PercentilesAreExtended(string statistic, bool want) =>
        Assert.Equal(want, AlarmRendering.IsPlainStatistic(statistic));

    [Fact]
    public void Render_AnyAlarm_CarriesMarkerTagsAndSortedActions()
    {
        var policy = Policy() with
        {
            Alarms = Policy().Alarms with { Actions = new AlarmActions(["arn:z", "arn:a", "arn:z"], ["arn:ok"], []) },
        };

        var alarm = DesiredAlarms(policy)["reconciler-project-management-UploadFile-latency"];

        Assert.Equal(["arn:a", "arn:z"], alarm.AlarmActions);
        Assert.Equal(["arn:ok"], alarm.OkActions);
        Assert.True(OwnershipMarker.TryReadOwner(alarm.AlarmDescription, out var owner));
        Assert.Equal("project-management", owner);
        Assert.Equal([new ResourceTag("managed-by", "observability-reconciler"), new ResourceTag("reconciler:owner", "reconciler"), new ResourceTag("reconciler:policy", "project-management")], alarm.Tags);
        Assert.DoesNotContain("2000", alarm.AlarmName, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ErrorRateOnApiStages_NoAlarmAndANotice()
    {
        var policy = Policy() with { Alarms = Policy().Alarms with { Lambda = [], ApiGateway = [ErrorRateRule] } };

        var plan = Planner.CreatePlan([policy], Observe(), Options);

        Assert.DoesNotContain(plan.Changes, c => c.Kind == ChangeKind.Alarm);
        Assert.Contains(plan.Notices, n => n.Message.Contains("ErrorRate, which exists for Lambda functions only", StringComparison.Ordinal));
    }

    [Fact]
    public void Render_ErrorRateOfManageProjects_MatchesGoldenFile()
    {
        var alarm = Render("reconciler-project-management-ManageProjects-error-rate");

        Golden.AssertMatches("error-rate-alarm.json", ToPutMetricAlarmJson(alarm));
    }

    /// <summary>The alarm as PutMetricAlarm's JSON-shaped input, for the golden file.</summary>
    internal static string ToPutMetricAlarmJson(AlarmDefinition alarm)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            void Strings(string name, IReadOnlyList<string> values)
            {
                w.WriteStartArray(name);
                foreach (var value in values)
                {
                    w.WriteStringValue(value);
                }

                w.WriteEndArray();
            }

            void Dimensions(IReadOnlyList<MetricDimension> dimensions)
            {
                w.WriteStartArray("Dimensions");
                foreach (var d in dimensions)
                {
                    w.WriteStartObject();
                    w.WriteString("Name", d.Name);
                    w.WriteString("Value", d.Value);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            w.WriteStartObject();
            w.WriteString("AlarmName", alarm.AlarmName);
            w.WriteString("AlarmDescription", alarm.AlarmDescription);
            w.WriteBoolean("ActionsEnabled", alarm.ActionsEnabled);
            Strings("AlarmActions", alarm.AlarmActions);
            Strings("OKActions", alarm.OkActions);
            Strings("InsufficientDataActions", alarm.InsufficientDataActions);
            if (alarm.MetricName is not null)
            {
                w.WriteString("Namespace", alarm.Namespace);
                w.WriteString("MetricName", alarm.MetricName);
                w.WriteString(alarm.Statistic is null ? "ExtendedStatistic" : "Statistic", alarm.Statistic ?? alarm.ExtendedStatistic);
                Dimensions(alarm.Dimensions);
                w.WriteNumber("Period", alarm.Period!.Value);
            }

            w.WriteNumber("EvaluationPeriods", alarm.EvaluationPeriods);
            w.WriteNumber("DatapointsToAlarm", alarm.DatapointsToAlarm!.Value);
            w.WriteNumber("Threshold", alarm.Threshold!.Value);
            w.WriteString("ComparisonOperator", alarm.ComparisonOperator);
            w.WriteString("TreatMissingData", alarm.TreatMissingData);
            w.WriteStartArray("Metrics");
            foreach (var query in alarm.Metrics)
            {
                w.WriteStartObject();
                w.WriteString("Id", query.Id);
                if (query.MetricStat is { } stat)
                {
                    w.WriteStartObject("MetricStat");
                    w.WriteStartObject("Metric");
                    w.WriteString("Namespace", stat.Namespace);
                    w.WriteString("MetricName", stat.MetricName);
                    Dimensions(stat.Dimensions);
                    w.WriteEndObject();
                    w.WriteNumber("Period", stat.Period);
                    w.WriteString("Stat", stat.Stat);
                    w.WriteEndObject();
                }

                if (query.Expression is not null)
                {
                    w.WriteString("Expression", query.Expression);
                }

                if (query.Label is not null)
                {
                    w.WriteString("Label", query.Label);
                }

                w.WriteBoolean("ReturnData", query.ReturnData);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("Tags");
            foreach (var tag in alarm.Tags)
            {
                w.WriteStartObject();
                w.WriteString("Key", tag.Key);
                w.WriteString("Value", tag.Value);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan) + "\n";
    }
}
