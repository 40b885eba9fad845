using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Reconciler.Hosting.Lambda;
using Reconciler.Telemetry;

namespace Reconciler.Tests.Hosting.Lambda;

public sealed class LambdaHostTests : IAsyncDisposable
{
    private const string ScheduledEvent =
        """{"version":"0","id":"5d1c","detail-type":"Scheduled Event","source":"aws.events","account":"123456789012","time":"2026-11-25T12:00:00Z","region":"us-east-1","resources":["arn:aws:events:us-east-1:123456789012:rule/reconcile"],"detail":{}}""";

    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private readonly FakeRuntimeApi _runtime = new();
    private readonly FakeTimeProvider _time = new(Now);
    private readonly StringWriter _buffer = new();
    private readonly TextWriter _output;
    private readonly ConcurrentDictionary<string, string?> _environment = new();
    private readonly CancellationTokenSource _shutdown = new();

    public LambdaHostTests() => _output = TextWriter.Synchronized(_buffer);

    public async ValueTask DisposeAsync()
    {
        await _shutdown.CancelAsync();
        await _runtime.DisposeAsync();
        _shutdown.Dispose();
        await _buffer.DisposeAsync();
    }

    [Fact]
    public async Task RunAsync_HandlerSucceeds_PostsResponseJson()
    {
        var run = Start((invocation, _) => Task.FromResult(InvocationResult.Success($$"""{"runId":"{{invocation.RequestId}}","changes":0}""")));
        _runtime.Enqueue("req-1", ScheduledEvent, Now.AddMinutes(15));

        var posted = await _runtime.NextPostAsync();

        Assert.Equal(new PostedMessage(PostKind.Response, "req-1", null, """{"runId":"req-1","changes":0}"""), posted);
        await StopAsync(run);
    }

    [Fact]
    public async Task RunAsync_HandlerThrows_PostsErrorTypeAndMessageWithStackTraceOnlyInLog()
    {
        var run = Start((_, _) => throw new InvalidOperationException("Policy folder is empty"));
        _runtime.Enqueue("req-2", ScheduledEvent, Now.AddMinutes(15));

        var posted = await _runtime.NextPostAsync();

        Assert.Equal(PostKind.Error, posted.Kind);
        Assert.Equal("InvalidOperationException", posted.ErrorType);
        using var body = JsonDocument.Parse(posted.Body);
        Assert.Equal("Policy folder is empty", body.RootElement.GetProperty("errorMessage").GetString());
        Assert.Equal("InvalidOperationException", body.RootElement.GetProperty("errorType").GetString());
        Assert.Equal(0, body.RootElement.GetProperty("stackTrace").GetArrayLength());
        Assert.DoesNotContain(" at ", posted.Body, StringComparison.Ordinal);
        await StopAsync(run);
        Assert.Contains(LogLines(), line => line.TryGetProperty("exception", out var exception)
            && exception.GetString()!.Contains(nameof(LambdaHostTests), StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_HandlerReportsFailure_PostsRunFailedErrorWithSummary()
    {
        var run = Start((_, _) => Task.FromResult(InvocationResult.Failure("""{"failed":3}""")));
        _runtime.Enqueue("req-3", ScheduledEvent, Now.AddMinutes(15));

        var posted = await _runtime.NextPostAsync();

        Assert.Equal(PostKind.Error, posted.Kind);
        Assert.Equal(LambdaHost.ErrorTypes.RunFailed, posted.ErrorType);
        using var body = JsonDocument.Parse(posted.Body);
        Assert.Equal("""{"failed":3}""", body.RootElement.GetProperty("errorMessage").GetString());
        await StopAsync(run);
    }

    [Fact]
    public async Task RunAsync_RuntimeRefusesResponse_PostsResponseRejectedError()
    {
        _runtime.ResponseStatus = 413;
        var run = Start((_, _) => Task.FromResult(InvocationResult.Success("{\"big\":true}")));
        _runtime.Enqueue("req-3b", ScheduledEvent, Now.AddMinutes(15));

        var refused = await _runtime.NextPostAsync();
        var error = await _runtime.NextPostAsync();

        Assert.Equal(PostKind.Response, refused.Kind);
        Assert.Equal((PostKind.Error, "req-3b", LambdaHost.ErrorTypes.ResponseRejected), (error.Kind, error.RequestId, error.ErrorType));
        Assert.Contains("413", error.Body, StringComparison.Ordinal);
        await StopAsync(run);
    }

    [Fact]
    public async Task RunAsync_DeadlineHeader_InvocationDeadlineIsHeaderMinusSafetyMargin()
    {
        var seen = new TaskCompletionSource<ReconcileInvocation>();
        var run = Start(
            (invocation, _) =>
            {
                seen.TrySetResult(invocation);
                return Task.FromResult(InvocationResult.Success("{}"));
            },
            options => options with { DeadlineSafetyMargin = TimeSpan.FromSeconds(45) });
        _runtime.Enqueue("req-4", ScheduledEvent, Now.AddSeconds(900));

        var invocation = await seen.Task.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(Now.AddSeconds(855), invocation.Deadline);
        await _runtime.NextPostAsync();
        await StopAsync(run);
    }

    [Fact]
    public async Task RunAsync_DeadlineAlreadyWithinMargin_DeadlineIsNow()
    {
        var seen = new TaskCompletionSource<ReconcileInvocation>();
        var run = Start((invocation, _) =>
        {
            seen.TrySetResult(invocation);
            return Task.FromResult(InvocationResult.Success("{}"));
        });
        _runtime.Enqueue("req-4b", ScheduledEvent, Now.AddSeconds(10));

        var invocation = await seen.Task.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(Now, invocation.Deadline);
        await _runtime.NextPostAsync();
        await StopAsync(run);
    }

    [Fact]
    public async Task RunAsync_TraceHeader_PassedToInvocationAndTraceEnvironmentVariable()
    {
        const string trace = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";
        var seen = new TaskCompletionSource<(ReconcileInvocation Invocation, string? Environment)>();
        var run = Start((invocation, _) =>
        {
            seen.TrySetResult((invocation, _environment.GetValueOrDefault("_X_AMZN_TRACE_ID")));
            return Task.FromResult(InvocationResult.Success("{}"));
        });
        _runtime.Enqueue("req-5", ScheduledEvent, Now.AddMinutes(15), trace);

        var (invocation, environment) = await seen.Task.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(trace, invocation.TraceId);
        Assert.Equal(trace, environment);
        await _runtime.NextPostAsync();
        await StopAsync(run);
    }

    [Theory]
    [InlineData("""{"dryRun": true}""", false, true, null)]
    [InlineData("""{"policy": "orders"}""", false, false, "orders")]
    [InlineData("""{"dryRun": false}""", true, true, null)]
    [InlineData(ScheduledEvent, true, true, null)]
    [InlineData(ScheduledEvent, false, false, null)]
    public async Task RunAsync_EventAndDryRunSetting_InvocationCarriesBoth(string rawEvent, bool settingDryRun, bool expectedDryRun, string? expectedPolicy)
    {
        var seen = new TaskCompletionSource<ReconcileInvocation>();
        var run = Start(
            (invocation, _) =>
            {
                seen.TrySetResult(invocation);
                return Task.FromResult(InvocationResult.Success("{}"));
            },
            options => options with { Settings = options.Settings with { DryRun = settingDryRun } });
        _runtime.Enqueue("req-6", rawEvent, Now.AddMinutes(15));

        var invocation = await seen.Task.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(expectedDryRun, invocation.DryRun);
        Assert.Equal(expectedPolicy, invocation.PolicyName);
        Assert.Equal(rawEvent, invocation.RawEvent);
        await _runtime.NextPostAsync();
        await StopAsync(run);
    }

    [Fact]
    public async Task RunAsync_UnsupportedEvent_PostsClearErrorWithoutRunning()
    {
        var called = false;
        var run = Start((_, _) =>
        {
            called = true;
            return Task.FromResult(InvocationResult.Success("{}"));
        });
        _runtime.Enqueue("req-7", """{"dryrun": true}""", Now.AddMinutes(15));

        var posted = await _runtime.NextPostAsync();

        Assert.Equal(PostKind.Error, posted.Kind);
        Assert.Equal(LambdaHost.ErrorTypes.UnsupportedEvent, posted.ErrorType);
        Assert.Contains("unknown field \\u0022dryrun\\u0022", posted.Body, StringComparison.Ordinal);
        Assert.False(called);
        await StopAsync(run);
    }

    [Theory]
    [InlineData("""{"dryRun": true, "dryRun": false}""", "appears more than once")]
    [InlineData("""{"dryRun": false, "dryRun": true}""", "appears more than once")]
    [InlineData("""{"version":"0","id":"5d1c","detail-type":"Scheduled Event","source":"aws.events","account":"123456789012","time":"2026-11-25T12:00:00Z","region":"us-east-1","resources":[],"detail":{},"dryRun":true}""", "unknown field \\u0022dryRun\\u0022 in an EventBridge scheduled event")]
    public async Task RunAsync_EventThatCouldWeakenADryRun_PostsUnsupportedEventWithoutRunning(string rawEvent, string expected)
    {
        var called = false;
        var run = Start((_, _) =>
        {
            called = true;
            return Task.FromResult(InvocationResult.Success("{}"));
        });
        _runtime.Enqueue("req-7b", rawEvent, Now.AddMinutes(15));

        var posted = await _runtime.NextPostAsync();

        Assert.Equal(PostKind.Error, posted.Kind);
        Assert.Equal(LambdaHost.ErrorTypes.UnsupportedEvent, posted.ErrorType);
        Assert.Contains(expected, posted.Body, StringComparison.Ordinal);
        Assert.False(called);
        await StopAsync(run);
    }

    [Fact]
    public async Task RunAsync_ShutdownWhileWaitingForNext_ReturnsZero()
    {
        var run = Start((_, _) => Task.FromResult(InvocationResult.Success("{}")));
        await _runtime.WaitForNextRequestsAsync(1);

        await _shutdown.CancelAsync();

        Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(20)));
    }

    [Fact]
    public async Task RunAsync_ShutdownDuringRun_PostsShutdownErrorAndReturnsZero()
    {
        var started = new TaskCompletionSource();
        var run = Start(async (_, token) =>
        {
            started.TrySetResult();
            await Task.Delay(Timeout.Infinite, token);
            return InvocationResult.Success("{}");
        });
        _runtime.Enqueue("req-8", ScheduledEvent, Now.AddMinutes(15));
        await started.Task.WaitAsync(TimeSpan.FromSeconds(20));

        await _shutdown.CancelAsync();

        var posted = await _runtime.NextPostAsync();
        Assert.Equal((PostKind.Error, LambdaHost.ErrorTypes.Shutdown), (posted.Kind, posted.ErrorType));
        Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(20)));
    }

    [Fact]
    public async Task RunAsync_RunOutlivesHardStop_HandlerCancelledAndDeadlineErrorPosted()
    {
        var started = new TaskCompletionSource();
        var run = Start(async (_, token) =>
        {
            started.TrySetResult();
            await Task.Delay(Timeout.Infinite, token);
            return InvocationResult.Success("{}");
        });
        _runtime.Enqueue("req-9", ScheduledEvent, Now.AddSeconds(60));
        await started.Task.WaitAsync(TimeSpan.FromSeconds(20));

        _time.Advance(TimeSpan.FromSeconds(58));

        var posted = await _runtime.NextPostAsync();
        Assert.Equal((PostKind.Error, LambdaHost.ErrorTypes.DeadlineExceeded), (posted.Kind, posted.ErrorType));
        await _runtime.WaitForNextRequestsAsync(2);
        Assert.False(run.IsCompleted);
        await StopAsync(run);
    }

    [Fact]
    public async Task RunAsync_AfterInvocation_WritesEmfLineWithRunMetrics()
    {
        var counts = new RunCounts(DriftFound: 4, ChangesApplied: 3, ChangesFailed: 1, ChangesPending: 2, ApiCalls: 17, Throttles: 5);
        var run = Start((_, _) => Task.FromResult(InvocationResult.Success("{}", counts)));
        _runtime.Enqueue("req-10", ScheduledEvent, Now.AddMinutes(15));
        await _runtime.NextPostAsync();
        await _runtime.WaitForNextRequestsAsync(2);
        await StopAsync(run);

        var emf = Assert.Single(LogLines(), line => line.TryGetProperty("_aws", out _));
        Assert.Equal("req-10", emf.GetProperty("runId").GetString());
        Assert.Equal("reconciler-test", emf.GetProperty("FunctionName").GetString());
        Assert.Equal(1, emf.GetProperty("RunsSucceeded").GetDouble());
        Assert.Equal(0, emf.GetProperty("RunsFailed").GetDouble());
        Assert.Equal(3, emf.GetProperty("ChangesApplied").GetDouble());
        Assert.Equal(5, emf.GetProperty("Throttles").GetDouble());
    }

    [Fact]
    public async Task RunAsync_EveryInvocationLogLine_CarriesTheRequestIdAsRunId()
    {
        var run = Start((_, _) => Task.FromResult(InvocationResult.Success("{}")));
        _runtime.Enqueue("req-11", ScheduledEvent, Now.AddMinutes(15));
        await _runtime.NextPostAsync();
        await _runtime.WaitForNextRequestsAsync(2);
        await StopAsync(run);

        var runLines = LogLines().Where(line => line.TryGetProperty("message", out var message)
            && message.GetString()!.StartsWith("Run ", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, runLines.Count);
        Assert.All(runLines, line => Assert.Equal("req-11", line.GetProperty("runId").GetString()));
    }

    private Task<int> Start(InvocationHandler handler, Func<LambdaHostOptions, LambdaHostOptions>? configure = null)
    {
        var settings = new LambdaSettings("/var/task/policies", null, DryRun: false, MaxChangesPerRun: null, RunLogLevel.Debug, "reconciler");
        var options = new LambdaHostOptions(_runtime.Address, settings, _output, _time)
        {
            FunctionName = "reconciler-test",
            SetEnvironmentVariable = (name, value) => _environment[name] = value,
        };
        options = configure?.Invoke(options) ?? options;
        return Task.Run(() => LambdaHost.RunAsync(options, handler, _shutdown.Token));
    }

    private async Task StopAsync(Task<int> run)
    {
        await _shutdown.CancelAsync();
        Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(20)));
    }

    private List<JsonElement> LogLines() =>
        _buffer.ToString()
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement.Clone())
            .ToList();
}
