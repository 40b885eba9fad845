using Reconciler.Verification;

namespace Reconciler.Tests.Verification;

public class TopicPolicyTests
{
    private const string Topic = "arn:aws:sns:us-east-1:123456789012:alerts";
    private const string Account = "123456789012";

    private static readonly Dictionary<string, string> Alarms = new(StringComparer.Ordinal)
    {
        ["r-orders-error-rate"] = "arn:aws:cloudwatch:us-east-1:123456789012:alarm:r-orders-error-rate",
        ["r-search-error-rate"] = "arn:aws:cloudwatch:us-east-1:123456789012:alarm:r-search-error-rate",
    };

    [Fact]
    public void Judge_SnsDefaultPolicyWithSourceOwner_EveryAlarmAllowed()
    {
        // The policy SNS gives a new topic: any principal, conditioned on the owning account.
        var verdict = TopicPolicy.Judge(
            Policy("""{"Effect":"Allow","Principal":{"AWS":"*"},"Action":["SNS:GetTopicAttributes","SNS:Publish"],"Resource":"%T","Condition":{"StringEquals":{"AWS:SourceOwner":"123456789012"}}}"""),
            Topic, Account, Alarms);

        Assert.Equal((0, 0), (verdict.NotAllowed.Count, verdict.Denied.Count));
    }

    [Fact]
    public void Judge_SourceOwnerOfAnotherAccount_NoAlarmAllowed()
    {
        var verdict = TopicPolicy.Judge(
            Policy("""{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"SNS:Publish","Resource":"%T","Condition":{"StringEquals":{"AWS:SourceOwner":"999999999999"}}}"""),
            Topic, Account, Alarms);

        Assert.Equal(Alarms.Keys.Order(StringComparer.Ordinal), verdict.NotAllowed);
    }

    [Fact]
    public void Judge_CloudWatchServiceWithSourceArnForOneAlarm_OnlyTheOtherIsNotAllowed()
    {
        var verdict = TopicPolicy.Judge(
            Policy("""{"Effect":"Allow","Principal":{"Service":["cloudwatch.amazonaws.com"]},"Action":"sns:Publish","Resource":"%T","Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:cloudwatch:us-east-1:123456789012:alarm:r-orders-*"}}}"""),
            Topic, Account, Alarms);

        Assert.Equal(["r-search-error-rate"], verdict.NotAllowed);
    }

    [Fact]
    public void Judge_OnlyAnAccountPrincipal_CloudWatchNotAllowed()
    {
        // An IAM principal of the account is not the CloudWatch service.
        var verdict = TopicPolicy.Judge(
            Policy("""{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"sns:Publish","Resource":"%T"}"""),
            Topic, Account, Alarms);

        Assert.Equal(2, verdict.NotAllowed.Count);
    }

    [Fact]
    public void Judge_UnconditionalDenyForCloudWatch_DeniedEvenWithAnAllow()
    {
        var verdict = TopicPolicy.Judge(
            Policy(
                """{"Effect":"Allow","Principal":"*","Action":"sns:*","Resource":"*"}""",
                """{"Effect":"Deny","Principal":{"Service":"cloudwatch.amazonaws.com"},"Action":"sns:Publish","Resource":"%T"}"""),
            Topic, Account, Alarms);

        Assert.Empty(verdict.NotAllowed);
        Assert.Equal(2, verdict.Denied.Count);
    }

    [Fact]
    public void Judge_DenyWithACondition_NotCounted()
    {
        // Conditions on a Deny (aws:SecureTransport, org ids…) are not evaluated: never warn about a path that may work.
        var verdict = TopicPolicy.Judge(
            Policy(
                """{"Effect":"Allow","Principal":{"Service":"cloudwatch.amazonaws.com"},"Action":"sns:Publish","Resource":"%T"}""",
                """{"Effect":"Deny","Principal":"*","Action":"sns:Publish","Resource":"%T","Condition":{"Bool":{"aws:SecureTransport":"false"}}}"""),
            Topic, Account, Alarms);

        Assert.Equal((0, 0), (verdict.NotAllowed.Count, verdict.Denied.Count));
    }

    [Fact]
    public void Judge_StatementForAnotherTopic_DoesNotCount()
    {
        var verdict = TopicPolicy.Judge(
            Policy("""{"Effect":"Allow","Principal":{"Service":"cloudwatch.amazonaws.com"},"Action":"sns:Publish","Resource":"arn:aws:sns:us-east-1:123456789012:other"}"""),
            Topic, Account, Alarms);

        Assert.Equal(2, verdict.NotAllowed.Count);
    }

    [Fact]
    public void Judge_NotJson_UnreadableAndNothingClaimed()
    {
        var verdict = TopicPolicy.Judge("{not json", Topic, Account, Alarms);

        Assert.NotNull(verdict.Unreadable);
        Assert.Equal((0, 0), (verdict.NotAllowed.Count, verdict.Denied.Count));
    }

    private static string Policy(params string[] statements) =>
        $$"""{"Version":"2012-10-17","Statement":[{{string.Join(',', statements).Replace("%T", Topic, StringComparison.Ordinal)}}]}""";
}
