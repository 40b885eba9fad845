using System.CommandLine;

namespace Reconciler.Hosting.Cli;

/// <summary>The command line: one sub-command per file in this folder.</summary>
internal static class CliApp
{
    /// <summary>Parses <paramref name="args"/>, runs the chosen command and returns its exit code.</summary>
    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var root = new RootCommand("Observability reconciler: keeps X-Ray tracing, CloudWatch alarms and dashboards of serverless apps in line with YAML policies.");
        foreach (var command in Commands())
        {
            root.Subcommands.Add(command);
        }

        return await root.Parse(args).InvokeAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private static IEnumerable<Command> Commands()
    {
        yield return ValidateCommand.Create();
        yield return PlanCommand.Create();
        yield return ApplyCommand.Create();
        yield return DemoCommand.Create();
    }
}
