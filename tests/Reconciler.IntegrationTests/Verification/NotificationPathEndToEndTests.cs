using System.Text.Json;
using System.Text.Json.Nodes;
using Reconciler.IntegrationTests.Engine;
using Reconciler.IntegrationTests.Harness;
using Reconciler.Reporting;
using Reconciler.Verification;

namespace Reconciler.IntegrationTests.Verification;

/// <summary>
/// The notification-path check against moto (with launcher patch G, which keeps SNS's subscription counts): each
/// usual way a path breaks is named in the plan, the text report and the JSON report, with nothing written for it.
/// </summary>
[Collection(MotoTests.Name)]
public sealed class NotificationPathEndToEndTests(MotoFixture moto) : IDisposable
{
    private readonly PolicyDirectory _policies = new();
    private readonly AwsCli _cli = new(moto.Endpoint);

    public void Dispose() => _policies.Dispose();

    [Fact]
    public async Task Plan_TopicWithConfirmedSqsSubscriber_NoWarning()
    {
        var (app, topic) = await SeedAsync("healthy");
        await moto.Seeder.CreateQueueSubscribedToAsync(app + "-q", topic);

        var warnings = await PlanWarningsAsync(app, topic);

        Assert.Empty(warnings);
    }

    [Fact]
    public async Task Plan_TopicDeleted_TopicMissingNamesTheAlarm()
    {
        var (app, topic) = await SeedAsync("deleted");
        await _cli.RunAsync("sns", "delete-topic", "--topic-arn", topic);

        var warning = Assert.Single(await PlanWarningsAsync(app, topic));

        Assert.Equal(("topicMissing", topic), (warning.Code, warning.Subject));
        var alarm = Assert.Single(warning.Resources);
        Assert.EndsWith($"{app}-fn-error-rate", alarm, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_TopicEncryptedWithAwsManagedKey_SaysCloudWatchCannotUseIt()
    {
        var (app, topic) = await SeedAsync("kms", "KmsMasterKeyId=alias/aws/sns");
        await moto.Seeder.CreateQueueSubscribedToAsync(app + "-q", topic);

        var warning = Assert.Single(await PlanWarningsAsync(app, topic));

        Assert.Equal("awsManagedKey", warning.Code);
        Assert.Contains("customer managed KMS key", warning.Remedy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_OnlyAPendingEmailSubscription_NoConfirmedSubscriptionWithThePendingCount()
    {
        var (app, topic) = await SeedAsync("pending");
        await _cli.RunAsync("sns", "subscribe", "--topic-arn", topic, "--protocol", "email", "--notification-endpoint", "oncall@example.com");

        var warning = Assert.Single(await PlanWarningsAsync(app, topic));

        Assert.Equal("noConfirmedSubscription", warning.Code);
        Assert.Contains("1 subscription still pending confirmation", warning.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_TopicPolicyDeniesCloudWatch_PolicyDeniesCloudWatchAndTheTextSaysSo()
    {
        var (app, topic) = await SeedAsync("deny");
        await moto.Seeder.CreateQueueSubscribedToAsync(app + "-q", topic);
        var policy = JsonSerializer.Serialize(new
        {
            Version = "2012-10-17",
            Statement = new object[]
            {
                new { Effect = "Allow", Principal = new { AWS = "*" }, Action = "sns:Publish", Resource = topic },
                new { Effect = "Deny", Principal = new { Service = "cloudwatch.amazonaws.com" }, Action = "sns:Publish", Resource = topic },
            },
        });
        await _cli.RunAsync("sns", "set-topic-attributes", "--topic-arn", topic, "--attribute-name", "Policy", "--attribute-value", policy);
        using var aws = moto.CreateClients();

        var result = await Reconciler.IntegrationTests.Engine.Engine.PlanAsync(aws, Load(app, topic), app);

        var warning = Assert.Single(result.Warnings);
        Assert.Equal("policyDeniesCloudWatch", warning.Code);
        Assert.Equal(result.Warnings, result.Report.Warnings);
        Assert.Contains($"? {topic}", PlanTextRenderer.Render(result.Plan, warnings: result.Warnings), StringComparison.Ordinal);
        Assert.Contains("WARNINGS (1)", ReportTextRenderer.Render(result.Report), StringComparison.Ordinal);
        Assert.Equal(0, Reconciler.IntegrationTests.Engine.Engine.Writes(aws));
    }

    [Fact]
    public async Task CliPlanAndApply_TopicDeleted_WarningPrintedAndInTheJsonReportWithTheUsualExitCodes()
    {
        var (app, topic) = await SeedAsync("cli");
        await _cli.RunAsync("sns", "delete-topic", "--topic-arn", topic);
        Load(app, topic);
        string[] common = ["--policies", _policies.Path, "--endpoint-url", moto.Endpoint.ToString(), "--region", MotoFixture.Region, "--alarm-prefix", app];

        var plan = await ReconcilerCli.RunAsync(["plan", .. common]);
        var apply = await ReconcilerCli.RunAsync(["apply", "--output", "json", .. common]);

        // plan: 2 (changes to make), apply: 0 (all applied); a warning changes neither.
        Assert.True(plan.ExitCode == 2, $"plan exited {plan.ExitCode}: {plan.Stderr}");
        Assert.Contains("Warnings (1):", plan.Stdout, StringComparison.Ordinal);
        Assert.Contains($"? {topic}", plan.Stdout, StringComparison.Ordinal);
        Assert.True(apply.ExitCode == 0, $"apply exited {apply.ExitCode}: {apply.Stderr}");
        var warning = Assert.Single(JsonNode.Parse(apply.Stdout)!["warnings"]!.AsArray())!;
        Assert.Equal(("topicMissing", topic, 1), ((string)warning["code"]!, (string)warning["subject"]!, (int)warning["resourceCount"]!));
    }

    private async Task<(string App, string Topic)> SeedAsync(string name, string? attribute = null)
    {
        var app = $"np-{name}-{MotoFixture.UniqueSuffix()}";
        await moto.Seeder.CreateFunctionAsync(app + "-fn", new Dictionary<string, string> { ["app"] = app });
        var arguments = new List<string> { "sns", "create-topic", "--name", app + "-alerts" };
        if (attribute is not null)
        {
            arguments.AddRange(["--attributes", attribute]);
        }

        var created = await _cli.RunAsync([.. arguments]);
        return (app, (string)created["TopicArn"]!);
    }

    private async Task<IReadOnlyList<RunWarning>> PlanWarningsAsync(string app, string topic)
    {
        using var aws = moto.CreateClients();
        var result = await Reconciler.IntegrationTests.Engine.Engine.PlanAsync(aws, Load(app, topic), app);
        Assert.Empty(result.Errors);
        return result.Warnings;
    }

    private IReadOnlyList<Reconciler.Policies.ObservabilityPolicy> Load(string app, string topic) =>
        _policies.Write(app + ".yaml", PolicyYaml.ErrorRateAlarmOnly(app, topic)).Load();
}
