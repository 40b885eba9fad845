using Reconciler.Verification;

namespace Reconciler.Tests.Verification;

public class NotificationPathCheckTests
{
    private const string Topic = "arn:aws:sns:us-east-1:123456789012:alerts";
    private const string AllowCloudWatch = """{"Statement":[{"Effect":"Allow","Principal":{"Service":"cloudwatch.amazonaws.com"},"Action":"sns:Publish","Resource":"*"}]}""";

    private static readonly NotifiedTopic AlarmTopic = new(Topic, ["r-orders-error-rate"], ["orders"], ReceivesReports: false);

    [Fact]
    public void Assess_HealthyTopic_NoWarning()
    {
        Assert.Empty(Assess(AlarmTopic, Attributes(confirmed: 1)));
    }

    [Theory]
    [InlineData("alias/aws/sns")]
    [InlineData("arn:aws:kms:us-east-1:123456789012:alias/aws/sns")]
    public void Assess_AwsManagedKey_AwsManagedKeyWarning(string key)
    {
        var warning = Assert.Single(Assess(AlarmTopic, Attributes(confirmed: 1, key: key)));

        Assert.Equal("awsManagedKey", warning.Code);
        Assert.Equal(["r-orders-error-rate"], warning.Resources);
    }

    [Fact]
    public void Assess_CustomerManagedKey_NoWarning()
    {
        Assert.Empty(Assess(AlarmTopic, Attributes(confirmed: 1, key: "alias/orders-alerts")));
    }

    [Fact]
    public void Assess_ReportOnlyTopicWithAwsManagedKey_NoKeyOrPolicyWarning()
    {
        // The reconciler's role publishes reports itself; the key and policy limits are CloudWatch's.
        var reports = new NotifiedTopic(Topic, [], ["orders"], ReceivesReports: true);

        Assert.Empty(Assess(reports, Attributes(confirmed: 1, key: "alias/aws/sns", policy: """{"Statement":[]}""")));
    }

    [Fact]
    public void Assess_NoSubscriptionAtAll_NoConfirmedSubscriptionTellsHowToSubscribe()
    {
        var warning = Assert.Single(Assess(AlarmTopic, Attributes(confirmed: 0)));

        Assert.Equal("noConfirmedSubscription", warning.Code);
        Assert.Contains("aws sns subscribe", warning.Remedy, StringComparison.Ordinal);
    }

    [Fact]
    public void Assess_SomeConfirmedSomePending_PendingConfirmationWithTheCount()
    {
        var warning = Assert.Single(Assess(AlarmTopic, Attributes(confirmed: 2, pending: 3)));

        Assert.Equal("pendingConfirmation", warning.Code);
        Assert.StartsWith("3 subscriptions of the topic are still pending", warning.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public void Assess_PolicyWithoutCloudWatch_PolicyDoesNotAllowCloudWatch()
    {
        var warning = Assert.Single(Assess(AlarmTopic, Attributes(confirmed: 1, policy: """{"Statement":[]}""")));

        Assert.Equal("policyDoesNotAllowCloudWatch", warning.Code);
        Assert.Contains("cloudwatch.amazonaws.com", warning.Remedy, StringComparison.Ordinal);
    }

    [Fact]
    public void Assess_NotFound_TopicMissingAndNothingElse()
    {
        var warning = Assert.Single(NotificationPathCheck.Assess(AlarmTopic, new TopicRead(null, "NotFound", "Topic does not exist"), "us-east-1", "123456789012"));

        Assert.Equal(("topicMissing", Topic), (warning.Code, warning.Subject));
    }

    [Fact]
    public void Assess_AccessDenied_TopicUnreadableNamesTheCodeAndTheGrant()
    {
        var warning = Assert.Single(NotificationPathCheck.Assess(AlarmTopic, new TopicRead(null, "AuthorizationError", "not authorized"), "us-east-1", "123456789012"));

        Assert.Equal("topicUnreadable", warning.Code);
        Assert.Contains("AuthorizationError: not authorized", warning.Cause, StringComparison.Ordinal);
        Assert.Contains("sns:GetTopicAttributes", warning.Remedy, StringComparison.Ordinal);
    }

    [Fact]
    public void Assess_EndpointUnreachable_TopicUnreadableWithoutAskingForAGrant()
    {
        var warning = Assert.Single(NotificationPathCheck.Assess(AlarmTopic, new TopicRead(null, "EndpointUnreachable", "Cannot reach http://127.0.0.1:9"), "us-east-1", "123456789012"));

        Assert.Equal("topicUnreadable", warning.Code);
        Assert.DoesNotContain("sns:GetTopicAttributes", warning.Remedy, StringComparison.Ordinal);
        Assert.Contains("next run checks it again", warning.Remedy, StringComparison.Ordinal);
    }

    [Fact]
    public void Assess_AlarmAndReportTopicWithoutSubscribers_NamesBothUsers()
    {
        var both = AlarmTopic with { ReceivesReports = true };

        var warning = Assert.Single(Assess(both, Attributes(confirmed: 0)));

        Assert.Contains("the notifications of 1 alarm and the drift reports reach nobody", warning.Cause, StringComparison.Ordinal);
        Assert.Equal(["r-orders-error-rate", "report"], warning.Resources);
    }

    [Fact]
    public void Assess_TopicOfThousandsOfAlarms_ListsTwentyAndCountsAll()
    {
        var alarms = Enumerable.Range(0, 2400).Select(i => $"r-orders-{i:D4}").ToList();

        var warning = Assert.Single(Assess(AlarmTopic with { Alarms = alarms }, Attributes(confirmed: 0)));

        Assert.Equal((RunWarning.MaxResourcesListed, 2400), (warning.Resources.Count, warning.ResourceCount));
        Assert.Contains("2400 alarms", warning.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public void WarningLines_MoreThanFiveResources_NamesFiveAndCountsTheRest()
    {
        var warning = RunWarning.Of("notificationPath", "topicMissing", Topic, ["orders"], [.. Enumerable.Range(1, 8).Select(i => $"alarm-{i}")], "gone", "create it");
        var text = new System.Text.StringBuilder();

        Reconciler.Reporting.WarningLines.Append(text, [warning], Reconciler.Reporting.TextStyle.Plain);

        Assert.Contains("used by alarm-1, alarm-2, alarm-3, alarm-4, alarm-5 and 3 more", System.Text.RegularExpressions.Regex.Replace(text.ToString(), @"\s+", " "), StringComparison.Ordinal);
    }

    private static IReadOnlyList<RunWarning> Assess(NotifiedTopic topic, Dictionary<string, string> attributes) =>
        NotificationPathCheck.Assess(topic, new TopicRead(attributes), "us-east-1", "123456789012");

    private static Dictionary<string, string> Attributes(int confirmed, int pending = 0, string? key = null, string policy = AllowCloudWatch)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["TopicArn"] = Topic,
            ["Policy"] = policy,
            ["SubscriptionsConfirmed"] = confirmed.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["SubscriptionsPending"] = pending.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (key is not null)
        {
            attributes["KmsMasterKeyId"] = key;
        }

        return attributes;
    }
}
