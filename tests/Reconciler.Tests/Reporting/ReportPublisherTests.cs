using System.Text.Json;
using Reconciler.Aws;
using Reconciler.Planning;
using Reconciler.Policies;
using Reconciler.Reporting;

namespace Reconciler.Tests.Reporting;

public sealed class ReportPublisherTests
{
    private const string OtherTopic = "arn:aws:sns:us-east-1:123456789012:other-reports";
    private const string EnvTopic = "arn:aws:sns:us-east-1:123456789012:env-reports";
    private const string CliTopic = "arn:aws:sns:us-east-1:123456789012:cli-reports";

    [Fact]
    public async Task PublishAsync_DriftedPolicy_PublishesJsonStructuredMessageToItsTopic()
    {
        var sns = new FakeSns();

        var result = await new ReportPublisher(sns).PublishAsync(
            ReportFixtures.Report(), [ReportFixtures.PolicyOf()], new ReportTopics(null, EnvTopic), CancellationToken.None);

        var request = Assert.Single(sns.Requests);
        Assert.Equal(ReportFixtures.DriftTopic, request.TopicArn);
        Assert.Equal("json", request.MessageStructure);
        Assert.Equal("Drift: 2 corrected, 1 failed, 1 pending, 1 conflict in 123456789012 us-east-1", request.Subject);
        var published = Assert.Single(result.Topics);
        Assert.True(published.Succeeded);
        Assert.Equal("message-1", published.MessageId);
        Assert.False(result.Failed);
    }

    [Fact]
    public async Task PublishAsync_PoliciesOnTwoTopics_SendsEachTopicOnlyItsPolicies()
    {
        var sns = new FakeSns();
        var (report, policies) = TwoPolicies(secondTopic: OtherTopic);

        var result = await new ReportPublisher(sns).PublishAsync(report, policies, new ReportTopics(null, null), CancellationToken.None);

        Assert.Equal(2, sns.Requests.Count);
        Assert.Equal(["billing"], PoliciesIn(sns.Requests.Single(r => r.TopicArn == OtherTopic)));
        Assert.Equal([ReportFixtures.Policy], PoliciesIn(sns.Requests.Single(r => r.TopicArn == ReportFixtures.DriftTopic)));
        Assert.Equal(2, result.Topics.Count);
    }

    [Fact]
    public async Task PublishAsync_PoliciesSharingATopic_SendOneMessage()
    {
        var sns = new FakeSns();
        var (report, policies) = TwoPolicies(secondTopic: ReportFixtures.DriftTopic);

        await new ReportPublisher(sns).PublishAsync(report, policies, new ReportTopics(null, null), CancellationToken.None);

        var request = Assert.Single(sns.Requests);
        Assert.Equal(["billing", ReportFixtures.Policy], PoliciesIn(request));
    }

    [Theory]
    [InlineData(null, null, null, null)]
    [InlineData(null, EnvTopic, null, EnvTopic)]
    [InlineData(ReportFixtures.DriftTopic, EnvTopic, null, ReportFixtures.DriftTopic)]
    [InlineData(ReportFixtures.DriftTopic, EnvTopic, CliTopic, CliTopic)]
    [InlineData(null, null, CliTopic, CliTopic)]
    [InlineData("  ", EnvTopic, "", EnvTopic)]
    public void Topic_PolicyEnvironmentAndCommandLine_ResolvesInDocumentedOrder(string? policyTopic, string? envTopic, string? cliTopic, string? expected) =>
        Assert.Equal(expected, ReportPublisher.Topic(new ReportSpec(policyTopic, ReportWhen.Always), new ReportTopics(cliTopic, envTopic)));

    [Fact]
    public async Task PublishAsync_NoTopicAnywhere_SaysSoAndPublishesNothing()
    {
        var sns = new FakeSns();

        var result = await new ReportPublisher(sns).PublishAsync(
            ReportFixtures.Report(), [ReportFixtures.PolicyOf(topicArn: null)], new ReportTopics(null, null), CancellationToken.None);

        Assert.Empty(sns.Requests);
        Assert.Contains("REPORT_TOPIC_ARN", Assert.Single(result.NotPublished).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublishAsync_OnErrorPolicyWithoutFailures_IsNotPublished()
    {
        var sns = new FakeSns();
        var apply = ReportFixtures.Apply();
        var noFailure = apply with { Outcomes = [.. apply.Outcomes.Select(o => o with { Status = ChangeStatus.Applied, ErrorCode = null })] };
        var report = ReportFixtures.Report(noFailure);

        var result = await new ReportPublisher(sns).PublishAsync(
            report, [ReportFixtures.PolicyOf(when: ReportWhen.OnError)], new ReportTopics(null, null), CancellationToken.None);

        Assert.Empty(sns.Requests);
        Assert.Contains("onError", Assert.Single(result.NotPublished).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublishAsync_SnsRefuses_ReturnsTheFailureWithItsCode()
    {
        var sns = new FakeSns
        {
            Failure = new AwsServiceException("sns", "Publish", "AuthorizationError", "User is not authorized to perform: SNS:Publish", 403, "req-1", AwsErrorKind.Terminal),
        };

        var result = await new ReportPublisher(sns).PublishAsync(
            ReportFixtures.Report(), [ReportFixtures.PolicyOf()], new ReportTopics(null, null), CancellationToken.None);

        Assert.True(result.Failed);
        var failed = Assert.Single(result.Topics);
        Assert.Equal("AuthorizationError", failed.ErrorCode);
        Assert.Contains(ReportFixtures.DriftTopic, failed.Error, StringComparison.Ordinal);
        Assert.Contains("sns:Publish", failed.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublishAsync_OneTopicFails_StillPublishesTheOthers()
    {
        var sns = new FakeSns { FailTopic = OtherTopic, Failure = new AwsServiceException("sns", "Publish", "NotFound", "Topic does not exist", 404, null, AwsErrorKind.Terminal) };
        var (report, policies) = TwoPolicies(secondTopic: OtherTopic);

        var result = await new ReportPublisher(sns).PublishAsync(report, policies, new ReportTopics(null, null), CancellationToken.None);

        Assert.True(result.Failed);
        Assert.Equal(2, sns.Requests.Count);
        Assert.Single(result.Topics, t => t.Succeeded);
    }

    [Fact]
    public async Task PublishAsync_RunLevelErrorAndNoPolicyDue_PublishesToTheDefaultTopic()
    {
        var sns = new FakeSns();
        var errors = new[] { new RunError(null, "identity", "The security token included in the request is expired", "sts", "GetCallerIdentity", "ExpiredToken") };
        var report = RunReportBuilder.Build(ReportFixtures.Context(), [], new Plan([], [], [], []), null, [], errors);

        var result = await new ReportPublisher(sns).PublishAsync(report, [], new ReportTopics(null, EnvTopic), CancellationToken.None);

        var request = Assert.Single(sns.Requests);
        Assert.Equal(EnvTopic, request.TopicArn);
        Assert.Contains("ExpiredToken", request.Message, StringComparison.Ordinal);
        Assert.Empty(Assert.Single(result.Topics).Policies);
    }

    [Fact]
    public async Task PublishAsync_WatchRunThatOnlyFoundThingsInSync_IsNotPublished()
    {
        var sns = new FakeSns();
        var plan = ReportFixtures.Plan();
        var inSync = plan with { Changes = [], Conflicts = [], Resources = [.. plan.Resources.Where(r => r.State == ResourceState.InSync)] };
        var report = RunReportBuilder.Build(ReportFixtures.Context(), [ReportFixtures.PolicyOf()], inSync, new ApplyResult([], null), [], [])
            with
        { Trigger = new ReportTrigger([TriggerEvent("m-1", ReportFixtures.Policy)]) };

        var result = await new ReportPublisher(sns).PublishAsync(report, [ReportFixtures.PolicyOf()], new ReportTopics(null, null), CancellationToken.None);

        Assert.Empty(sns.Requests);
        Assert.Contains("watch run", Assert.Single(result.NotPublished).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublishAsync_WatchRunOnTwoTopics_EachMessageNamesOnlyTheEventsOfItsPolicies()
    {
        var sns = new FakeSns();
        var (report, policies) = TwoPolicies(secondTopic: OtherTopic);
        report = report with
        {
            Trigger = new ReportTrigger([TriggerEvent("m-orders", ReportFixtures.Policy), TriggerEvent("m-billing", "billing"), TriggerEvent("m-poison")]),
        };

        await new ReportPublisher(sns).PublishAsync(report, policies, new ReportTopics(null, null), CancellationToken.None);

        Assert.Equal(["m-billing", "m-poison"], TriggerItemsIn(sns.Requests.Single(r => r.TopicArn == OtherTopic)));
        Assert.Equal(["m-orders", "m-poison"], TriggerItemsIn(sns.Requests.Single(r => r.TopicArn == ReportFixtures.DriftTopic)));
    }

    [Fact]
    public async Task PublishAsync_Cancelled_Throws()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new ReportPublisher(new FakeSns()).PublishAsync(
            ReportFixtures.Report(), [ReportFixtures.PolicyOf()], new ReportTopics(null, null), cancelled.Token));
    }

    private static (RunReport Report, IReadOnlyList<ObservabilityPolicy> Policies) TwoPolicies(string secondTopic)
    {
        var billingChange = ReportFixtures.Tracing with { PolicyName = "billing", Target = "ChargeCard", ResourceArn = ReportFixtures.Arn("ChargeCard") };
        var plan = ReportFixtures.Plan();
        plan = plan with { Changes = [.. plan.Changes, billingChange] };
        var apply = ReportFixtures.Apply();
        apply = apply with { Outcomes = [.. apply.Outcomes, new ChangeOutcome(billingChange, ChangeStatus.Applied, null, null)] };
        var policies = new[] { ReportFixtures.PolicyOf(), ReportFixtures.PolicyOf("billing", topicArn: secondTopic) };
        return (RunReportBuilder.Build(ReportFixtures.Context(), policies, plan, apply, [], []), policies);
    }

    private static ReportTriggerEvent TriggerEvent(string itemId, params string[] policies) => new(
        itemId,
        policies.Length == 0 ? ReportTriggerStatus.Unreadable : ReportTriggerStatus.Reconciled,
        policies.Length == 0 ? "the body is not JSON" : "reconciled",
        policies,
        policies.Length == 0 ? null : $"event-{itemId}",
        null,
        null,
        null,
        null,
        null);

    private static List<string> TriggerItemsIn(PublishRequest request)
    {
        using var envelope = JsonDocument.Parse(request.Message);
        using var report = JsonDocument.Parse(envelope.RootElement.GetProperty("default").GetString()!);
        return [.. report.RootElement.GetProperty("trigger").GetProperty("events").EnumerateArray().Select(e => e.GetProperty("itemId").GetString()!)];
    }

    private static List<string> PoliciesIn(PublishRequest request)
    {
        using var envelope = JsonDocument.Parse(request.Message);
        using var report = JsonDocument.Parse(envelope.RootElement.GetProperty("default").GetString()!);
        return [.. report.RootElement.GetProperty("policies").EnumerateArray().Select(p => p.GetProperty("name").GetString()!)];
    }

    /// <summary>Records every Publish; fails those to <see cref="FailTopic"/> (or all, when null) if a failure is set.</summary>
    private sealed class FakeSns : ISnsPublisher
    {
        public List<PublishRequest> Requests { get; } = [];

        public AwsServiceException? Failure { get; init; }

        public string? FailTopic { get; init; }

        public Task<string> PublishAsync(PublishRequest request, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Requests.Add(request);
            if (Failure is not null && (FailTopic is null || FailTopic == request.TopicArn))
            {
                throw Failure;
            }

            return Task.FromResult($"message-{Requests.Count}");
        }
    }
}
