using Reconciler.Aws;
using Reconciler.IntegrationTests.Engine;
using Reconciler.IntegrationTests.Harness;

namespace Reconciler.IntegrationTests.Aws;

/// <summary>
/// The launcher's strict mode (tools/moto/run_moto.py --strict, rules S1-S10) refuses what AWS refuses, with AWS's
/// code, status and wording. <see cref="DefaultMotoLeniencyTests"/> shows the default launcher accepting the same
/// requests, so each rule's difference is visible.
/// </summary>
[Collection(StrictMotoGroup.Name)]
public sealed class StrictMotoTests(StrictMotoFixture moto)
{
    private const string XRayRefusal = "The provided execution role does not have permissions to call PutTraceSegments on XRAY";

    [Fact]
    public async Task UpdateFunctionConfiguration_ActiveWithRoleLackingXRay_Refused400InvalidParameterValue()
    {
        var name = "strict-noxray-" + MotoFixture.UniqueSuffix();
        var role = await moto.Seeder.CreateExecutionRoleAsync(name + "-role", ExecutionRoleXRay.None);
        await moto.Seeder.CreateFunctionAsync(name, new Dictionary<string, string> { ["app"] = name }, "PassThrough", role);
        using var clients = moto.CreateClients();

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => clients.Lambda.UpdateFunctionConfigurationAsync(
            new UpdateFunctionConfigurationRequest(name, "Active"), CancellationToken.None));

        Assert.Equal(("InvalidParameterValueException", 400, XRayRefusal), (error.ErrorCode, error.StatusCode, error.ErrorMessage));
        Assert.Equal(AwsErrorKind.Terminal, error.Kind);
        Assert.Equal("PassThrough", (await clients.Lambda.GetFunctionConfigurationAsync(name, CancellationToken.None)).TracingMode);
    }

    [Fact]
    public async Task UpdateFunctionConfiguration_ActiveAfterRoleWasDeleted_Refused400InvalidParameterValue()
    {
        // moto refuses CreateFunction with a role it does not know, so the role goes away afterwards.
        var name = "strict-ghost-" + MotoFixture.UniqueSuffix();
        // It could write traces while it existed, so only its absence makes the difference.
        var role = await moto.Seeder.CreateExecutionRoleAsync(name + "-role", ExecutionRoleXRay.InlinePolicy);
        await moto.Seeder.CreateFunctionAsync(name, new Dictionary<string, string> { ["app"] = name }, "PassThrough", role);
        var cli = new AwsCli(moto.Endpoint);
        await cli.RunAsync("iam", "delete-role-policy", "--role-name", name + "-role", "--policy-name", "xray-write");
        await cli.RunAsync("iam", "delete-role", "--role-name", name + "-role");
        using var clients = moto.CreateClients();

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => clients.Lambda.UpdateFunctionConfigurationAsync(
            new UpdateFunctionConfigurationRequest(name, "Active"), CancellationToken.None));

        Assert.Equal(("InvalidParameterValueException", XRayRefusal), (error.ErrorCode, error.ErrorMessage));
    }

    [Theory]
    [InlineData(ExecutionRoleXRay.ManagedPolicy)]
    [InlineData(ExecutionRoleXRay.InlinePolicy)]
    public async Task UpdateFunctionConfiguration_ActiveWithRoleThatMayWriteTraces_IsAccepted(ExecutionRoleXRay xray)
    {
        var name = $"strict-xray-{xray}-" + MotoFixture.UniqueSuffix();
        var role = await moto.Seeder.CreateExecutionRoleAsync(name + "-role", xray);
        await moto.Seeder.CreateFunctionAsync(name, new Dictionary<string, string> { ["app"] = name }, "PassThrough", role);
        using var clients = moto.CreateClients();

        var updated = await clients.Lambda.UpdateFunctionConfigurationAsync(new UpdateFunctionConfigurationRequest(name, "Active"), CancellationToken.None);

        Assert.Equal("Active", updated.TracingMode);
    }

    [Fact]
    public async Task UpdateFunctionConfiguration_SeederDefaultRole_IsAcceptedSoExistingTestsRunStrict()
    {
        var name = "strict-default-" + MotoFixture.UniqueSuffix();
        await moto.Seeder.CreateFunctionAsync(name, new Dictionary<string, string> { ["app"] = name });
        using var clients = moto.CreateClients();

        var updated = await clients.Lambda.UpdateFunctionConfigurationAsync(new UpdateFunctionConfigurationRequest(name, "Active"), CancellationToken.None);

        Assert.Equal("Active", updated.TracingMode);
    }

    [Fact]
    public async Task UpdateFunctionConfiguration_SecondUpdateWhileFirstInProgress_Refused409ResourceConflict()
    {
        var name = "strict-busy-" + MotoFixture.UniqueSuffix();
        var arn = await moto.Seeder.CreateFunctionAsync(name, new Dictionary<string, string> { ["app"] = name });

        // One attempt: the transport retries a 409 with backoff, and this test is about what the emulator answers.
        using var clients = moto.CreateClients(o => o with { Retry = new AwsRetryOptions(MaxAttempts: 1) });

        var first = await clients.Lambda.UpdateFunctionConfigurationAsync(new UpdateFunctionConfigurationRequest(name, "Active"), CancellationToken.None);
        var error = await Assert.ThrowsAsync<AwsServiceException>(() => clients.Lambda.UpdateFunctionConfigurationAsync(
            new UpdateFunctionConfigurationRequest(name, "PassThrough"), CancellationToken.None));
        var read = await clients.Lambda.GetFunctionConfigurationAsync(name, CancellationToken.None);
        var listed = (await LambdaAndTaggingMotoTests.ToListAsync(clients.Lambda.ListFunctionsAsync(includePublishedVersions: false, CancellationToken.None))).Single(f => f.FunctionName == name);

        Assert.Equal("InProgress", first.LastUpdateStatus);
        Assert.Equal("ResourceConflictException", error.ErrorCode);
        Assert.Equal(409, error.StatusCode);
        Assert.Equal($"The operation cannot be performed at this time. An update is in progress for resource: {arn}", error.ErrorMessage);
        Assert.Equal(("Active", "InProgress"), (read.TracingMode, read.LastUpdateStatus));
        Assert.Equal("InProgress", listed.LastUpdateStatus);
    }

    [Fact]
    public async Task GetFunctionConfiguration_AfterUpdateWindow_ReportsSuccessfulAndTheNextUpdateIsAccepted()
    {
        var name = "strict-settled-" + MotoFixture.UniqueSuffix();
        await moto.Seeder.CreateFunctionAsync(name, new Dictionary<string, string> { ["app"] = name });
        using var clients = moto.CreateClients();
        await clients.Lambda.UpdateFunctionConfigurationAsync(new UpdateFunctionConfigurationRequest(name, "Active"), CancellationToken.None);

        // Waits for the state to change, however long the machine takes; it asserts no duration.
        var deadline = DateTime.UtcNow + StrictMotoFixture.UpdateWindow + TimeSpan.FromSeconds(60);
        FunctionConfiguration read;
        while ((read = await clients.Lambda.GetFunctionConfigurationAsync(name, CancellationToken.None)).LastUpdateStatus == "InProgress" && DateTime.UtcNow < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }

        var next = await clients.Lambda.UpdateFunctionConfigurationAsync(new UpdateFunctionConfigurationRequest(name, "PassThrough"), CancellationToken.None);

        Assert.Equal("Successful", read.LastUpdateStatus);
        Assert.Equal("PassThrough", next.TracingMode);
    }

    [Theory]
    [InlineData("arn:aws:sns:eu-west-1:123456789012:ops-alerts", "Invalid region eu-west-1 specified. Only us-east-1 is supported.")]
    [InlineData("arn:aws-cn:sns:cn-north-1:123456789012:ops-alerts", "Invalid partition aws-cn specified. Only aws is supported.")]
    public async Task PutMetricAlarm_ActionOutsideTheEndpointsRegion_Refused400ValidationError(string topicArn, string message)
    {
        var name = "strict-region-" + MotoFixture.UniqueSuffix();
        using var clients = moto.CreateClients();

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => clients.CloudWatch.PutMetricAlarmAsync(
            CloudWatchMotoTests.SimpleAlarm(name) with { AlarmActions = [topicArn] }, CancellationToken.None));

        Assert.Equal(("ValidationError", 400, message), (error.ErrorCode, error.StatusCode, error.ErrorMessage));
        Assert.Empty(await LambdaAndTaggingMotoTests.ToListAsync(clients.CloudWatch.DescribeAlarmsAsync(new DescribeAlarmsRequest(AlarmNames: [name]), CancellationToken.None)));
    }

    [Fact]
    public async Task PutMetricAlarm_ActionInTheEndpointsRegion_IsAccepted()
    {
        var name = "strict-same-region-" + MotoFixture.UniqueSuffix();
        using var clients = moto.CreateClients();

        await clients.CloudWatch.PutMetricAlarmAsync(
            CloudWatchMotoTests.SimpleAlarm(name) with { AlarmActions = [$"arn:aws:sns:{MotoFixture.Region}:{MotoFixture.AccountId}:ops-alerts"] },
            CancellationToken.None);

        Assert.Single(await LambdaAndTaggingMotoTests.ToListAsync(clients.CloudWatch.DescribeAlarmsAsync(new DescribeAlarmsRequest(AlarmNames: [name]), CancellationToken.None)));
    }

    [Fact]
    public async Task DeleteAlarms_OneIsChildOfCompositeAlarm_Refused400ValidationErrorAndNothingDeleted()
    {
        var suffix = MotoFixture.UniqueSuffix();
        var (child, other, parent) = ("strict-child-" + suffix, "strict-other-" + suffix, "strict-parent-" + suffix);
        using var clients = moto.CreateClients();
        await clients.CloudWatch.PutMetricAlarmAsync(CloudWatchMotoTests.SimpleAlarm(child), CancellationToken.None);
        await clients.CloudWatch.PutMetricAlarmAsync(CloudWatchMotoTests.SimpleAlarm(other), CancellationToken.None);
        await new AwsCli(moto.Endpoint).RunAsync("cloudwatch", "put-composite-alarm", "--alarm-name", parent, "--alarm-rule", $"ALARM(\"{child}\") OR ALARM(no-such-alarm)");

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => clients.CloudWatch.DeleteAlarmsAsync([other, child], CancellationToken.None));

        Assert.Equal(("ValidationError", 400), (error.ErrorCode, error.StatusCode));
        Assert.Equal($"Cannot delete {child} as there are composite alarm(s) depending on it.", error.ErrorMessage);
        var left = await LambdaAndTaggingMotoTests.ToListAsync(clients.CloudWatch.DescribeAlarmsAsync(new DescribeAlarmsRequest(AlarmNames: [child, other]), CancellationToken.None));
        Assert.Equal([child, other], left.Select(a => a.AlarmName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task DeleteAlarms_CompositeAlarmTogetherWithItsChild_DeletesBoth()
    {
        var suffix = MotoFixture.UniqueSuffix();
        var (child, parent) = ("strict-child-" + suffix, "strict-parent-" + suffix);
        using var clients = moto.CreateClients();
        var cli = new AwsCli(moto.Endpoint);
        await clients.CloudWatch.PutMetricAlarmAsync(CloudWatchMotoTests.SimpleAlarm(child), CancellationToken.None);
        await cli.RunAsync("cloudwatch", "put-composite-alarm", "--alarm-name", parent, "--alarm-rule", $"ALARM({child})");

        await clients.CloudWatch.DeleteAlarmsAsync([child, parent], CancellationToken.None);

        var left = await cli.RunAsync("cloudwatch", "describe-alarms", "--alarm-names", child, parent, "--alarm-types", "MetricAlarm", "CompositeAlarm");
        Assert.Empty(left["MetricAlarms"]!.AsArray());
        Assert.Empty(left["CompositeAlarms"]!.AsArray());
    }

    [Fact]
    public async Task PutMetricAlarm_DescriptionOf1025Characters_Refused400ValidationError()
    {
        var name = "strict-long-" + MotoFixture.UniqueSuffix();
        var description = new string('d', 1025);
        using var clients = moto.CreateClients();

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => clients.CloudWatch.PutMetricAlarmAsync(
            CloudWatchMotoTests.SimpleAlarm(name) with { AlarmDescription = description }, CancellationToken.None));
        await clients.CloudWatch.PutMetricAlarmAsync(CloudWatchMotoTests.SimpleAlarm(name) with { AlarmDescription = description[..1024] }, CancellationToken.None);

        Assert.Equal(("ValidationError", 400), (error.ErrorCode, error.StatusCode));
        Assert.Equal(
            $"1 validation error detected: Value '{description}' at 'alarmDescription' failed to satisfy constraint: Member must have length less than or equal to 1024",
            error.ErrorMessage);
        var stored = Assert.Single(await LambdaAndTaggingMotoTests.ToListAsync(clients.CloudWatch.DescribeAlarmsAsync(new DescribeAlarmsRequest(AlarmNames: [name]), CancellationToken.None)));
        Assert.Equal(1024, stored.AlarmDescription?.Length);
    }

    [Fact]
    public async Task PutDashboard_InUsEast1_IsSeenListedTaggedAndDeletedFromEuWest1()
    {
        var name = "strict-dash-" + MotoFixture.UniqueSuffix();
        const string body = """{"widgets":[]}""";
        using var usEast1 = moto.CreateClients();
        using var euWest1 = moto.CreateClients(options => options with { Region = "eu-west-1" });

        await usEast1.CloudWatch.PutDashboardAsync(name, body, CancellationToken.None);
        var read = await euWest1.CloudWatch.GetDashboardAsync(name, CancellationToken.None);
        var listed = await LambdaAndTaggingMotoTests.ToListAsync(euWest1.CloudWatch.ListDashboardsAsync(name, CancellationToken.None));
        await euWest1.CloudWatch.TagResourceAsync(read!.DashboardArn, [new Tag("managed-by", "reconciler")], CancellationToken.None);
        var tags = await new AwsCli(moto.Endpoint).RunAsync("cloudwatch", "list-tags-for-resource", "--resource-arn", read.DashboardArn);
        await new AwsCli(moto.Endpoint).RunAsync("cloudwatch", "delete-dashboards", "--dashboard-names", name);
        var gone = await euWest1.CloudWatch.GetDashboardAsync(name, CancellationToken.None);

        Assert.Equal(body, read.DashboardBody);
        Assert.Equal($"arn:aws:cloudwatch::{MotoFixture.AccountId}:dashboard/{name}", read.DashboardArn);
        Assert.Equal(name, Assert.Single(listed).DashboardName);
        Assert.Equal("reconciler", Assert.Single(tags["Tags"]!.AsArray())!["Value"]!.GetValue<string>());
        Assert.Null(gone);
    }
}

/// <summary>
/// The default (lenient) launcher accepts what <see cref="StrictMotoTests"/> shows strict mode refusing. These fail,
/// as they should, when the run sets MOTO_STRICT=1 (which makes the default launcher strict).
/// </summary>
[Collection(MotoTests.Name)]
public sealed class DefaultMotoLeniencyTests(MotoFixture moto)
{
    [Fact]
    public async Task UpdateFunctionConfiguration_ActiveWithRoleLackingXRay_IsAccepted()
    {
        var name = "lenient-noxray-" + MotoFixture.UniqueSuffix();
        var role = await moto.Seeder.CreateExecutionRoleAsync(name + "-role", ExecutionRoleXRay.None);
        await moto.Seeder.CreateFunctionAsync(name, new Dictionary<string, string> { ["app"] = name }, "PassThrough", role);
        using var clients = moto.CreateClients();

        var updated = await clients.Lambda.UpdateFunctionConfigurationAsync(new UpdateFunctionConfigurationRequest(name, "Active"), CancellationToken.None);

        Assert.Equal("Active", updated.TracingMode);
    }

    [Fact]
    public async Task UpdateFunctionConfiguration_BackToBack_BothAcceptedAndStatusIsSuccessful()
    {
        var name = "lenient-busy-" + MotoFixture.UniqueSuffix();
        await moto.Seeder.CreateFunctionAsync(name, new Dictionary<string, string> { ["app"] = name });
        using var clients = moto.CreateClients();

        var first = await clients.Lambda.UpdateFunctionConfigurationAsync(new UpdateFunctionConfigurationRequest(name, "Active"), CancellationToken.None);
        var second = await clients.Lambda.UpdateFunctionConfigurationAsync(new UpdateFunctionConfigurationRequest(name, "PassThrough"), CancellationToken.None);

        Assert.Equal(("Successful", "Successful"), (first.LastUpdateStatus, second.LastUpdateStatus));
        Assert.Equal("PassThrough", second.TracingMode);
    }

    [Fact]
    public async Task PutMetricAlarm_ActionInAnotherRegion_IsAccepted()
    {
        var name = "lenient-region-" + MotoFixture.UniqueSuffix();
        using var clients = moto.CreateClients();

        await clients.CloudWatch.PutMetricAlarmAsync(
            CloudWatchMotoTests.SimpleAlarm(name) with { AlarmActions = ["arn:aws:sns:eu-west-1:123456789012:ops-alerts"] }, CancellationToken.None);

        var alarm = Assert.Single(await LambdaAndTaggingMotoTests.ToListAsync(clients.CloudWatch.DescribeAlarmsAsync(new DescribeAlarmsRequest(AlarmNames: [name]), CancellationToken.None)));
        Assert.Equal(["arn:aws:sns:eu-west-1:123456789012:ops-alerts"], alarm.AlarmActions);
    }

    [Fact]
    public async Task DeleteAlarms_ChildOfCompositeAlarm_IsDeleted()
    {
        var suffix = MotoFixture.UniqueSuffix();
        var (child, parent) = ("lenient-child-" + suffix, "lenient-parent-" + suffix);
        using var clients = moto.CreateClients();
        var cli = new AwsCli(moto.Endpoint);
        await clients.CloudWatch.PutMetricAlarmAsync(CloudWatchMotoTests.SimpleAlarm(child), CancellationToken.None);
        await cli.RunAsync("cloudwatch", "put-composite-alarm", "--alarm-name", parent, "--alarm-rule", $"ALARM({child})");

        await clients.CloudWatch.DeleteAlarmsAsync([child], CancellationToken.None);

        var left = await cli.RunAsync("cloudwatch", "describe-alarms", "--alarm-names", child, parent, "--alarm-types", "MetricAlarm", "CompositeAlarm");
        Assert.Empty(left["MetricAlarms"]!.AsArray());
        Assert.Equal(parent, Assert.Single(left["CompositeAlarms"]!.AsArray())!["AlarmName"]!.GetValue<string>());
    }

    [Fact]
    public async Task PutMetricAlarm_DescriptionOf1025Characters_IsAccepted()
    {
        var name = "lenient-long-" + MotoFixture.UniqueSuffix();
        using var clients = moto.CreateClients();

        await clients.CloudWatch.PutMetricAlarmAsync(CloudWatchMotoTests.SimpleAlarm(name) with { AlarmDescription = new string('d', 1025) }, CancellationToken.None);

        var stored = Assert.Single(await LambdaAndTaggingMotoTests.ToListAsync(clients.CloudWatch.DescribeAlarmsAsync(new DescribeAlarmsRequest(AlarmNames: [name]), CancellationToken.None)));
        Assert.Equal(1025, stored.AlarmDescription?.Length);
    }

    [Fact]
    public async Task PutDashboard_InUsEast1_IsNotSeenFromEuWest1()
    {
        var name = "lenient-dash-" + MotoFixture.UniqueSuffix();
        using var usEast1 = moto.CreateClients();
        using var euWest1 = moto.CreateClients(options => options with { Region = "eu-west-1" });

        await usEast1.CloudWatch.PutDashboardAsync(name, """{"widgets":[]}""", CancellationToken.None);

        Assert.NotNull(await usEast1.CloudWatch.GetDashboardAsync(name, CancellationToken.None));
        Assert.Null(await euWest1.CloudWatch.GetDashboardAsync(name, CancellationToken.None));
    }
}
