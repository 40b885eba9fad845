using Reconciler.Hosting.Lambda;
using Reconciler.Telemetry;

namespace Reconciler.Tests.Hosting.Lambda;

public sealed class LambdaSettingsTests
{
    [Fact]
    public void FromEnvironment_NothingSet_UsesPoliciesBesideTheBootstrapAndDefaults()
    {
        var settings = LambdaSettings.FromEnvironment(
            Environment(("LAMBDA_TASK_ROOT", "/var/task")),
            directoryExists: path => path == "/var/task/policies");

        Assert.Equal(
            new LambdaSettings("/var/task/policies", null, DryRun: false, MaxChangesPerRun: null, RunLogLevel.Information, "reconciler"),
            settings);
    }

    [Fact]
    public void FromEnvironment_EverythingSet_ReadsEveryVariable()
    {
        var settings = LambdaSettings.FromEnvironment(
            Environment(
                ("POLICY_DIR", "/opt/policies"),
                ("REPORT_TOPIC_ARN", "arn:aws:sns:eu-west-1:123456789012:drift-reports"),
                ("DRY_RUN", "TRUE"),
                ("MAX_CHANGES_PER_RUN", "250"),
                ("LOG_LEVEL", "debug"),
                ("ALARM_NAME_PREFIX", "platform-obs")),
            directoryExists: _ => true);

        Assert.Equal(
            new LambdaSettings("/opt/policies", "arn:aws:sns:eu-west-1:123456789012:drift-reports", DryRun: true, 250, RunLogLevel.Debug, "platform-obs"),
            settings);
    }

    [Theory]
    [InlineData("DRY_RUN", "maybe", "DRY_RUN: 'maybe' is not a boolean")]
    [InlineData("MAX_CHANGES_PER_RUN", "0", "MAX_CHANGES_PER_RUN: '0' is not a whole number from 1 to 10000")]
    [InlineData("MAX_CHANGES_PER_RUN", "-5", "MAX_CHANGES_PER_RUN: '-5'")]
    [InlineData("MAX_CHANGES_PER_RUN", "10001", "MAX_CHANGES_PER_RUN: '10001'")]
    [InlineData("LOG_LEVEL", "verbose", "LOG_LEVEL: 'verbose' is not a log level")]
    [InlineData("REPORT_TOPIC_ARN", "drift-reports", "REPORT_TOPIC_ARN: 'drift-reports' is not an SNS topic ARN")]
    [InlineData("REPORT_TOPIC_ARN", "arn:aws:sqs:us-east-1:123456789012:q", "is not an SNS topic ARN")]
    [InlineData("REPORT_TOPIC_ARN", "arn:aws:sns:us east 1:123456789012:drift", "is not an SNS topic ARN")]
    [InlineData("ALARM_NAME_PREFIX", "obs*", "ALARM_NAME_PREFIX: 'obs*' is not a usable alarm name prefix. Use 1 to 100 letters")]
    [InlineData("ALARM_NAME_PREFIX", "-obs", "ALARM_NAME_PREFIX: '-obs' is not a usable alarm name prefix")]
    [InlineData("ALARM_NAME_PREFIX", "a b", "ALARM_NAME_PREFIX: 'a b' is not a usable alarm name prefix")]
    [InlineData("AWS_REGION", "us east 1", "AWS_REGION: 'us east 1' is not an AWS Region. Use a Region code such as us-east-1")]
    [InlineData("AWS_REGION", "US-EAST-1", "AWS_REGION: 'US-EAST-1' is not an AWS Region")]
    [InlineData("AWS_DEFAULT_REGION", "useast1", "AWS_DEFAULT_REGION: 'useast1' is not an AWS Region")]
    public void FromEnvironment_InvalidValue_ThrowsNamingVariableValueAndRemedy(string name, string value, string expected)
    {
        var exception = Assert.Throws<InvalidLambdaSettingsException>(
            () => LambdaSettings.FromEnvironment(Environment((name, value)), directoryExists: _ => true));

        var problem = Assert.Single(exception.Problems);
        Assert.Contains(expected, problem, StringComparison.Ordinal);
        Assert.Contains(expected, exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("us-east-1")]
    [InlineData("us-gov-west-1")]
    [InlineData("ap-southeast-4")]
    [InlineData("cn-north-1")]
    public void FromEnvironment_RegionCode_IsAccepted(string region)
    {
        var settings = LambdaSettings.FromEnvironment(Environment(("AWS_REGION", region), ("AWS_DEFAULT_REGION", "not a region")), directoryExists: _ => true);

        Assert.Equal("reconciler", settings.AlarmNamePrefix);
    }

    [Fact]
    public void FromEnvironment_MissingPolicyFolder_Throws()
    {
        var exception = Assert.Throws<InvalidLambdaSettingsException>(
            () => LambdaSettings.FromEnvironment(Environment(("POLICY_DIR", "/nowhere")), directoryExists: _ => false));

        Assert.Contains("POLICY_DIR: folder '/nowhere' does not exist", Assert.Single(exception.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void FromEnvironment_SeveralInvalidValues_ReportsAllAtOnce()
    {
        var exception = Assert.Throws<InvalidLambdaSettingsException>(
            () => LambdaSettings.FromEnvironment(Environment(("DRY_RUN", "x"), ("LOG_LEVEL", "y")), directoryExists: _ => true));

        Assert.Equal(2, exception.Problems.Count);
    }

    private static Func<string, string?> Environment(params (string Name, string Value)[] variables)
    {
        var map = variables.ToDictionary(variable => variable.Name, variable => variable.Value);
        return name => map.GetValueOrDefault(name);
    }
}
