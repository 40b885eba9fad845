using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Reconciler.Telemetry;

namespace Reconciler.Tests.Telemetry;

public sealed class RunLoggerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 34, 56, 789, TimeSpan.Zero);

    [Fact]
    public void Information_Template_WritesOneJsonLineWithRenderedMessageFieldsAndRunId()
    {
        var (logger, output) = Create();

        logger.Information("Set tracing {Mode} on {FunctionName} ({Count} of {Total}, dry run {DryRun})", "Active", "orders-api", 3, 10L, false);

        var line = Assert.Single(Lines(output));
        Assert.Equal("2026-11-25T12:34:56.789Z", line.GetProperty("timestamp").GetString());
        Assert.Equal("Information", line.GetProperty("level").GetString());
        Assert.Equal("run-42", line.GetProperty("runId").GetString());
        Assert.Equal("Set tracing Active on orders-api (3 of 10, dry run false)", line.GetProperty("message").GetString());
        Assert.Equal("Set tracing {Mode} on {FunctionName} ({Count} of {Total}, dry run {DryRun})", line.GetProperty("messageTemplate").GetString());
        Assert.Equal("Active", line.GetProperty("Mode").GetString());
        Assert.Equal(3, line.GetProperty("Count").GetInt32());
        Assert.Equal(10, line.GetProperty("Total").GetInt64());
        Assert.False(line.GetProperty("DryRun").GetBoolean());
    }

    [Fact]
    public void Log_BelowMinimumLevel_WritesNothing()
    {
        var (logger, output) = Create(RunLogLevel.Warning);

        logger.Information("Quiet {Value}", 1);
        logger.Debug("Quieter {Value}", 2);
        logger.Warning("Loud {Value}", 3);

        Assert.Equal("Loud 3", Assert.Single(Lines(output)).GetProperty("message").GetString());
    }

    [Fact]
    public void Log_SecretLookingNamesAndValues_AreRedactedEverywhere()
    {
        var (logger, output) = Create();
        const string secretKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
        const string keyId = "AKIAIOSFODNN7EXAMPLE";

        logger.Information("Signing with {SecretAccessKey} and {SessionToken} as {Caller}", secretKey, "FwoGZXIvYXdzEXAMPLETOKEN", $"user with key {keyId}");
        logger.Error(new InvalidOperationException($"Request signed with Credential={keyId}/20261125/us-east-1/sts/aws4_request failed"), "Call failed for {Password}", "hunter2");

        var text = output.ToString();
        Assert.DoesNotContain(secretKey, text, StringComparison.Ordinal);
        Assert.DoesNotContain("FwoGZXIvYXdzEXAMPLETOKEN", text, StringComparison.Ordinal);
        Assert.DoesNotContain(keyId, text, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", text, StringComparison.Ordinal);
        var lines = Lines(output);
        Assert.Equal(2, lines.Count);
        Assert.All(lines, line => Assert.False(SecretRedactor.LooksSecret(line.GetRawText())));
        Assert.Equal("[redacted]", lines[0].GetProperty("SecretAccessKey").GetString());
        Assert.Equal("Signing with [redacted] and [redacted] as user with key [redacted]", lines[0].GetProperty("message").GetString());
    }

    [Fact]
    public void Error_WithException_WritesTypeAndStackTrace()
    {
        var (logger, output) = Create();
        Exception thrown;
        try
        {
            throw new TimeoutException("CloudWatch did not answer");
        }
        catch (TimeoutException exception)
        {
            thrown = exception;
        }

        logger.Error(thrown, "Observe failed for {Policy}", "orders");

        var line = Assert.Single(Lines(output));
        Assert.Equal("System.TimeoutException", line.GetProperty("exceptionType").GetString());
        Assert.Contains(nameof(Error_WithException_WritesTypeAndStackTrace), line.GetProperty("exception").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Log_HoleNamedLikeReservedField_DoesNotOverwriteIt()
    {
        var (logger, output) = Create();

        logger.Information("Got {Message} at {Level}", "hello", 3);

        var line = Assert.Single(Lines(output));
        Assert.Equal("Got hello at 3", line.GetProperty("message").GetString());
        Assert.Equal("hello", line.GetProperty("field_Message").GetString());
        Assert.Equal("Information", line.GetProperty("level").GetString());
    }

    [Fact]
    public void Log_TextWithNewlinesAndQuotes_StaysOneValidLine()
    {
        var (logger, output) = Create();

        logger.Warning("Odd {Value}", "line1\nline2 \"quoted\"");

        Assert.Single(output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("line1\nline2 \"quoted\"", Assert.Single(Lines(output)).GetProperty("Value").GetString());
    }

    [Fact]
    public void ForRun_NewRunId_KeepsOutputAndLevel()
    {
        var (logger, output) = Create(RunLogLevel.Warning);

        var other = logger.ForRun("run-43");
        other.Information("dropped");
        other.Warning("kept");

        var line = Assert.Single(Lines(output));
        Assert.Equal("run-43", line.GetProperty("runId").GetString());
    }

    private static (RunLogger Logger, StringWriter Output) Create(RunLogLevel level = RunLogLevel.Debug)
    {
        var output = new StringWriter();
        return (new RunLogger(output, new FakeTimeProvider(Now), "run-42", level), output);
    }

    private static List<JsonElement> Lines(StringWriter output) =>
        output.ToString()
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement.Clone())
            .ToList();
}
