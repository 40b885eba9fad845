using System.CommandLine;
using Reconciler.Hosting.Demo;
using Reconciler.LocalEmulator;

namespace Reconciler.Hosting.Cli;

/// <summary>
/// `reconciler demo [--keep] [--policies DIR]`: the reconciler at work on policies/project-management.yaml against a
/// local moto, in under a minute: seed, plan, apply, plan again, the report as email. Needs Python 3 with
/// moto[server] 5.2.1; says what to install when they are missing. Exit 0 when the story went as told, 1 otherwise.
/// </summary>
internal static class DemoCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var keep = new Option<bool>("--keep")
        {
            Description = "Leave the emulator running at the end and print its endpoint, example commands and how to stop it.",
        };
        var policies = new Option<string?>("--policies")
        {
            Description = "Folder holding project-management.yaml (default: policies/ found upward from the current directory).",
            HelpName = "DIR",
        };
        var command = new Command("demo", "Show the reconciler at work on a local AWS emulator (moto): seed an app, plan, apply, plan again, read the report.");
        command.Options.Add(keep);
        command.Options.Add(policies);
        command.SetAction(async (parse, cancellationToken) =>
        {
            // Handling the signals lets the demo stop moto and say why it stopped, rather than leave moto running.
            using var interrupted = new InterruptSignals(cancellationToken);
            var options = new DemoOptions(parse.GetValue(policies), parse.GetValue(keep), UseColor(), new MotoServerOptions());
            return await new DemoRunner(options, Console.Out, Console.Error, TimeProvider.System).RunAsync(interrupted.Token);
        });
        return command;
    }

    // https://no-color.org: any non-empty NO_COLOR turns colour off; pipes and files never get escape codes.
    private static bool UseColor() =>
        !Console.IsOutputRedirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
}
