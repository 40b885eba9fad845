using Reconciler.Aws;
using Reconciler.Reporting;

namespace Reconciler.Tests.Reporting;

public sealed class ReportTopicRegionTests
{
    private const string EuTopic = "arn:aws:sns:eu-west-1:123456789012:drift-reports";

    [Fact]
    public async Task PublishAsync_PolicyTopicInAnotherRegion_NotPublishedWithTheReason()
    {
        var sns = new RecordingSns();

        var result = await new ReportPublisher(sns).PublishAsync(
            ReportFixtures.Report(), [ReportFixtures.PolicyOf(topicArn: EuTopic)], new ReportTopics(null, null), CancellationToken.None);

        Assert.Empty(sns.Topics);
        Assert.Empty(result.Topics);
        var skipped = Assert.Single(result.NotPublished);
        Assert.Equal(ReportFixtures.Policy, skipped.Policy);
        Assert.Contains($"report topic {EuTopic} is in Region eu-west-1, but this run is in us-east-1", skipped.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublishAsync_CommandLineTopicInAnotherRegion_NothingPublished()
    {
        var sns = new RecordingSns();

        var result = await new ReportPublisher(sns).PublishAsync(
            ReportFixtures.Report(), [ReportFixtures.PolicyOf()], new ReportTopics(EuTopic, null), CancellationToken.None);

        Assert.Empty(sns.Topics);
        Assert.Contains(result.NotPublished, n => n.Reason.Contains(EuTopic, StringComparison.Ordinal));
        Assert.False(result.Failed);
    }

    [Fact]
    public async Task PublishAsync_TopicInTheRunsRegion_Published()
    {
        var sns = new RecordingSns();

        await new ReportPublisher(sns).PublishAsync(
            ReportFixtures.Report(), [ReportFixtures.PolicyOf()], new ReportTopics(null, null), CancellationToken.None);

        Assert.Equal([ReportFixtures.DriftTopic], sns.Topics);
    }

    private sealed class RecordingSns : ISnsPublisher
    {
        public List<string> Topics { get; } = [];

        public Task<string> PublishAsync(PublishRequest request, CancellationToken cancellationToken)
        {
            Topics.Add(request.TopicArn);
            return Task.FromResult("message-1");
        }
    }
}
