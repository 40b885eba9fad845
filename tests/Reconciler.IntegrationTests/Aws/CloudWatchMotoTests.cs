using Reconciler.Aws;
using Reconciler.IntegrationTests.Harness;

namespace Reconciler.IntegrationTests.Aws;

[Collection(MotoTests.Name)]
public sealed class CloudWatchMotoTests(MotoFixture moto)
{
    [Fact]
    public async Task PutMetricAlarm_MetricMath_IsReadBackIntactByDescribeAlarms()
    {
        var name = "math-" + MotoFixture.UniqueSuffix();
        var request = ErrorRateAlarm(name);
        using var clients = moto.CreateClients();

        await clients.CloudWatch.PutMetricAlarmAsync(request, CancellationToken.None);
        var alarm = Assert.Single(await LambdaAndTaggingMotoTests.ToListAsync(
            clients.CloudWatch.DescribeAlarmsAsync(new DescribeAlarmsRequest(AlarmNamePrefix: name), CancellationToken.None)));

        Assert.Equal(name, alarm.AlarmName);
        Assert.Equal(request.AlarmDescription, alarm.AlarmDescription);
        Assert.Equal(request.AlarmActions, alarm.AlarmActions);
        Assert.Equal(5, alarm.EvaluationPeriods);
        Assert.Equal(3, alarm.DatapointsToAlarm);
        Assert.Equal(5.5, alarm.Threshold);
        Assert.Equal("GreaterThanThreshold", alarm.ComparisonOperator);
        Assert.Equal("notBreaching", alarm.TreatMissingData);
        Assert.Null(alarm.MetricName);
        Assert.Equal(3, alarm.Metrics.Count);
        var errors = alarm.Metrics.Single(m => m.Id == "errors");
        Assert.NotNull(errors.MetricStat);
        Assert.Equal(("AWS/Lambda", "Errors", 60, "Sum"), (errors.MetricStat.Namespace, errors.MetricStat.MetricName, errors.MetricStat.Period, errors.MetricStat.Stat));
        Assert.Equal([new Dimension("FunctionName", "fn-" + name)], errors.MetricStat.Dimensions);
        Assert.False(errors.ReturnData);
        var rate = alarm.Metrics.Single(m => m.Id == "rate");
        Assert.Equal("100 * errors / MAX([errors, invocations])", rate.Expression);
        Assert.Equal("Error rate", rate.Label);
        Assert.True(rate.ReturnData);
        Assert.StartsWith("arn:aws:cloudwatch:", alarm.AlarmArn, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DescribeAlarms_250Alarms_FollowsNextTokenThenDeleteAlarmsRemovesThem()
    {
        var prefix = "many-" + MotoFixture.UniqueSuffix() + "-";
        using var clients = moto.CreateClients();
        var names = Enumerable.Range(0, 250).Select(i => $"{prefix}{i:D3}").ToList();
        foreach (var name in names)
        {
            await clients.CloudWatch.PutMetricAlarmAsync(SimpleAlarm(name), CancellationToken.None);
        }

        var listed = await LambdaAndTaggingMotoTests.ToListAsync(
            clients.CloudWatch.DescribeAlarmsAsync(new DescribeAlarmsRequest(AlarmNamePrefix: prefix), CancellationToken.None));
        foreach (var batch in names.Chunk(100))
        {
            await clients.CloudWatch.DeleteAlarmsAsync(batch, CancellationToken.None);
        }

        var remaining = await LambdaAndTaggingMotoTests.ToListAsync(
            clients.CloudWatch.DescribeAlarmsAsync(new DescribeAlarmsRequest(AlarmNamePrefix: prefix), CancellationToken.None));
        Assert.Equal(names, listed.Select(a => a.AlarmName).Order(StringComparer.Ordinal));
        Assert.Equal(2.0, listed[0].Threshold);
        Assert.Equal([new Dimension("FunctionName", "f")], listed[0].Dimensions);
        Assert.Empty(remaining);
        var describe = clients.Counters.Snapshot().Single(c => c.Operation == "DescribeAlarms");
        Assert.True(describe.Calls >= 4, $"expected 3 pages plus the final check, got {describe.Calls} calls");
    }

    [Fact]
    public async Task Dashboards_PutGetListAndMissing_RoundTrip()
    {
        var name = "dash-" + MotoFixture.UniqueSuffix();
        const string body = """{"widgets":[{"type":"text","x":0,"y":0,"width":6,"height":2,"properties":{"markdown":"managed-by: reconciler"}}]}""";
        using var clients = moto.CreateClients();

        var messages = await clients.CloudWatch.PutDashboardAsync(name, body, CancellationToken.None);
        var read = await clients.CloudWatch.GetDashboardAsync(name, CancellationToken.None);
        var listed = await LambdaAndTaggingMotoTests.ToListAsync(clients.CloudWatch.ListDashboardsAsync(name, CancellationToken.None));
        var missing = await clients.CloudWatch.GetDashboardAsync(name + "-missing", CancellationToken.None);

        Assert.Empty(messages);
        Assert.NotNull(read);
        Assert.Equal(body, read.DashboardBody);
        Assert.Equal(name, Assert.Single(listed).DashboardName);
        Assert.Equal(read.DashboardArn, listed[0].DashboardArn);
        Assert.Null(missing);
        var getDashboard = clients.Counters.Snapshot().Single(count => count.Operation == "GetDashboard");
        Assert.Equal((2L, 0L), (getDashboard.Calls, getDashboard.Failures));
    }

    [Fact]
    public async Task TagResource_OnAlarm_TagsAreStored()
    {
        var name = "tagged-" + MotoFixture.UniqueSuffix();
        using var clients = moto.CreateClients();
        await clients.CloudWatch.PutMetricAlarmAsync(SimpleAlarm(name), CancellationToken.None);
        var arn = (await LambdaAndTaggingMotoTests.ToListAsync(clients.CloudWatch.DescribeAlarmsAsync(new DescribeAlarmsRequest(AlarmNames: [name]), CancellationToken.None))).Single().AlarmArn!;

        await clients.CloudWatch.TagResourceAsync(arn, [new Tag("managed-by", "reconciler"), new Tag("policy", name)], CancellationToken.None);

        var tagged = await LambdaAndTaggingMotoTests.ToListAsync(clients.Tagging.GetResourcesAsync(
            new GetResourcesRequest([new TagFilter("policy", [name])], ["cloudwatch:alarm"]), CancellationToken.None));
        Assert.Equal("reconciler", Assert.Single(tagged).Tags["managed-by"]);
    }

    internal static PutMetricAlarmRequest SimpleAlarm(string name) => new()
    {
        AlarmName = name,
        Namespace = "AWS/Lambda",
        MetricName = "Errors",
        Statistic = "Sum",
        Dimensions = [new Dimension("FunctionName", "f")],
        Period = 60,
        EvaluationPeriods = 1,
        Threshold = 2,
        ComparisonOperator = "GreaterThanThreshold",
    };

    internal static PutMetricAlarmRequest ErrorRateAlarm(string name) => new()
    {
        AlarmName = name,
        AlarmDescription = "managed-by: reconciler; policy: test",
        AlarmActions = [$"arn:aws:sns:{MotoFixture.Region}:{MotoFixture.AccountId}:ops-alerts"],
        EvaluationPeriods = 5,
        DatapointsToAlarm = 3,
        Threshold = 5.5,
        ComparisonOperator = "GreaterThanThreshold",
        TreatMissingData = "notBreaching",
        Metrics =
        [
            new MetricDataQuery("errors", null, new MetricStat("AWS/Lambda", "Errors", [new Dimension("FunctionName", "fn-" + name)], 60, "Sum"), null, false),
            new MetricDataQuery("invocations", null, new MetricStat("AWS/Lambda", "Invocations", [new Dimension("FunctionName", "fn-" + name)], 60, "Sum"), null, false),
            new MetricDataQuery("rate", "100 * errors / MAX([errors, invocations])", null, "Error rate", true),
        ],
        Tags = [new Tag("managed-by", "reconciler")],
    };
}
