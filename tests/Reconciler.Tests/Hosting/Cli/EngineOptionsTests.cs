using Reconciler.Tests.Policies;

namespace Reconciler.Tests.Hosting.Cli;

/// <summary>User errors on the plan/apply command line: one clear sentence, exit 1, nothing read from AWS.</summary>
[Collection(ConsoleCaptureGroup.Name)]
public sealed class EngineOptionsTests
{
    [Theory]
    [InlineData("--output", "yaml", "--output 'yaml' is not a format this command writes; use text or json.")]
    [InlineData("--endpoint-url", "notaurl", "--endpoint-url 'notaurl' is not an http(s) URL; e.g. http://127.0.0.1:5000.")]
    [InlineData("--deadline", "0", "--deadline must be a positive number of seconds.")]
    [InlineData("--max-changes", "-1", "--max-changes must be 0 or more.")]
    public async Task Plan_BadOptionValue_NamesTheOptionAndWhatIsValid(string option, string value, string message)
    {
        var (exitCode, _, error) = await ValidateCommandTests.RunAsync("plan", "--policies", "/nonexistent", option, value);

        Assert.Equal(1, exitCode);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
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
}
