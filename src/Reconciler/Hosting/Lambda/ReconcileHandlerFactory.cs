using System.Text.Json;
using Reconciler.Actuation;
using Reconciler.Aws;
using Reconciler.Reconciliation;
using Reconciler.Reporting;
using Reconciler.Telemetry;
using Reconciler.Watch;

namespace Reconciler.Hosting.Lambda;

/// <summary>Builds the invocation handler that runs the reconcile engine with the function's settings.</summary>
internal static class ReconcileHandlerFactory
{
    /// <summary>Well under Lambda's 6 MB synchronous response limit.</summary>
    private const int MaxResponseBytes = 1_048_576;

    /// <summary>
    /// Creates the handler. Called once per sandbox, during init: a throw here becomes the function's init error, so
    /// a missing region or identity stops the function before its first run rather than failing every run.
    /// </summary>
    public static InvocationHandler Create(LambdaSettings settings, LambdaHostOptions hostOptions)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(hostOptions);
        var clientOptions = AwsClientOptions.FromEnvironment(regionOverride: null, endpointOverride: null) with { TimeProvider = hostOptions.TimeProvider };

        // One client set for the sandbox's life: its HTTP connection pool, rate limiters and endpoint breaker carry
        // over from one invocation to the next (a run's report counts only its own calls, see ApiCallCounts). The
        // sandbox ends with the process, which releases it.
        var aws = AwsClients.Create(clientOptions);
        return (invocation, cancellationToken) => RunAsync(settings, hostOptions, clientOptions.Region, aws, invocation, cancellationToken);
    }

    private static async Task<InvocationResult> RunAsync(
        LambdaSettings settings,
        LambdaHostOptions hostOptions,
        string region,
        IAwsClients aws,
        ReconcileInvocation invocation,
        CancellationToken cancellationToken)
    {
        var log = new RunLogger(hostOptions.Output, hostOptions.TimeProvider, invocation.RequestId, settings.LogLevel);
        var selection = RunPolicies.Load(settings.PolicyDirectory, invocation.PolicyName);
        if (invocation.Drill is { } drill && selection.CanRun)
        {
            return await DrillHandler.RunAsync(settings, hostOptions, region, aws, invocation, drill, selection, log, cancellationToken);
        }

        var loaded = selection.Loaded;
        if (!loaded.IsValid)
        {
            foreach (var problem in loaded.Errors)
            {
                log.Error(null, "Invalid policy: {Problem}", problem.ToString());
            }

            return InvocationResult.Failure(ErrorJson(
                $"{loaded.Errors.Count} policy error(s) in {settings.PolicyDirectory}; nothing was read or changed",
                loaded.Errors.Select(problem => problem.ToString())));
        }

        if (selection.MissingPolicy is { } missing)
        {
            return InvocationResult.Failure(ErrorJson(
                $"no policy named '{missing}' in {settings.PolicyDirectory}; nothing was read or changed",
                loaded.Policies.Select(policy => $"available: {policy.Name}")));
        }

        var reportTopics = new ReportTopics(null, settings.ReportTopicArn);
        var request = selection.Request(
            apply: true,
            invocation.DryRun,
            invocation.Deadline,
            settings.MaxChangesPerRun ?? ApplyOptions.DefaultMaxChanges,
            settings.AlarmNamePrefix,
            reportTopics);
        if (invocation.Changes is { } changes)
        {
            var watched = await new WatchRun(aws, region, hostOptions.TimeProvider, log).RunAsync(changes.Messages, request, cancellationToken);
            var watchEnded = watched.Reconcile is { } reconciled ? await EndAsync(reconciled) : null;
            return WatchHandler.Respond(watched, changes, watchEnded?.Counts, log);
        }

        var result = await new ReconcileRun(aws, region, hostOptions.TimeProvider, log).RunAsync(request, cancellationToken);
        var ended = await EndAsync(result);

        // The response is for whoever invoked by hand: the report, cut to the most important entries when a large run
        // would pass Lambda's 6 MB response limit (the full report went to SNS and the log has every change).
        var json = ReportTruncator.RenderWithin(result.Report, MaxResponseBytes, report => ReportJsonRenderer.Render(report, indented: false), out _)
            ?? ErrorJson("the run's report does not fit in a Lambda response even without entries; see the drift report and the log", []);
        return ended.Failed ? InvocationResult.Failure(json, ended.Counts) : InvocationResult.Success(json, ended.Counts);

        // Publishes the run's report and logs where it went: the same for a scheduled run and a watch batch.
        async Task<EndedRun> EndAsync(ReconcileResult run)
        {
            var end = await RunEnding.PublishAsync(aws.Sns, run, selection, reportTopics, cancellationToken);
            ReportPublicationLog.Write(end.Publication, log);
            return end;
        }
    }

    internal static string ErrorJson(string error, IEnumerable<string> details)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("error", error);
            writer.WriteStartArray("details");
            foreach (var detail in details)
            {
                writer.WriteStringValue(detail);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
