using Reconciler.Aws;
using Reconciler.Planning;
using Reconciler.Policies;
using Reconciler.Reconciliation;
using Reconciler.Reporting;
using Reconciler.Tests.Reporting;

namespace Reconciler.Tests.Reconciliation;

public sealed class RunEndingTests
{
    private const string EnvTopic = "arn:aws:sns:us-east-1:123456789012:env-reports";
    private const string CliTopic = "arn:aws:sns:us-east-1:123456789012:cli-reports";

    [Fact]
    public async Task PublishAsync_PolicyTopicAndEnvironmentTopic_PublishesToThePolicyTopic()
    {
        var sns = new RecordingSns();

        await RunEnding.PublishAsync(sns, Result(), Policies(ReportFixtures.DriftTopic), new ReportTopics(null, EnvTopic), CancellationToken.None);

        Assert.Equal([ReportFixtures.DriftTopic], sns.Topics);
    }

    [Fact]
    public async Task PublishAsync_PolicyWithoutTopic_PublishesToTheEnvironmentTopic()
    {
        var sns = new RecordingSns();

        await RunEnding.PublishAsync(sns, Result(), Policies(topicArn: null), new ReportTopics(null, EnvTopic), CancellationToken.None);

        Assert.Equal([EnvTopic], sns.Topics);
    }

    [Fact]
    public async Task PublishAsync_CommandLineTopic_OverridesPolicyAndEnvironmentTopics()
    {
        var sns = new RecordingSns();

        await RunEnding.PublishAsync(sns, Result(), Policies(ReportFixtures.DriftTopic), new ReportTopics(CliTopic, EnvTopic), CancellationToken.None);

        Assert.Equal([CliTopic], sns.Topics);
    }

    [Fact]
    public async Task PublishAsync_CleanRunWhosePublishFails_EndsFailed()
    {
        var sns = new RecordingSns { Failure = new AwsServiceException("sns", "Publish", "AuthorizationError", "not allowed", 403, null, AwsErrorKind.Terminal) };
        var clean = Result(new ApplyResult([new ChangeOutcome(ReportFixtures.Tracing, ChangeStatus.Applied, null, null)], null));

        var ended = await RunEnding.PublishAsync(sns, clean, Policies(ReportFixtures.DriftTopic), new ReportTopics(null, null), CancellationToken.None);

        Assert.False(clean.HasFailures);
        Assert.True(ended.Publication.Failed);
        Assert.True(ended.Failed);
    }

    [Fact]
    public async Task PublishAsync_CleanRunPublished_EndsSucceeded()
    {
        var clean = Result(new ApplyResult([new ChangeOutcome(ReportFixtures.Tracing, ChangeStatus.Applied, null, null)], null));

        var ended = await RunEnding.PublishAsync(new RecordingSns(), clean, Policies(ReportFixtures.DriftTopic), new ReportTopics(null, null), CancellationToken.None);

        Assert.False(ended.Failed);
    }

    [Fact]
    public void Count_FinishedRun_CountsOutcomesDriftAndLogicalCallsNotAttempts()
    {
        var counts = RunEnding.Count(Result());

        Assert.Equal(1, counts.DriftFound);
        Assert.Equal(2, counts.ChangesApplied);
        Assert.Equal(1, counts.ChangesFailed);
        Assert.Equal(1, counts.ChangesPending);
        // The fixture's PutMetricAlarm made 2 calls in 4 attempts: the metric counts the calls, as the report's "calls".
        Assert.Equal((int)ReportFixtures.Calls().Sum(call => call.Calls), counts.ApiCalls);
        Assert.NotEqual((int)ReportFixtures.Calls().Sum(call => call.Attempts), counts.ApiCalls);
        Assert.Equal(1, counts.Throttles);
    }

    private static ReconcileResult Result(ApplyResult? apply = null)
    {
        var applied = apply ?? ReportFixtures.Apply();
        return new ReconcileResult(ReportFixtures.Report(applied), ReportFixtures.Plan(), applied, []);
    }

    private static RunPolicies Policies(string? topicArn) =>
        RunPolicies.Of([ReportFixtures.PolicyOf(topicArn: topicArn, when: ReportWhen.Always)]);

    private sealed class RecordingSns : ISnsPublisher
    {
        public List<string> Topics { get; } = [];

        public AwsServiceException? Failure { get; init; }

        public Task<string> PublishAsync(PublishRequest request, CancellationToken cancellationToken)
        {
            Topics.Add(request.TopicArn);
            return Failure is null ? Task.FromResult($"message-{Topics.Count}") : Task.FromException<string>(Failure);
        }
    }
}
