using Reconciler.Hosting.Cli;

namespace Reconciler.Tests.Hosting.Cli;

/// <summary>Runs the CLI in process with a given environment and captures what it prints.</summary>
internal static class CliRun
{
    /// <summary>Tests in <see cref="Policies.ConsoleCaptureGroup"/> only: Console is redirected for the run.</summary>
    public static Task<(int ExitCode, string Output, string Error)> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        RunAsync(name => environment.GetValueOrDefault(name), args);

    /// <summary>The same, reading variables through <paramref name="environment"/> (the process's, for example).</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(Func<string, string?> environment, params string[] args)
    {
        var originalOut = Console.Out;
        var originalError = Console.Error;
        using var output = new StringWriter();
        using var error = new StringWriter();
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            var exitCode = await CliApp.RunAsync(args, environment, CancellationToken.None);
            return (exitCode, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(originalOut);
            Console.SetError(originalError);
        }
    }

    /// <summary>An environment with a valid region and nothing else, so only what a test adds can be wrong.</summary>
    public static Dictionary<string, string> Environment(params (string Name, string Value)[] variables)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal) { ["AWS_REGION"] = "us-east-1" };
        foreach (var (name, value) in variables)
        {
            environment[name] = value;
        }

        return environment;
    }
}
