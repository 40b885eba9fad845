using System.Text.Json;
using Reconciler.Aws;
using Reconciler.IntegrationTests.Harness;

namespace Reconciler.IntegrationTests.Aws;

[Collection(MotoTests.Name)]
public sealed class SnsAndStsMotoTests(MotoFixture moto)
{
    [Fact]
    public async Task Publish_WithSubjectAndAttributes_ArrivesInSubscribedQueue()
    {
        var suffix = MotoFixture.UniqueSuffix();
        var topicArn = await moto.Seeder.CreateTopicAsync("drift-" + suffix);
        var queueUrl = await moto.Seeder.CreateQueueSubscribedToAsync("drift-q-" + suffix, topicArn);
        using var clients = moto.CreateClients();

        var messageId = await clients.Sns.PublishAsync(
            new PublishRequest(topicArn, "3 changes in project-management", "Drift report", null, new Dictionary<string, string> { ["policy"] = "project-management" }),
            CancellationToken.None);

        var envelope = JsonDocument.Parse(Assert.Single(await moto.Seeder.ReceiveMessagesAsync(queueUrl))).RootElement;
        Assert.Equal(messageId, envelope.GetProperty("MessageId").GetString());
        Assert.Equal("3 changes in project-management", envelope.GetProperty("Message").GetString());
        Assert.Equal("Drift report", envelope.GetProperty("Subject").GetString());
        Assert.Equal("project-management", envelope.GetProperty("MessageAttributes").GetProperty("policy").GetProperty("Value").GetString());
    }

    [Fact]
    public async Task GetTopicAttributes_EmailAndSqsSubscribers_CountsTheEmailAsPending()
    {
        // Launcher patch G: e-mail subscriptions wait for confirmation, as in SNS; SQS ones do not.
        var suffix = MotoFixture.UniqueSuffix();
        var topicArn = await moto.Seeder.CreateTopicAsync("counts-" + suffix);
        await moto.Seeder.CreateQueueSubscribedToAsync("counts-q-" + suffix, topicArn);
        await new Reconciler.IntegrationTests.Engine.AwsCli(moto.Endpoint).RunAsync(
            "sns", "subscribe", "--topic-arn", topicArn, "--protocol", "email", "--notification-endpoint", "oncall@example.com");
        using var clients = moto.CreateClients();

        var attributes = await clients.Sns.GetTopicAttributesAsync(topicArn, CancellationToken.None);

        Assert.Equal(("1", "1"), (attributes["SubscriptionsConfirmed"], attributes["SubscriptionsPending"]));
        Assert.Contains("\"Statement\"", attributes["Policy"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetTopicAttributes_TopicDoesNotExist_NotFound()
    {
        using var clients = moto.CreateClients();

        var error = await Assert.ThrowsAsync<AwsServiceException>(() =>
            clients.Sns.GetTopicAttributesAsync($"arn:aws:sns:{MotoFixture.Region}:123456789012:absent-{MotoFixture.UniqueSuffix()}", CancellationToken.None));

        Assert.Equal("NotFound", error.ErrorCode);
    }

    [Fact]
    public async Task Publish_MessageStructureJson_DeliversTheSqsVariant()
    {
        var suffix = MotoFixture.UniqueSuffix();
        var topicArn = await moto.Seeder.CreateTopicAsync("json-" + suffix);
        var queueUrl = await moto.Seeder.CreateQueueSubscribedToAsync("json-q-" + suffix, topicArn);
        using var clients = moto.CreateClients();

        await clients.Sns.PublishAsync(
            new PublishRequest(topicArn, """{"default":"plain","sqs":"{\"changes\":3}"}""", MessageStructure: "json"), CancellationToken.None);

        var envelope = JsonDocument.Parse(Assert.Single(await moto.Seeder.ReceiveMessagesAsync(queueUrl))).RootElement;
        Assert.Equal("""{"changes":3}""", envelope.GetProperty("Message").GetString());
    }

    [Fact]
    public async Task Publish_UnknownTopic_ThrowsTerminalNotFound()
    {
        using var clients = moto.CreateClients();

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => clients.Sns.PublishAsync(
            new PublishRequest($"arn:aws:sns:{MotoFixture.Region}:{MotoFixture.AccountId}:missing-{MotoFixture.UniqueSuffix()}", "x"), CancellationToken.None));

        Assert.Equal("NotFound", error.ErrorCode);
        Assert.Equal(AwsErrorKind.Terminal, error.Kind);
        Assert.Equal(404, error.StatusCode);
    }

    [Fact]
    public async Task GetCallerIdentity_FakeCredentials_ReturnsMotoAccount()
    {
        using var clients = moto.CreateClients();

        var identity = await clients.Sts.GetCallerIdentityAsync(CancellationToken.None);

        Assert.Equal(MotoFixture.AccountId, identity.Account);
        Assert.StartsWith("arn:aws:", identity.Arn, StringComparison.Ordinal);
    }
}
