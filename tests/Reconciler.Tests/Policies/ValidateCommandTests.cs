using Reconciler.Hosting.Cli;

namespace Reconciler.Tests.Policies;

/// <summary>Tests that redirect Console.Out/Error; xunit must not run them alongside each other.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCaptureGroup
{
    public const string Name = "Console capture (validate command)";
}

[Collection(ConsoleCaptureGroup.Name)]
public sealed class ValidateCommandTests : IDisposable
{
    private readonly DirectoryInfo temp = Directory.CreateTempSubdirectory("validate-command-");

    public void Dispose() => temp.Delete(recursive: true);

    [Fact]
    public async Task RunAsync_SamplePolicies_ExitsZeroWithOneSummaryLine()
    {
        var (exitCode, output, error) = await RunAsync("validate", "--policies", PolicyText.PoliciesDirectory());

        Assert.Equal(0, exitCode);
        Assert.Equal("1 policy in 1 file is valid: project-management\n", output);
        Assert.Empty(error);
    }

    [Fact]
    public async Task RunAsync_TwoValidPolicies_ListsThemSorted()
    {
        File.WriteAllText(Path.Combine(temp.FullName, "z.yaml"), PolicyLoaderTests.Minimal("zebra") + "---\n" + PolicyLoaderTests.Minimal("alpha"));

        var (exitCode, output, _) = await RunAsync("validate", "--policies", temp.FullName);

        Assert.Equal(0, exitCode);
        Assert.Equal("2 policies in 1 file are valid: alpha, zebra\n", output);
    }

    [Fact]
    public async Task RunAsync_InvalidPolicies_ExitsOneWithEveryErrorAndACount()
    {
        File.WriteAllText(Path.Combine(temp.FullName, "bad.yaml"), PolicyText.WithSpec("  mode: enforced", "  tracing: { lamda: Active }"));
        var file = Path.Join(temp.FullName, "bad.yaml");

        var (exitCode, output, error) = await RunAsync("validate", "--policies", temp.FullName);

        Assert.Equal(1, exitCode);
        Assert.Empty(output);
        Assert.Equal(
            [
                $"{file}:8:9: spec.mode: \"enforced\" is not valid; did you mean \"enforce\"? valid values: enforce, audit",
                $"{file}:9:14: spec.tracing: unknown key \"lamda\"; did you mean \"lambda\"?",
                $"2 errors in {temp.FullName}; nothing was applied. Fix them and run validate again.",
            ],
            error.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public async Task RunAsync_MissingDirectory_ExitsOneWithoutAStackTrace()
    {
        var (exitCode, _, error) = await RunAsync("validate", "--policies", Path.Combine(temp.FullName, "missing"));

        Assert.Equal(1, exitCode);
        Assert.Contains("policy directory not found", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_NoOption_DefaultsToThePoliciesDirectory()
    {
        var command = ValidateCommand.Create();

        var parsed = command.Parse([]);

        Assert.Empty(parsed.Errors);
        Assert.Equal("policies", parsed.GetValue<string>("--policies"));
    }

    internal static Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args) =>
        Hosting.Cli.CliRun.RunAsync(Environment.GetEnvironmentVariable, args);
}
