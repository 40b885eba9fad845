using System.CommandLine;
using System.Globalization;
using System.Text;
using Reconciler.Reporting;
using Reconciler.Watch;

namespace Reconciler.Hosting.Cli;

/// <summary>
/// `reconciler watch --events FILE`: replays a file of EventBridge events (one JSON object per line) against the
/// account as one batch, as the Lambda function does with an SQS batch (docs/watch.md). Exit codes as apply's: 0
/// converged, 2 work left (a change pending, a conflict, a message left for a retry), 1 a failure or an event that
/// could not be read.
/// </summary>
internal static class WatchCommand
{
    /// <summary>Builds the command.</summary>
    /// <param name="environment">Reads an environment variable (the process environment, or a test's).</param>
    public static Command Create(Func<string, string?> environment)
    {
        var options = new EngineOptions();
        var events = new Option<string>("--events")
        {
            Description = "A file of EventBridge 'AWS API Call via CloudTrail' events, one JSON object per line.",
            HelpName = "FILE",
            Required = true,
        };
        var dryRun = new Option<bool>("--dry-run")
        {
            Description = "Plan and report as watch would, but write nothing.",
        };
        var command = new Command("watch", "Reconcile just what a file of CloudTrail events touched, as the Lambda function does with its queue.");
        options.AddTo(command);
        command.Options.Add(events);
        command.Options.Add(dryRun);
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var interrupted = new InterruptSignals(cancellationToken);
            return await RunAsync(
                new EngineInvocation(options, parse, Console.Out, Console.Error, environment),
                parse.GetValue(events)!,
                parse.GetValue(dryRun),
                Console.Out,
                Console.Error,
                interrupted.Token);
        });
        return command;
    }

    /// <summary>Runs the batch in <paramref name="eventsFile"/>, prints what became of each event; returns the exit code.</summary>
    public static async Task<int> RunAsync(EngineInvocation invocation, string eventsFile, bool dryRun, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (ReadMessages(eventsFile, out var problem) is not { } messages)
        {
            invocation.Fail(CliErrorJson.InvalidOption, [problem!]);
            error.WriteLine("Nothing was read from or changed in AWS.");
            return EngineInvocation.ErrorExitCode;
        }

        var ran = await invocation.WatchAsync(messages, dryRun, cancellationToken);
        if (ran is not var (result, _, aws))
        {
            return EngineInvocation.ErrorExitCode;
        }

        using (aws)
        {
            if (invocation.Format == OutputFormat.Json)
            {
                output.WriteLine(WatchResultJson.Render(result, indented: true));
            }
            else
            {
                output.Write(RenderText(result));
            }
        }

        var reconcile = result.Reconcile;
        var failed = result.Items.Any(item => item.Status == WatchItemStatus.Unreadable)
            || (reconcile is not null && (reconcile.Errors.Count > 0 || (reconcile.Apply?.Outcomes.Any(outcome => outcome.Status == Planning.ChangeStatus.Failed) ?? false)));
        return failed ? EngineInvocation.ErrorExitCode
            : result.FailedItems.Count > 0 || (reconcile is not null && (reconcile.HasPendingWork || reconcile.Plan.Conflicts.Count > 0)) ? ApplyCommand.PendingExitCode
            : 0;
    }

    /// <summary>The file's events, one message per non-blank line ("line 3"), or null with the problem.</summary>
    internal static List<WatchMessage>? ReadMessages(string path, out string? problem)
    {
        problem = null;
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            problem = $"--events: cannot read {path}: {exception.Message}";
            return null;
        }

        var messages = new List<WatchMessage>();
        for (var index = 0; index < lines.Length; index++)
        {
            if (!string.IsNullOrWhiteSpace(lines[index]))
            {
                messages.Add(new WatchMessage(string.Create(CultureInfo.InvariantCulture, $"{path}:{index + 1}"), lines[index]));
            }
        }

        if (messages.Count == 0)
        {
            problem = $"--events: {path} holds no event (one EventBridge event as a JSON object per line)";
            return null;
        }

        return messages;
    }

    private static string RenderText(WatchResult result)
    {
        var text = new StringBuilder();
        foreach (var item in result.Items)
        {
            var what = item.Event is { } change
                ? $"{change.EventName} by {change.Author.Arn ?? "an unknown identity"} at {change.EventTime?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) ?? "an unknown time"}"
                : "event";
            text.Append(CultureInfo.InvariantCulture, $"{item.ItemId}: {WatchResultJson.StatusWord(item.Status)}: {what}: {item.Detail}").AppendLine();
        }

        if (result.Reconcile is { } reconcile)
        {
            text.AppendLine();
            text.Append(PlanTextRenderer.Render(reconcile.Plan, readFailures: [.. reconcile.Errors.Select(problem => problem.Summary)], warnings: reconcile.Warnings));
            text.AppendLine();
            text.Append(ReportTextRenderer.Render(reconcile.Report));
        }
        else
        {
            text.AppendLine().AppendLine("Nothing to reconcile: no event touched anything this deployment manages.");
        }

        return text.ToString();
    }
}
