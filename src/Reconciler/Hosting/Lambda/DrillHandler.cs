using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Reconciler.Aws;
using Reconciler.Drill;
using Reconciler.Reconciliation;
using Reconciler.Reporting;
using Reconciler.Telemetry;

namespace Reconciler.Hosting.Lambda;

/// <summary>
/// The drill event (<c>{"drill": {"policy": "orders", "alarms": ["*-error-rate"]}}</c>, and the template's optional
/// monthly schedule): the same drill as `reconciler drill --yes`, without --verify-delivery, published to the report
/// topic (JSON for machines, the text for e-mail). With DRY_RUN=true it is a preview and changes nothing. The
/// invocation fails (so the function's error alarm fires) when an action failed or is unknown.
/// </summary>
internal static class DrillHandler
{
    // The restore and the publication need time after the last wait.
    private static readonly TimeSpan Reserve = TimeSpan.FromSeconds(20);

    /// <summary>Runs the drill of <paramref name="drill"/> over the loaded <paramref name="selection"/>.</summary>
    public static async Task<InvocationResult> RunAsync(
        LambdaSettings settings,
        LambdaHostOptions hostOptions,
        string region,
        IAwsClients aws,
        ReconcileInvocation invocation,
        DrillEvent drill,
        RunPolicies selection,
        RunLogger log,
        CancellationToken cancellationToken)
    {
        var time = hostOptions.TimeProvider;
        var left = invocation.Deadline - time.GetUtcNow() - Reserve;
        var timeout = TimeSpan.FromSeconds(Math.Clamp(left.TotalSeconds, 1, DrillOptions.DefaultTimeoutSeconds));
        var options = DrillOptions.Default with { Timeout = timeout };
        var request = new DrillRequest("drill-" + invocation.RequestId, selection.Policies, drill.Alarms, settings.AlarmNamePrefix, Execute: !settings.DryRun, VerifyDelivery: false);
        DrillResult result;
        try
        {
            result = await new DrillRun(aws, region, time, options, message => log.Information("{Message}", message)).RunAsync(request, cancellationToken);
        }
        catch (DrillException problem)
        {
            log.Error(null, "Drill could not run: {Reason}", problem.Message);
            return InvocationResult.Failure(ReconcileHandlerFactory.ErrorJson(problem.Message, []));
        }

        foreach (var action in result.Actions.Where(action => action.Outcome is not ActionOutcome.Delivered))
        {
            log.Warning("Drill action {Arn}: {Outcome}: {Detail}", action.ActionArn, action.Outcome?.ToString() ?? "preview", action.Detail);
        }

        var json = DrillJsonRenderer.Render(result, indented: false);
        if (settings.ReportTopicArn is { } topic)
        {
            try
            {
                var messageId = await aws.Sns.PublishAsync(new PublishRequest(topic, Envelope(result, json), Subject(result), "json"), CancellationToken.None);
                log.Information("Published the drill result to {TopicArn} as message {MessageId}", topic, messageId);
            }
            catch (AwsServiceException error)
            {
                log.Error(null, "Could not publish the drill result to {TopicArn}: {ErrorCode}: {Reason}", topic, error.ErrorCode, error.ErrorMessage);
                return InvocationResult.Failure(json);
            }
        }

        return result.AllDelivered || !result.Executed ? InvocationResult.Success(json) : InvocationResult.Failure(json);
    }

    /// <summary>The SNS subject: the outcome in one line, under SNS's 100 characters.</summary>
    internal static string Subject(DrillResult result)
    {
        var text = !result.Executed
            ? $"Drill preview: {result.Alarms.Count} alarm(s) would be drilled in {result.Region}"
            : result.AllDelivered
                ? $"Drill: all {result.Count(ActionOutcome.Delivered)} alarm notification(s) delivered in {result.Region}"
                : $"Drill: {result.Count(ActionOutcome.Failed)} failed, {result.Count(ActionOutcome.Unknown)} unknown, {result.Count(ActionOutcome.Delivered)} delivered in {result.Region}";
        var subject = ReportSubject.Sanitize(text);
        return subject.Length < 100 ? subject : subject[..99];
    }

    private static string Envelope(DrillResult result, string json)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString("default", json);
            writer.WriteString("email", DrillTextRenderer.Render(result));
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
