using System.CommandLine;
using Reconciler.Reporting;

namespace Reconciler.Hosting.Cli;

/// <summary>
/// `reconciler plan`: observe the account and print, field by field, what differs from the policies. Writes nothing.
/// Exit codes: 0 in sync, 2 drift or conflicts found, 1 error (bad policies, AWS configuration, or part of the account
/// could not be read, so the plan may be incomplete).
/// </summary>
internal static class PlanCommand
{
    /// <summary>Exit code when drift was found.</summary>
    public const int DriftExitCode = 2;

    /// <summary>Builds the command.</summary>
    /// <param name="environment">Reads an environment variable (the process environment, or a test's).</param>
    public static Command Create(Func<string, string?> environment)
    {
        var options = new EngineOptions();
        var command = new Command("plan", "Show what differs from the policies, field by field. Changes nothing.");
        options.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var interrupted = new InterruptSignals(cancellationToken);
            return await RunAsync(new EngineInvocation(options, parse, Console.Out, Console.Error, environment), Console.Out, interrupted.Token);
        });
        return command;
    }

    /// <summary>Runs a plan and prints it; returns the exit code.</summary>
    public static async Task<int> RunAsync(EngineInvocation invocation, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        using var run = await invocation.RunAsync(apply: false, dryRun: false, [], cancellationToken);
        if (run is not { Result: var result })
        {
            return EngineInvocation.ErrorExitCode;
        }

        if (invocation.Format == OutputFormat.Json)
        {
            invocation.WriteJson(result.Report);
        }
        else
        {
            output.Write(PlanTextRenderer.Render(result.Plan, readFailures: [.. result.Errors.Select(problem => problem.Summary)], warnings: result.Warnings));
        }

        return result.Errors.Count > 0 ? EngineInvocation.ErrorExitCode
            : result.Plan.InSync ? 0
            : DriftExitCode;
    }
}
