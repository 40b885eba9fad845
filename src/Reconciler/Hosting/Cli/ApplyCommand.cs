using System.CommandLine;
using Reconciler.Reconciliation;
using Reconciler.Reporting;

namespace Reconciler.Hosting.Cli;

/// <summary>
/// `reconciler apply`: plan, then write the changes (within the guards), print the report and publish it to SNS when
/// a topic is configured. Exit codes: 0 converged, 2 work left (pending changes or unresolved conflicts), 1 some
/// change or the report's publication failed, or part of the account could not be read.
/// </summary>
internal static class ApplyCommand
{
    /// <summary>Exit code when work is left for the next run.</summary>
    public const int PendingExitCode = 2;

    /// <summary>Builds the command.</summary>
    /// <param name="environment">Reads an environment variable (the process environment, or a test's).</param>
    public static Command Create(Func<string, string?> environment)
    {
        var options = new EngineOptions();
        var reportTopic = new Option<string?>("--report-topic")
        {
            Description = "Publish the report to this SNS topic (default: each policy's report.topicArn, else REPORT_TOPIC_ARN).",
            HelpName = "ARN",
            // Checked before the run: a topic found wrong only when publishing would come after every write.
            Validators = { result => EngineOptions.Check(result, InputRules.CheckSnsTopicArn) },
        };
        var dryRun = new Option<bool>("--dry-run")
        {
            Description = "Plan and report as apply would, but write nothing.",
        };
        var command = new Command("apply", "Correct drift: write what the plan says, within the guards, then report.");
        options.AddTo(command);
        command.Options.Add(reportTopic);
        command.Options.Add(dryRun);
        command.SetAction(async (parse, cancellationToken) =>
        {
            // Ctrl-C stops starting writes; what was not written is reported as pending, and the report still goes out.
            using var interrupted = new InterruptSignals(cancellationToken);
            return await RunAsync(
                new EngineInvocation(options, parse, Console.Out, Console.Error, environment),
                parse.GetValue(reportTopic),
                parse.GetValue(dryRun),
                Console.Out,
                Console.Error,
                interrupted.Token);
        });
        return command;
    }

    /// <summary>Runs an apply, prints the report and publishes it; returns the exit code.</summary>
    public static async Task<int> RunAsync(EngineInvocation invocation, string? reportTopic, bool dryRun, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var environmentTopic = invocation.Variable("REPORT_TOPIC_ARN");
        // REPORT_TOPIC_ARN is only read when --report-topic is not given; then it is checked like the option.
        var topicProblem = reportTopic is null && environmentTopic is not null ? InputRules.CheckSnsTopicArn("REPORT_TOPIC_ARN", environmentTopic) : null;
        var reportTopics = new ReportTopics(reportTopic, environmentTopic);
        using var run = await invocation.RunAsync(apply: true, dryRun, topicProblem is null ? [] : [topicProblem], cancellationToken, reportTopics);
        if (run is not { Result: var result, Aws: var aws, Selection: var selection })
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
            output.WriteLine();
            output.Write(ReportTextRenderer.Render(result.Report));
        }

        // After Ctrl-C the report matters most: it says what was written and what is pending, so it still goes out.
        var ended = await RunEnding.PublishAsync(aws.Sns, result, selection, reportTopics, CancellationToken.None);
        foreach (var topic in ended.Publication.Topics)
        {
            if (topic.Succeeded)
            {
                error.WriteLine($"Report published to {topic.TopicArn}");
            }
            else
            {
                error.WriteLine($"Could not publish the report to {topic.TopicArn}: {topic.ErrorCode}: {topic.Error}");
            }
        }

        return ended.Failed ? EngineInvocation.ErrorExitCode
            : result.HasPendingWork || result.Plan.Conflicts.Count > 0 ? PendingExitCode
            : 0;
    }
}
