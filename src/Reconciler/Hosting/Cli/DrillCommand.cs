using System.CommandLine;
using Reconciler.Drill;
using Reconciler.Planning;
using Reconciler.Reconciliation;

namespace Reconciler.Hosting.Cli;

/// <summary>
/// `reconciler drill`: fire the reconciler's own alarms with SetAlarmState, prove from the alarm history that each
/// ALARM action ran (optionally that SNS delivered it, through a temporary SQS queue), and set each alarm back.
/// Without --yes it only says what it would drill. Exit codes: 0 every action delivered (or a preview), 1 an action
/// failed or is unknown, an alarm could not be restored, or the drill could not run.
/// </summary>
internal static class DrillCommand
{
    /// <summary>The variable naming this deployment's owner id, as for the Lambda; default "reconciler".</summary>
    public const string AlarmPrefixVariable = "ALARM_NAME_PREFIX";

    /// <summary>Builds the command.</summary>
    /// <param name="environment">Reads an environment variable (the process environment, or a test's).</param>
    public static Command Create(Func<string, string?> environment)
    {
        var options = new EngineOptions();
        options.Output.Description = "text for people, json for machines (docs/drill.md, schema docs/drill-v1.schema.json).";
        options.Policy.Description = "Drill only the alarms of the policy with this metadata.name.";
        var alarm = new Option<string[]>("--alarm")
        {
            Description = "Drill only alarms whose name matches this glob ('*', '?'); repeat for more. A match the reconciler does not own is listed as skipped.",
            HelpName = "GLOB",
            AllowMultipleArgumentsPerToken = false,
        };
        var yes = new Option<bool>("--yes")
        {
            Description = "Really drill: set the alarms to ALARM, which notifies whoever their topics notify. Without it, only list what would be drilled.",
        };
        var timeout = new Option<int>("--timeout")
        {
            Description = $"Seconds to wait, per alarm, for CloudWatch to record each action (1 to {DrillOptions.MaxTimeoutSeconds}); then it is unknown.",
            DefaultValueFactory = _ => DrillOptions.DefaultTimeoutSeconds,
            HelpName = "SECONDS",
            CustomParser = result => EngineOptions.WholeNumber(result, 1, DrillOptions.MaxTimeoutSeconds, "a whole number of seconds"),
        };
        var verifyDelivery = new Option<bool>("--verify-delivery")
        {
            Description = "Also prove SNS delivered each message: subscribe a temporary SQS queue to the drilled topics, read it, then remove both.",
        };
        var command = new Command("drill", "Fire the reconciler's alarms and prove each notification was sent, then restore their state.");
        foreach (var option in new Option[] { options.Policies, options.Policy, alarm, yes, timeout, options.Output, verifyDelivery, options.Region, options.EndpointUrl })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            // Ctrl-C stops the waiting; every fired alarm is still restored and the queue removed.
            using var interrupted = new InterruptSignals(cancellationToken);
            var invocation = new EngineInvocation(options, parse, Console.Out, Console.Error, environment);
            var settings = new DrillSettings(parse.GetValue(alarm) ?? [], parse.GetValue(yes), parse.GetValue(timeout), parse.GetValue(verifyDelivery));
            return await RunAsync(invocation, settings, Console.Out, Console.Error, TimeProvider.System, interrupted.Token);
        });
        return command;
    }

    /// <summary>Runs the drill (or its preview) and prints it; returns the exit code.</summary>
    public static async Task<int> RunAsync(EngineInvocation invocation, DrillSettings settings, TextWriter output, TextWriter error, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        ArgumentNullException.ThrowIfNull(settings);
        var owner = invocation.Variable(AlarmPrefixVariable) ?? PlanningOptions.DefaultAlarmNamePrefix;
        var problems = new List<string>();
        if (InputRules.CheckAlarmNamePrefix(AlarmPrefixVariable, owner) is { } prefixProblem)
        {
            problems.Add(prefixProblem);
        }

        problems.AddRange(settings.Globs.Where(glob => glob.Length == 0).Select(_ => "--alarm: an empty glob matches no alarm name. Use e.g. --alarm '*-error-rate'."));
        if (invocation.CheckEnvironment(problems) is { Count: > 0 } all)
        {
            invocation.Fail(CliErrorJson.InvalidConfiguration, all);
            error.WriteLine("Nothing was read from or changed in AWS.");
            return EngineInvocation.ErrorExitCode;
        }

        if (invocation.LoadPolicies() is not { } selection || invocation.CreateClients() is not var (clientOptions, aws))
        {
            return EngineInvocation.ErrorExitCode;
        }

        using (aws)
        {
            var runId = RunIds.New(time, "drill");
            var request = new DrillRequest(runId, selection.Policies, settings.Globs, owner, settings.Execute, settings.VerifyDelivery);
            DrillResult result;
            try
            {
                result = await new DrillRun(aws, clientOptions.Region, time, settings.Options, message => error.WriteLine(message)).RunAsync(request, cancellationToken);
            }
            catch (DrillException problem)
            {
                invocation.Fail(CliErrorJson.InvalidConfiguration, [problem.Message]);
                return EngineInvocation.ErrorExitCode;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                error.WriteLine("Interrupted before any alarm was fired; nothing was changed.");
                return EngineInvocation.ErrorExitCode;
            }

            output.Write(invocation.Format == OutputFormat.Json ? DrillJsonRenderer.Render(result) + Environment.NewLine : DrillTextRenderer.Render(result));
            if (!result.Executed)
            {
                return 0;
            }

            return result.AllDelivered ? 0 : EngineInvocation.ErrorExitCode;
        }
    }
}

/// <summary>The drill's own options.</summary>
/// <param name="Globs">--alarm.</param>
/// <param name="Execute">--yes.</param>
/// <param name="TimeoutSeconds">--timeout.</param>
/// <param name="VerifyDelivery">--verify-delivery.</param>
internal sealed record DrillSettings(IReadOnlyList<string> Globs, bool Execute, int TimeoutSeconds, bool VerifyDelivery)
{
    /// <summary>
    /// The engine's options: the timeout, and a poll interval of a 24th of it between 0.25 s and 5 s (5 s for the
    /// default 120 s; a short --timeout against a local emulator polls faster).
    /// </summary>
    public DrillOptions Options
    {
        get
        {
            var timeout = TimeSpan.FromSeconds(TimeoutSeconds);
            var poll = TimeSpan.FromMilliseconds(Math.Clamp(timeout.TotalMilliseconds / 24, 250, 5000));
            return new DrillOptions(timeout, poll);
        }
    }
}
