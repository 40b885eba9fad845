using System.Text.Json;
using Reconciler.Hosting;
using Reconciler.Hosting.Lambda;
using Reconciler.Tests.Policies;

namespace Reconciler.Tests.Hosting.Cli;

/// <summary>User errors on the plan/apply command line: one clear sentence, exit 1, nothing read from AWS.</summary>
[Collection(ConsoleCaptureGroup.Name)]
public sealed class EngineOptionsTests
{
    private const string Topic = "arn:aws:sns:us-east-1:123456789012:drift-reports";

    [Theory]
    [InlineData("--output", "yaml", "--output: 'yaml' is not a format this command writes. Use text or json.")]
    [InlineData("--endpoint-url", "notaurl", "--endpoint-url: 'notaurl' is not an http(s) URL. Use e.g. http://127.0.0.1:5000.")]
    [InlineData("--deadline", "0", "--deadline: '0' is not a whole number of seconds from 1 to 86400.")]
    [InlineData("--deadline", "abc", "--deadline: 'abc' is not a whole number of seconds from 1 to 86400.")]
    [InlineData("--deadline", "1.5", "--deadline: '1.5' is not a whole number of seconds from 1 to 86400.")]
    [InlineData("--deadline", "99999999999", "--deadline: '99999999999' is not a whole number of seconds from 1 to 86400.")]
    [InlineData("--deadline", "86401", "--deadline: '86401' is not a whole number of seconds from 1 to 86400.")]
    [InlineData("--deadline", "+5", "--deadline: '+5' is not a whole number of seconds from 1 to 86400.")]
    [InlineData("--max-changes", "-1", "--max-changes: '-1' is not a whole number from 0 to 10000.")]
    [InlineData("--max-changes", "abc", "--max-changes: 'abc' is not a whole number from 0 to 10000.")]
    [InlineData("--max-changes", "10001", "--max-changes: '10001' is not a whole number from 0 to 10000.")]
    [InlineData("--alarm-prefix", "", "--alarm-prefix: '' is not a usable alarm name prefix. Use 1 to 100 letters")]
    [InlineData("--alarm-prefix", "a b", "--alarm-prefix: 'a b' is not a usable alarm name prefix.")]
    [InlineData("--alarm-prefix", "obs\n", "--alarm-prefix: 'obs\n' is not a usable alarm name prefix.")]
    [InlineData("--log-level", "loud", "--log-level: 'loud' is not a log level. Use Debug, Information, Warning or Error.")]
    [InlineData("--region", "us east 1", "--region: 'us east 1' is not an AWS Region. Use a Region code such as us-east-1")]
    [InlineData("--region", "us-east-1\n", "--region: 'us-east-1\n' is not an AWS Region.")]
    [InlineData("--region", "", "--region: '' is not an AWS Region.")]
    public async Task Plan_BadOptionValue_NamesTheOptionAndWhatIsValid(string option, string value, string message)
    {
        var (exitCode, output, error) = await CliRun.RunAsync(CliRun.Environment(), "plan", "--policies", "/nonexistent", option, value);

        Assert.Equal(1, exitCode);
        Assert.StartsWith(message, error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        // Checked before the policies are read, and no help page on stdout.
        Assert.DoesNotContain("policy directory not found", error, StringComparison.Ordinal);
        Assert.Empty(output);
    }

    [Theory]
    [InlineData("--deadline", "1")]
    [InlineData("--deadline", "86400")]
    [InlineData("--max-changes", "0")]
    [InlineData("--max-changes", "10000")]
    [InlineData("--alarm-prefix", "platform.obs_1")]
    [InlineData("--log-level", "warn")]
    [InlineData("--log-level", "DEBUG")]
    [InlineData("--region", "us-gov-west-1")]
    public async Task Plan_GoodOptionValue_IsAccepted(string option, string value)
    {
        // The policy directory is missing, so the run stops at the policies: the value itself was accepted.
        var (exitCode, _, error) = await CliRun.RunAsync(CliRun.Environment(), "plan", "--policies", "/nonexistent", option, value);

        Assert.Equal(1, exitCode);
        Assert.StartsWith("/nonexistent:0:0: policy directory not found", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("json")]
    [InlineData("JSON")]
    [InlineData("text")]
    public async Task Plan_OutputFormatInAnyCase_IsAccepted(string format)
    {
        // The policy directory is missing, so the run stops at the policies: the format itself was accepted.
        var (exitCode, _, error) = await ValidateCommandTests.RunAsync("plan", "--policies", "/nonexistent", "--output", format);

        Assert.Equal(1, exitCode);
        Assert.Contains("policy directory not found", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_MisspeltOption_SuggestsTheOptionOnStderrAndPrintsNoHelpPage()
    {
        var (exitCode, output, error) = await CliRun.RunAsync(CliRun.Environment(), "plan", "--dedline", "5");

        Assert.Equal(1, exitCode);
        Assert.Contains("Unrecognized command or argument '--dedline'.", error, StringComparison.Ordinal);
        Assert.Contains("Did you mean --deadline instead of --dedline?", error, StringComparison.Ordinal);
        Assert.Contains("Run `reconciler plan --help`", error, StringComparison.Ordinal);
        Assert.Empty(output);
    }

    [Theory]
    [InlineData("AWS_REGION", "us east 1")]
    [InlineData("AWS_REGION", "US-EAST-1")]
    [InlineData("AWS_DEFAULT_REGION", "useast1")]
    public async Task Plan_BadRegionVariable_NamesTheVariableBeforeReadingAnything(string variable, string value)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal) { [variable] = value };

        var (exitCode, output, error) = await CliRun.RunAsync(environment, "plan", "--policies", "/nonexistent");

        Assert.Equal(1, exitCode);
        Assert.Equal($"{variable}: '{value}' is not an AWS Region. Use a Region code such as us-east-1 or eu-west-1.\nNothing was read from or changed in AWS.\n", error);
        Assert.Empty(output);
    }

    [Fact]
    public async Task Plan_RegionOptionGiven_BadRegionVariableIsNotUsedSoNotRefused()
    {
        var (exitCode, _, error) = await CliRun.RunAsync(CliRun.Environment(("AWS_REGION", "us east 1")), "plan", "--policies", "/nonexistent", "--region", "eu-west-1");

        Assert.Equal(1, exitCode);
        Assert.StartsWith("/nonexistent:0:0: policy directory not found", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nope")]
    [InlineData("")]
    [InlineData("arn:aws:sqs:us-east-1:123456789012:drift-reports")]
    [InlineData("arn:aws:sns:us-east-1:12345:drift-reports")]
    [InlineData("arn:aws:sns:us-east-1:123456789012:drift-reports\n")]
    public async Task Apply_BadReportTopic_RefusedBeforeAnythingIsReadOrWritten(string topic)
    {
        var (exitCode, output, error) = await CliRun.RunAsync(CliRun.Environment(), "apply", "--policies", "/nonexistent", "--report-topic", topic);

        Assert.Equal(1, exitCode);
        Assert.StartsWith($"--report-topic: '{topic}' is not an SNS topic ARN. Use arn:<partition>:sns:<region>:<12-digit account id>:<topic name>", error, StringComparison.Ordinal);
        Assert.DoesNotContain("policy directory not found", error, StringComparison.Ordinal);
        Assert.Empty(output);
    }

    [Fact]
    public async Task Apply_BadReportTopicVariable_RefusedBeforeAnythingIsRead()
    {
        var (exitCode, _, error) = await CliRun.RunAsync(CliRun.Environment(("REPORT_TOPIC_ARN", "drift-reports")), "apply", "--policies", "/nonexistent");

        Assert.Equal(1, exitCode);
        Assert.StartsWith("REPORT_TOPIC_ARN: 'drift-reports' is not an SNS topic ARN.", error, StringComparison.Ordinal);
        Assert.DoesNotContain("policy directory not found", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_ReportTopicOptionGiven_UnusedTopicVariableIsNotRefused()
    {
        var (exitCode, _, error) = await CliRun.RunAsync(
            CliRun.Environment(("REPORT_TOPIC_ARN", "drift-reports")), "apply", "--policies", "/nonexistent", "--report-topic", Topic);

        Assert.Equal(1, exitCode);
        Assert.StartsWith("/nonexistent:0:0: policy directory not found", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a b")]
    [InlineData("obs*")]
    [InlineData("-obs")]
    public async Task AlarmPrefix_SameBadValue_CliAndLambdaSayTheSameThing(string prefix)
    {
        var (_, _, error) = await CliRun.RunAsync(CliRun.Environment(), "plan", "--alarm-prefix", prefix);
        var lambda = Assert.Throws<InvalidLambdaSettingsException>(
            () => LambdaSettings.FromEnvironment(name => name == "ALARM_NAME_PREFIX" ? prefix : null, directoryExists: _ => true));

        var rule = InputRules.CheckAlarmNamePrefix("NAME", prefix)!;
        Assert.StartsWith(rule.Replace("NAME", "--alarm-prefix", StringComparison.Ordinal) + "\n", error, StringComparison.Ordinal);
        Assert.Equal(rule.Replace("NAME", "ALARM_NAME_PREFIX", StringComparison.Ordinal), Assert.Single(lambda.Problems));
    }
}
