using Reconciler.Telemetry;

namespace Reconciler.Hosting.Lambda;

/// <summary>
/// The custom-runtime loop: get the next event, run the handler, post its response or error, repeat until shutdown.
/// Each invocation logs with its request id as run id and writes one EMF line with the run's metrics.
/// </summary>
internal static class LambdaHost
{
    /// <summary>The Lambda-Runtime-Function-Error-Type values this host posts.</summary>
    internal static class ErrorTypes
    {
        /// <summary>The event is neither a scheduled event nor a manual one the reconciler understands.</summary>
        public const string UnsupportedEvent = "Reconciler.UnsupportedEvent";

        /// <summary>The run finished but failed; the message holds its summary.</summary>
        public const string RunFailed = "Reconciler.RunFailed";

        /// <summary>The run did not return before Lambda's deadline minus the hard-stop margin.</summary>
        public const string DeadlineExceeded = "Reconciler.DeadlineExceeded";

        /// <summary>The sandbox is shutting down (SIGTERM) during the run.</summary>
        public const string Shutdown = "Reconciler.Shutdown";

        /// <summary>The Runtime API refused the response (for example, too large).</summary>
        public const string ResponseRejected = "Reconciler.ResponseRejected";

        /// <summary>Settings are invalid (init error).</summary>
        public const string InvalidConfiguration = "Reconciler.InvalidConfiguration";

        /// <summary>Building the handler failed (init error).</summary>
        public const string InitFailed = "Reconciler.InitFailed";
    }

    // Results are posted with their own timeout, not the shutdown token: on SIGTERM, saying what the run did is
    // exactly what should still happen, and a local Runtime API that does not answer in this time never will.
    private static readonly TimeSpan PostTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Runs the loop against the Runtime API at <see cref="LambdaHostOptions.RuntimeApi"/> until
    /// <paramref name="cancellationToken"/> is cancelled (shutdown), then returns 0. A Runtime API failure throws:
    /// the process should exit and let Lambda start a new sandbox.
    /// </summary>
    public static async Task<int> RunAsync(LambdaHostOptions options, InvocationHandler handler, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        using var client = new RuntimeApiClient(options.RuntimeApi);
        return await RunAsync(options, client, handler, cancellationToken);
    }

    /// <summary>The loop over any <see cref="IRuntimeApiClient"/>.</summary>
    public static async Task<int> RunAsync(
        LambdaHostOptions options,
        IRuntimeApiClient client,
        InvocationHandler handler,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(handler);
        var hostLog = new RunLogger(options.Output, options.TimeProvider, "host", options.Settings.LogLevel);
        var metrics = new EmfWriter(options.Output, options.TimeProvider, options.MetricNamespace);
        hostLog.Information(
            "Lambda host ready: policies in {PolicyDirectory}, dry run {DryRun}, alarm prefix {AlarmNamePrefix}",
            options.Settings.PolicyDirectory,
            options.Settings.DryRun,
            options.Settings.AlarmNamePrefix);

        while (true)
        {
            NextInvocation next;
            try
            {
                next = await client.GetNextInvocationAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                hostLog.Information("Shutdown requested while waiting for the next event; exiting");
                return 0;
            }

            await InvokeAsync(options, client, handler, hostLog.ForRun(next.RequestId), metrics, next, cancellationToken);
            if (cancellationToken.IsCancellationRequested)
            {
                hostLog.Information("Shutdown requested; exiting after invocation {RequestId}", next.RequestId);
                return 0;
            }
        }
    }

    private static async Task InvokeAsync(
        LambdaHostOptions options,
        IRuntimeApiClient client,
        InvocationHandler handler,
        RunLogger log,
        EmfWriter metrics,
        NextInvocation next,
        CancellationToken shutdownToken)
    {
        var time = options.TimeProvider;
        var started = time.GetTimestamp();
        options.SetEnvironmentVariable("_X_AMZN_TRACE_ID", next.TraceId);

        if (!LambdaEventParser.TryParse(next.Body, out var lambdaEvent, out var eventError))
        {
            log.Warning("Rejected event: {Reason}", eventError);
            using var postTimeout = new CancellationTokenSource(PostTimeout);
            await client.PostErrorAsync(next.RequestId, new LambdaError(ErrorTypes.UnsupportedEvent, eventError!), postTimeout.Token);
            return;
        }

        var now = time.GetUtcNow();
        var deadline = Max(now, next.Deadline - options.DeadlineSafetyMargin);
        var invocation = new ReconcileInvocation(
            next.RequestId,
            deadline,
            next.TraceId,
            options.Settings.DryRun || lambdaEvent!.DryRun,
            lambdaEvent!.PolicyName,
            next.Body,
            lambdaEvent.Drill,
            lambdaEvent.Changes);
        log.Information(
            "Run started by {Trigger}: dry run {DryRun}, policy {PolicyName}, {EventCount} change events, writes stop at {Deadline}",
            lambdaEvent.Trigger.ToString(),
            invocation.DryRun,
            invocation.PolicyName ?? "(all)",
            lambdaEvent.Changes?.Messages.Count ?? 0,
            invocation.Deadline);

        var hardStop = Max(TimeSpan.Zero, next.Deadline - options.HardStopMargin - now);
        using var hardStopSource = new CancellationTokenSource(hardStop, time);
        using var runSource = CancellationTokenSource.CreateLinkedTokenSource(shutdownToken, hardStopSource.Token);

        var succeeded = false;
        RunCounts? counts = null;
        try
        {
            var result = await handler(invocation, runSource.Token);
            succeeded = result.Succeeded;
            counts = result.Counts;
            await PostResultAsync(client, log, next.RequestId, result);
        }
        catch (OperationCanceledException) when (shutdownToken.IsCancellationRequested)
        {
            log.Warning("Run interrupted by shutdown; unfinished changes are picked up by the next run");
            await PostFinalErrorAsync(
                client,
                log,
                next.RequestId,
                new LambdaError(ErrorTypes.Shutdown, "The Lambda sandbox shut down during the run. Changes not yet applied are picked up by the next scheduled run."));
        }
        catch (OperationCanceledException) when (hardStopSource.IsCancellationRequested)
        {
            log.Error(null, "Run still going {HardStopMargin} before Lambda's deadline; stopped it", options.HardStopMargin);
            await PostFinalErrorAsync(
                client,
                log,
                next.RequestId,
                new LambdaError(
                    ErrorTypes.DeadlineExceeded,
                    $"The run did not finish before the function's timeout (stopped {options.HardStopMargin.TotalSeconds:0} s before it). Changes not yet applied are picked up by the next run; if this repeats, raise the function timeout or lower MAX_CHANGES_PER_RUN."));
        }
        catch (Exception exception) when (exception is not RuntimeApiException)
        {
            // The stack trace goes to the log; the response carries only the type and message.
            log.Error(exception, "Run failed: {ErrorMessage}", exception.Message);
            using var postTimeout = new CancellationTokenSource(PostTimeout);
            await client.PostErrorAsync(
                next.RequestId,
                new LambdaError(exception.GetType().Name, SecretRedactor.RedactText(exception.Message)),
                postTimeout.Token);
        }
        finally
        {
            var duration = time.GetElapsedTime(started);
            new RunMetrics(succeeded, duration, counts).WriteTo(metrics, options.FunctionName, next.RequestId, invocation.DryRun);
            log.Information("Run finished in {DurationMs} ms: succeeded {Succeeded}", (long)duration.TotalMilliseconds, succeeded);
        }
    }

    private static async Task PostResultAsync(
        IRuntimeApiClient client,
        RunLogger log,
        string requestId,
        InvocationResult result)
    {
        using var postTimeout = new CancellationTokenSource(PostTimeout);
        var cancellationToken = postTimeout.Token;
        if (!result.Succeeded)
        {
            log.Warning("Run failed; posting its summary as the invocation error");
            await client.PostErrorAsync(requestId, new LambdaError(ErrorTypes.RunFailed, result.ResponseJson), cancellationToken);
            return;
        }

        try
        {
            await client.PostResponseAsync(requestId, result.ResponseJson, cancellationToken);
        }
        catch (RuntimeApiException exception) when (exception.StatusCode is >= 400 and < 500)
        {
            // Typically 413: the summary exceeds Lambda's 6 MB response limit. The run itself is done.
            log.Error(exception, "The Runtime API refused the response of {ResponseBytes} characters", result.ResponseJson.Length);
            await client.PostErrorAsync(
                requestId,
                new LambdaError(ErrorTypes.ResponseRejected, $"The run finished but the Runtime API refused its summary: {exception.Message}. The log has the run's details."),
                cancellationToken);
        }
    }

    private static async Task PostFinalErrorAsync(IRuntimeApiClient client, RunLogger log, string requestId, LambdaError error)
    {
        using var timeout = new CancellationTokenSource(PostTimeout);
        try
        {
            await client.PostErrorAsync(requestId, error, timeout.Token);
        }
        catch (Exception exception) when (exception is OperationCanceledException or HttpRequestException or RuntimeApiException)
        {
            log.Warning("Could not post the error of invocation {RequestId}: {ErrorMessage}", requestId, exception.Message);
        }
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
