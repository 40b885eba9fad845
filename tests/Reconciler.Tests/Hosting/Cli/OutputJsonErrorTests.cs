using System.Text.Json;
using Reconciler.Tests.Policies;

namespace Reconciler.Tests.Hosting.Cli;

/// <summary>
/// `--output json` when the command cannot run: stdout still holds one JSON document,
/// {"error": {"kind": …, "messages": […]}} (docs/report-schema.md), and stderr the same messages as text.
/// </summary>
[Collection(ConsoleCaptureGroup.Name)]
public sealed class OutputJsonErrorTests : IDisposable
{
    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("output-json-error-");

    public void Dispose() => _temp.Delete(recursive: true);

    [Fact]
    public async Task Plan_OutputJsonAndNoPolicyDirectory_PrintsInvalidPolicyDocument()
    {
        var (exitCode, output, error) = await CliRun.RunAsync(CliRun.Environment(), "plan", "--policies", "/nonexistent", "--output", "json");

        Assert.Equal(1, exitCode);
        var (kind, messages) = ParseError(output);
        Assert.Equal("invalidPolicy", kind);
        Assert.StartsWith("/nonexistent:0:0: policy directory not found", Assert.Single(messages), StringComparison.Ordinal);
        Assert.Contains(messages[0], error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_OutputJsonAndInvalidPolicy_PrintsEveryPolicyError()
    {
        File.WriteAllText(Path.Combine(_temp.FullName, "bad.yaml"), PolicyText.WithSpec("  mode: enforced", "  tracing: { lamda: Active }"));

        var (exitCode, output, _) = await CliRun.RunAsync(CliRun.Environment(), "apply", "--policies", _temp.FullName, "--output", "json");

        Assert.Equal(1, exitCode);
        var (kind, messages) = ParseError(output);
        Assert.Equal("invalidPolicy", kind);
        Assert.Equal(2, messages.Count);
        Assert.All(messages, message => Assert.StartsWith(Path.Join(_temp.FullName, "bad.yaml") + ":", message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("--deadline", "abc", "--deadline: 'abc' is not a whole number of seconds from 1 to 86400.")]
    [InlineData("--alarm-prefix", "", "--alarm-prefix: '' is not a usable alarm name prefix.")]
    [InlineData("--dedline", "5", "Unrecognized command or argument '--dedline'.")]
    public async Task Plan_OutputJsonAndBadOption_PrintsInvalidOptionDocumentAndNoHelpPage(string option, string value, string expected)
    {
        var (exitCode, output, _) = await CliRun.RunAsync(CliRun.Environment(), "plan", "--output", "json", option, value);

        Assert.Equal(1, exitCode);
        var (kind, messages) = ParseError(output);
        Assert.Equal("invalidOption", kind);
        Assert.StartsWith(expected, messages[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_OutputJsonAndBadRegionVariable_PrintsInvalidConfigurationDocument()
    {
        var (exitCode, output, _) = await CliRun.RunAsync(
            CliRun.Environment(("AWS_REGION", "us east 1")), "apply", "--output", "json", "--policies", PolicyText.PoliciesDirectory());

        Assert.Equal(1, exitCode);
        var (kind, messages) = ParseError(output);
        Assert.Equal("invalidConfiguration", kind);
        Assert.Equal("AWS_REGION: 'us east 1' is not an AWS Region. Use a Region code such as us-east-1 or eu-west-1.", Assert.Single(messages));
    }

    [Fact]
    public async Task Plan_OutputJsonAndUnknownPolicyName_PrintsInvalidOptionDocument()
    {
        var (exitCode, output, _) = await CliRun.RunAsync(
            CliRun.Environment(), "plan", "--output", "json", "--policies", PolicyText.PoliciesDirectory(), "--policy", "nope");

        Assert.Equal(1, exitCode);
        var (kind, messages) = ParseError(output);
        Assert.Equal("invalidOption", kind);
        Assert.StartsWith("--policy: no policy named 'nope' in ", Assert.Single(messages), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReportSchemaDoc_ErrorExample_IsWhatTheCliPrints()
    {
        var (_, output, _) = await CliRun.RunAsync(CliRun.Environment(), "plan", "--output", "json", "--deadline", "abc");

        var doc = File.ReadAllText(Path.Combine(PolicyText.RepositoryRoot(), "docs", "report-schema.md"));
        Assert.Contains("## When a command cannot run", doc, StringComparison.Ordinal);
        Assert.Contains(output.TrimEnd('\n'), doc, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_TextOutputAndInvalidPolicy_PrintsNothingOnStdout()
    {
        var (exitCode, output, _) = await CliRun.RunAsync(CliRun.Environment(), "plan", "--policies", "/nonexistent");

        Assert.Equal(1, exitCode);
        Assert.Empty(output);
    }

    /// <summary>The whole of stdout must be the error document and nothing else.</summary>
    private static (string Kind, List<string> Messages) ParseError(string output)
    {
        Assert.EndsWith("}\n", output, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(output);
        var root = document.RootElement;
        Assert.Equal(["error"], root.EnumerateObject().Select(property => property.Name));
        var error = root.GetProperty("error");
        Assert.Equal(["kind", "messages"], error.EnumerateObject().Select(property => property.Name));
        return (error.GetProperty("kind").GetString()!, [.. error.GetProperty("messages").EnumerateArray().Select(message => message.GetString()!)]);
    }
}
