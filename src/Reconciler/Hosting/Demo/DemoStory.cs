using System.Globalization;
using System.Text.Json;
using Amazon.Runtime;
using Reconciler.Aws;
using Reconciler.LocalEmulator;
using Reconciler.Planning;
using Reconciler.Policies;
using Reconciler.Reconciliation;
using Reconciler.Reporting;
using Reconciler.Telemetry;

namespace Reconciler.Hosting.Demo;

/// <summary>
/// The demo's story, told against a running emulator: seed the app, plan (drift), apply, plan again (none), check
/// the foreign alarm, read the report back from SNS. Every step runs the real engine with the real clients, and every
/// claim the output makes is checked; a step that does not go as the story says throws <see cref="DemoFailedException"/>.
/// </summary>
internal sealed class DemoStory(DemoConsole console, TimeProvider time)
{
    /// <summary>moto accepts any credentials; these are the conventional fake ones, passed explicitly.</summary>
    public static AWSCredentials FakeCredentials { get; } = new BasicAWSCredentials("testing", "testing");

    /// <summary>Tells the story; returns normally only when every step went as described.</summary>
    /// <param name="startedAt">When the demo started (a <see cref="TimeProvider.GetTimestamp"/>), for the closing line.</param>
    public async Task TellAsync(MotoServer server, ObservabilityPolicy policy, string policyPath, long startedAt, CancellationToken cancellationToken)
    {
        var (app, alarms) = await SeedAsync(server, policy, cancellationToken);

        var firstPlan = await PlanAsync(server, policy, "reconciler plan", expectDrift: true, cancellationToken);
        ExpectFirstPlan(firstPlan.Plan, alarms);

        var (applied, publication) = await ApplyAsync(server, policy, cancellationToken);

        var secondPlan = await PlanAsync(server, policy, "reconciler plan, again", expectDrift: false, cancellationToken);

        await CheckAlarmsAsync(server, alarms, [firstPlan, applied, secondPlan], cancellationToken);
        await ShowEmailAsync(server, app, applied, publication, cancellationToken);
        await DrillAsync(server, policy, app, cancellationToken);

        Summarize(applied, policyPath, time.GetElapsedTime(startedAt));
    }

    private async Task<(SeededApp App, DemoAlarmsCreated Alarms)> SeedAsync(MotoServer server, ObservabilityPolicy policy, CancellationToken cancellationToken)
    {
        console.BeginStep("Seeding the project-management app");
        var app = await SeedScript.RunAsync(server, cancellationToken);
        using var aws = CreateClients(server);
        var alarms = await DemoAlarms.CreateAsync(aws, policy, app.AlertTopicArn, cancellationToken);
        console.EndStep();

        var tracing = string.Join(", ", app.Functions.Select(f => f.Tracing).Distinct(StringComparer.Ordinal));
        console.Detail($"Lambda functions {And(app.Functions.Select(f => f.Name))}: tagged app=project-management, X-Ray tracing {tracing}");
        console.Detail($"REST API {app.RestApiName}, stages {And(app.Stages)}: tagged app=project-management, X-Ray tracing off");
        console.Detail($"SNS topics {TopicName(app.AlertTopicArn)} (alarm notifications) and {TopicName(app.ReportTopicArn)} (drift reports),");
        console.Detail($"  with the SQS queue {QueueName(app.ReportQueueUrl)} subscribed to {TopicName(app.ReportTopicArn)}");
        console.Detail($"Alarm {alarms.HandEdited.AlarmName}:");
        console.Detail($"  the reconciler's own (it carries the ownership marker), but someone raised its threshold");
        console.Detail($"  from {Number(alarms.DesiredThreshold)} to {Number(alarms.HandEdited.Threshold)} in the console");
        console.Detail($"Alarm {alarms.Foreign.AlarmName}:");
        console.Detail("  made by hand by the app's team; a name like the reconciler's, but no ownership marker");
        return (app, alarms);
    }

    private async Task<ReconcileResult> PlanAsync(MotoServer server, ObservabilityPolicy policy, string heading, bool expectDrift, CancellationToken cancellationToken)
    {
        console.Heading(heading);
        var planStarted = time.GetTimestamp();
        using var aws = CreateClients(server);
        var result = await RunEngineAsync(aws, policy, apply: false, cancellationToken);
        console.Verbatim(PlanTextRenderer.Render(result.Plan, console.Style));
        foreach (var problem in result.Errors)
        {
            console.Verbatim($"! {problem.Message}");
        }

        var elapsed = DemoConsole.Seconds(time.GetElapsedTime(planStarted));
        Expect(WriteCalls(result.Report) == 0, $"{heading} made {WriteCalls(result.Report)} write calls; a plan must write nothing.");
        Expect(result.Errors.Count == 0, $"{heading} could not read part of the emulated account: {string.Join("; ", result.Errors.Select(e => e.Message))}");
        if (expectDrift)
        {
            Expect(!result.Plan.InSync, "the first plan found no drift, but the seeded app differs from the policy.");
            console.Detail($"(planned in {elapsed}, {ReadCalls(result.Report)} read calls, nothing written; `reconciler plan` would exit 2: drift found)");
        }
        else
        {
            Expect(result.Plan.InSync, $"the plan after apply still has {result.Plan.Changes.Count} change(s) and {result.Plan.Conflicts.Count} conflict(s); apply should have converged the account.");
            console.Detail($"(planned in {elapsed}, {ReadCalls(result.Report)} read calls, nothing written; `reconciler plan` would exit 0: in sync)");
        }

        return result;
    }

    private static void ExpectFirstPlan(Plan plan, DemoAlarmsCreated alarms)
    {
        Expect(plan.Changes.Any(c => c.Kind == ChangeKind.FunctionTracing), "the first plan does not turn on Lambda tracing, though the functions were seeded with PassThrough.");
        Expect(
            plan.Changes.Any(c => c.Target == alarms.HandEdited.AlarmName && c.Action == ChangeAction.Update && c.Fields.Any(f => f.Field == "threshold")),
            $"the first plan does not set the threshold of the hand-edited alarm {alarms.HandEdited.AlarmName} back.");
        Expect(
            !plan.Changes.Any(c => c.Target == alarms.Foreign.AlarmName) && !plan.Conflicts.Any(c => c.Target == alarms.Foreign.AlarmName),
            $"the first plan would touch the foreign alarm {alarms.Foreign.AlarmName}, which carries no ownership marker.");
    }

    private async Task<(ReconcileResult Result, TopicPublishResult Publication)> ApplyAsync(MotoServer server, ObservabilityPolicy policy, CancellationToken cancellationToken)
    {
        console.BeginStep("reconciler apply");
        using var aws = CreateClients(server);
        var result = await RunEngineAsync(aws, policy, apply: true, cancellationToken);
        // The demo names no topic of its own: the report goes to the policy's report.topicArn, as apply would send it.
        var published = (await RunEnding.PublishAsync(aws.Sns, result, RunPolicies.Of([policy]), new ReportTopics(null, null), cancellationToken)).Publication;
        console.EndStep();

        foreach (var outcome in result.Apply?.Outcomes ?? [])
        {
            var change = outcome.Change;
            var status = outcome.Status switch
            {
                ChangeStatus.Applied => console.Style.Green("applied"),
                ChangeStatus.Failed => console.Style.Red("FAILED "),
                _ => outcome.Status.ToString().ToLowerInvariant().PadRight(7),
            };
            var symbol = ChangeLines.Symbol(RunReportBuilder.ActionOf(change.Action), console.Style);
            var failure = outcome.Status == ChangeStatus.Failed ? $"  ({outcome.ErrorCode}: {outcome.Message})" : string.Empty;
            console.Detail($"{status} {symbol} {ChangeLines.KindLabel(RunReportBuilder.KindOf(change.Kind))} {change.Target}{failure}");
        }

        var outcomes = result.Apply?.Outcomes ?? [];
        var appliedCount = outcomes.Count(o => o.Status == ChangeStatus.Applied);
        console.Detail($"{appliedCount} of {outcomes.Count} changes applied with {WriteCalls(result.Report)} write calls; `reconciler apply` prints the same drift report shown below.");
        foreach (var topic in published.Topics)
        {
            console.Detail(topic.Succeeded
                ? $"Report published to {topic.TopicArn} (SNS message {topic.MessageId})"
                : $"Could not publish the report to {topic.TopicArn}: {topic.ErrorCode}: {topic.Error}");
        }

        Expect(!result.HasFailures, $"apply failed: {string.Join("; ", outcomes.Where(o => o.Status == ChangeStatus.Failed).Select(o => $"{o.Change.Target}: {o.ErrorCode}: {o.Message}").Concat(result.Errors.Select(e => e.Message)))}");
        Expect(!result.HasPendingWork && result.Apply?.Stopped is null, "apply stopped before writing every change (a guard or the deadline), so the account did not converge.");
        Expect(!published.Failed, "publishing the drift report to SNS failed (see above).");
        var publication = published.Topics.FirstOrDefault(t => t.Succeeded)
            ?? throw new DemoFailedException($"apply published no report ({string.Join("; ", published.NotPublished.Select(p => $"{p.Policy}: {p.Reason}"))}); the policy's report.when is onChange and this run changed things.");
        return (result, publication);
    }

    private async Task CheckAlarmsAsync(MotoServer server, DemoAlarmsCreated alarms, IReadOnlyList<ReconcileResult> runs, CancellationToken cancellationToken)
    {
        console.Heading("The two alarms, read back with DescribeAlarms");
        using var aws = CreateClients(server);
        var owned = await DemoAlarms.DescribeAsync(aws, alarms.HandEdited.AlarmName, cancellationToken);
        Expect(owned is not null && owned.Threshold == alarms.DesiredThreshold,
            $"{alarms.HandEdited.AlarmName} has threshold {Number(owned?.Threshold)} after apply; the policy says {Number(alarms.DesiredThreshold)}.");
        console.Confirmed($"{alarms.HandEdited.AlarmName}: threshold {Number(owned!.Threshold)} again, as the policy says");

        var foreign = await DemoAlarms.DescribeAsync(aws, alarms.Foreign.AlarmName, cancellationToken);
        Expect(foreign is not null, $"the foreign alarm {alarms.Foreign.AlarmName} is gone: the reconciler must never delete an alarm it does not own.");
        Expect(foreign!.Threshold == alarms.Foreign.Threshold && foreign.AlarmDescription == alarms.Foreign.AlarmDescription,
            $"the foreign alarm {alarms.Foreign.AlarmName} was changed (threshold {Number(foreign.Threshold)}, description \"{foreign.AlarmDescription}\"): the reconciler must never touch an alarm it does not own.");
        var mentioned = runs.Any(run =>
            PlanTextRenderer.Render(run.Plan).Contains(alarms.Foreign.AlarmName, StringComparison.Ordinal) ||
            ReportTextRenderer.Render(run.Report).Contains(alarms.Foreign.AlarmName, StringComparison.Ordinal));
        Expect(!mentioned, $"a plan or report names the foreign alarm {alarms.Foreign.AlarmName}, which no policy owns.");
        console.Confirmed($"{alarms.Foreign.AlarmName}: untouched (threshold {Number(foreign.Threshold)}, its own description), and in no plan or report: no marker, not ours");
    }

    private async Task ShowEmailAsync(MotoServer server, SeededApp app, ReconcileResult applied, TopicPublishResult publication, CancellationToken cancellationToken)
    {
        console.Heading("The drift report as it arrived by email");
        var inbox = new ReportInbox(server.Endpoint, app.ReportQueueUrl, FakeCredentials, time);
        var delivered = await inbox.ReceiveAsync(TimeSpan.FromSeconds(5), cancellationToken)
            ?? throw new DemoFailedException($"no message arrived in the queue {QueueName(app.ReportQueueUrl)} within 5 s of publishing to {publication.TopicArn}.");

        // The published message is a pure function of the report, so rebuilding it gives exactly what was sent; the
        // SQS copy proves it: its body must be the message's "default" part, byte for byte.
        var sent = SnsReportMessage.Build(ReportPublisher.ForPolicies(applied.Report, publication.Policies));
        using var parts = JsonDocument.Parse(sent.Message);
        var machineCopy = parts.RootElement.GetProperty("default").GetString();
        var emailCopy = parts.RootElement.GetProperty("email").GetString() ?? string.Empty;
        Expect(delivered.MessageId == publication.MessageId && delivered.Message == machineCopy,
            $"the message in {QueueName(app.ReportQueueUrl)} (id {delivered.MessageId}) is not the report apply published (id {publication.MessageId}).");

        console.Detail($"SNS delivered message {delivered.MessageId} from {TopicName(delivered.TopicArn)} to the queue {QueueName(app.ReportQueueUrl)}:");
        console.Detail($"its body is the JSON report for machines ({machineCopy!.Length:N0} characters, docs/report-schema.md).");
        console.Detail("An email subscriber of the same topic gets the message's email part instead:");
        console.Blank();
        var rule = new string('-', ChangeLines.Width);
        console.Verbatim(rule);
        console.Verbatim($"Subject: {delivered.Subject}");
        console.Blank();
        console.Verbatim(emailCopy);
        console.Verbatim(rule);
    }

    private async Task DrillAsync(MotoServer server, ObservabilityPolicy policy, SeededApp app, CancellationToken cancellationToken)
    {
        console.Heading("reconciler drill: fire two alarms and read what CloudWatch did");
        using var aws = CreateClients(server);
        var result = await DemoDrill.RunAsync(aws, policy, app.AlertTopicArn, console, time, cancellationToken);
        Expect(result.Count(Reconciler.Drill.ActionOutcome.Delivered) == 2 && result.Count(Reconciler.Drill.ActionOutcome.Failed) == 1,
            $"the drill should find two delivered actions and one failed one; it found {result.Count(Reconciler.Drill.ActionOutcome.Delivered)} delivered, {result.Count(Reconciler.Drill.ActionOutcome.Failed)} failed, {result.Count(Reconciler.Drill.ActionOutcome.Unknown)} unknown.");
        Expect(result.Alarms.All(alarm => alarm.RestoredState is not null), "the drill did not set every alarm back to its state.");
        console.Confirmed("both alarms set back to OK; `reconciler drill --yes` would exit 1, since one path is broken");
    }

    private void Summarize(ReconcileResult applied, string policyPath, TimeSpan elapsed)
    {
        var changes = applied.Plan.Changes;
        int Count(ChangeKind kind, ChangeAction action) => changes.Count(c => c.Kind == kind && c.Action == action);
        var parts = new List<string>();
        var functions = Count(ChangeKind.FunctionTracing, ChangeAction.Update);
        var stages = Count(ChangeKind.StageTracing, ChangeAction.Update);
        if (functions + stages > 0)
        {
            parts.Add($"X-Ray tracing turned on for {ChangeLines.Count(functions, "function", "functions")} and {ChangeLines.Count(stages, "API stage", "API stages")}");
        }

        AddCount(parts, Count(ChangeKind.FunctionLogging, ChangeAction.Update), "function's logging configuration set", "functions' logging configuration set");
        AddCount(parts, Count(ChangeKind.LogRetention, ChangeAction.Create), "log group created with its retention", "log groups created with their retention");
        AddCount(parts, Count(ChangeKind.LogRetention, ChangeAction.Update), "log group's retention set", "log groups' retention set");
        AddCount(parts, Count(ChangeKind.Alarm, ChangeAction.Create), "alarm created", "alarms created");
        AddCount(parts, Count(ChangeKind.Alarm, ChangeAction.Update), "hand-edited alarm set back", "hand-edited alarms set back");
        AddCount(parts, Count(ChangeKind.Dashboard, ChangeAction.Create), "dashboard created", "dashboards created");
        AddCount(parts, Count(ChangeKind.Dashboard, ChangeAction.Update), "dashboard rewritten", "dashboards rewritten");
        AddCount(parts, Count(ChangeKind.TraceGroup, ChangeAction.Create), "X-Ray group created for the app's trace map", "X-Ray groups created");
        AddCount(parts, Count(ChangeKind.SamplingRule, ChangeAction.Create), "X-Ray sampling rule created for its stages", "X-Ray sampling rules created");
        AddCount(parts, changes.Count(c => c.Action == ChangeAction.Delete), "owned alarm pruned", "owned alarms pruned");

        console.Heading($"Done in {DemoConsole.Seconds(elapsed)}: the plan found {ChangeLines.Count(changes.Count, "change", "changes")}, apply made them, the second plan found none");
        console.Detail(string.Join(", ", parts) + "; the foreign alarm was left alone.");
        console.Detail($"All of it from {policyPath}; change it and run the demo again to see your own plan.");
    }

    private static long ReadCalls(RunReport report) => report.ApiCalls.Where(c => !c.Write).Sum(c => c.Calls);

    private static long WriteCalls(RunReport report) => report.ApiCalls.Where(c => c.Write).Sum(c => c.Calls);

    private static void AddCount(List<string> parts, int count, string singular, string plural)
    {
        if (count > 0)
        {
            parts.Add(ChangeLines.Count(count, singular, plural));
        }
    }

    private async Task<ReconcileResult> RunEngineAsync(IAwsClients aws, ObservabilityPolicy policy, bool apply, CancellationToken cancellationToken)
    {
        var log = new RunLogger(TextWriter.Null, time, RunIds.New(time), RunLogLevel.Error);
        var request = RunPolicies.Of([policy]).Request(apply, dryRun: false, time.GetUtcNow().AddMinutes(5));
        return await new ReconcileRun(aws, DemoOptions.Region, time, log).RunAsync(request, cancellationToken);
    }

    // Explicit region, endpoint and fake credentials: nothing is read from the environment or ~/.aws, so the demo
    // cannot reach a real account whatever the shell has set. Rate limits stay at AWS's quotas, as in production.
    private IAwsClients CreateClients(MotoServer server) => AwsClients.Create(new AwsClientOptions
    {
        Region = DemoOptions.Region,
        EndpointUrl = server.Endpoint,
        Credentials = FakeCredentials,
        TimeProvider = time,
    });

    private static void Expect(bool condition, string problem)
    {
        if (!condition)
        {
            throw new DemoFailedException("The demo did not go as expected: " + problem);
        }
    }

    private static string And(IEnumerable<string> items)
    {
        var list = items.ToList();
        return list.Count <= 1 ? string.Join(string.Empty, list) : string.Join(", ", list.Take(list.Count - 1)) + " and " + list[^1];
    }

    private static string TopicName(string arn) => arn[(arn.LastIndexOf(':') + 1)..];

    private static string QueueName(string url) => url[(url.LastIndexOf('/') + 1)..];

    private static string Number(double? value) => value?.ToString("0.####", CultureInfo.InvariantCulture) ?? "(none)";
}
