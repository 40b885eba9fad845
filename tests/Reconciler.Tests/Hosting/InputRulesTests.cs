using Reconciler.Hosting;
using Reconciler.Telemetry;

namespace Reconciler.Tests.Hosting;

public sealed class InputRulesTests
{
    [Theory]
    [InlineData("reconciler", true)]
    [InlineData("platform.obs_1-x", true)]
    [InlineData("a", true)]
    [InlineData("", false)]
    [InlineData("a b", false)]
    [InlineData("-obs", false)]
    [InlineData("obs*", false)]
    [InlineData("obs\n", false)]
    [InlineData("obs/x", false)]
    public void CheckAlarmNamePrefix_Table(string prefix, bool valid)
    {
        Assert.Equal(valid, InputRules.CheckAlarmNamePrefix("--alarm-prefix", prefix) is null);
    }

    [Fact]
    public void CheckAlarmNamePrefix_LongestAccepted_Is100Characters()
    {
        Assert.Null(InputRules.CheckAlarmNamePrefix("p", new string('a', 100)));
        Assert.NotNull(InputRules.CheckAlarmNamePrefix("p", new string('a', 101)));
    }

    [Theory]
    [InlineData("us-east-1", true)]
    [InlineData("eu-central-2", true)]
    [InlineData("us-gov-west-1", true)]
    [InlineData("us-isob-east-1", true)]
    [InlineData("us east 1", false)]
    [InlineData("US-EAST-1", false)]
    [InlineData("us-east-1\n", false)]
    [InlineData("useast1", false)]
    [InlineData("us-east", false)]
    [InlineData("us-east-١", false)]
    [InlineData("", false)]
    public void CheckRegion_Table(string region, bool valid)
    {
        Assert.Equal(valid, InputRules.CheckRegion("--region", region) is null);
    }

    [Theory]
    [InlineData("arn:aws:sns:us-east-1:123456789012:drift-reports", true)]
    [InlineData("arn:aws-us-gov:sns:us-gov-west-1:123456789012:drift_reports", true)]
    [InlineData("arn:aws-cn:sns:cn-north-1:123456789012:reports", true)]
    [InlineData("arn:aws-cn:sns:cn-north-1:123456789012:reports.fifo", false)]
    [InlineData("arn:aws:sns:us-east-1:123456789012:drift-reports\n", false)]
    [InlineData("arn:aws:sns:us east 1:123456789012:drift-reports", false)]
    [InlineData("arn:aws:sns:us-east-1:12345678901:drift-reports", false)]
    [InlineData("arn:aws:sqs:us-east-1:123456789012:drift-reports", false)]
    [InlineData("arn:aws:sns:us-east-1:123456789012:", false)]
    [InlineData("drift-reports", false)]
    public void CheckSnsTopicArn_Table(string arn, bool valid)
    {
        Assert.Equal(valid, InputRules.CheckSnsTopicArn("--report-topic", arn) is null);
    }

    [Fact]
    public void CheckSnsTopicArn_FifoTopic_SaysWhyReportsCannotUseIt()
    {
        var problem = InputRules.CheckSnsTopicArn("REPORT_TOPIC_ARN", "arn:aws:sns:us-east-1:123456789012:reports.fifo");

        Assert.NotNull(problem);
        Assert.StartsWith("REPORT_TOPIC_ARN: 'arn:aws:sns:us-east-1:123456789012:reports.fifo' is a FIFO topic", problem, StringComparison.Ordinal);
        Assert.Contains("MessageGroupId", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckRegion_Invalid_NamesTheSourceTheValueAndWhatIsValid()
    {
        Assert.Equal(
            "AWS_REGION: 'us east 1' is not an AWS Region. Use a Region code such as us-east-1 or eu-west-1.",
            InputRules.CheckRegion("AWS_REGION", "us east 1"));
    }

    [Theory]
    [InlineData("debug", nameof(RunLogLevel.Debug))]
    [InlineData("Trace", nameof(RunLogLevel.Debug))]
    [InlineData("INFO", nameof(RunLogLevel.Information))]
    [InlineData("warn", nameof(RunLogLevel.Warning))]
    [InlineData("Error", nameof(RunLogLevel.Error))]
    public void TryParseLogLevel_KnownNameInAnyCase_Parses(string text, string expected)
    {
        Assert.True(InputRules.TryParseLogLevel(text, out var level));
        Assert.Equal(Enum.Parse<RunLogLevel>(expected), level);
    }

    [Theory]
    [InlineData("loud")]
    [InlineData("1")]
    [InlineData("")]
    public void TryParseLogLevel_Unknown_IsRefused(string text)
    {
        Assert.False(InputRules.TryParseLogLevel(text, out _));
    }

    [Theory]
    [InlineData("eu-west-1", "us-east-1", "us-west-2", "--region", "eu-west-1")]
    [InlineData(null, "us-east-1", "us-west-2", "AWS_REGION", "us-east-1")]
    [InlineData(null, " ", "us-west-2", "AWS_DEFAULT_REGION", "us-west-2")]
    public void ExplicitRegion_PicksTheFirstSetSourceLikeTheAwsClients(string? option, string? awsRegion, string? defaultRegion, string source, string region)
    {
        var environment = new Dictionary<string, string?> { ["AWS_REGION"] = awsRegion, ["AWS_DEFAULT_REGION"] = defaultRegion };

        Assert.Equal((source, region), InputRules.ExplicitRegion("--region", option, environment.GetValueOrDefault));
    }

    [Fact]
    public void ExplicitRegion_NothingSet_IsNull()
    {
        Assert.Null(InputRules.ExplicitRegion("--region", null, _ => null));
    }
}
