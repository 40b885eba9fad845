using Microsoft.Extensions.Time.Testing;
using Reconciler.Aws;
using Reconciler.Drill;

namespace Reconciler.Tests.Drill;

public sealed class DrillEngineTests
{
    private const string Topic = "arn:aws:sns:us-east-1:123456789012:ops";
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task RunAsync_TwentyAlarmsFourAtATime_AllDeliveredNeverMoreThanFourInFlightAndFarFasterThanOneByOne()
    {
        var time = new FakeTimeProvider(Start);
        var cloudWatch = new FakeCloudWatch(time) { ActionDelay = TimeSpan.FromSeconds(1) };
        var options = new DrillOptions(TimeSpan.FromSeconds(120), TimeSpan.FromSeconds(5), MaxConcurrentAlarms: 4);
        var targets = Enumerable.Range(0, 20).Select(i => Target($"reconciler-p-fn{i:D2}-error-rate")).ToList();

        var drilled = await RunOnFakeClockAsync(time, new DrillEngine(cloudWatch, time, options).RunAsync(targets, "drill-1", Start, null, CancellationToken.None));

        Assert.Equal(20, drilled.Count);
        Assert.All(drilled, alarm => Assert.Equal(ActionOutcome.Delivered, Assert.Single(alarm.Actions).Outcome));
        Assert.All(drilled, alarm => Assert.Equal("OK", alarm.RestoredState));
        Assert.Equal(4, cloudWatch.MaxInFlight);
        // 20 alarms, 4 at a time, each settled at its first read 5 s after firing: 5 rounds of 5 s, not 20 (100 s). The
        // clock moves in steps while the drill runs, so a loaded machine may see it a little further on.
        Assert.InRange(time.GetUtcNow() - Start, TimeSpan.FromSeconds(25), TimeSpan.FromSeconds(40));
    }

    [Fact]
    public async Task RunAsync_NoActionItemEver_UnknownAfterTheTimeoutAndStillRestored()
    {
        var time = new FakeTimeProvider(Start);
        var cloudWatch = new FakeCloudWatch(time) { RecordsActions = false };
        var options = new DrillOptions(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(5));

        var drilled = await RunOnFakeClockAsync(time, new DrillEngine(cloudWatch, time, options).RunAsync([Target("a")], "drill-1", Start, null, CancellationToken.None));

        var action = Assert.Single(Assert.Single(drilled).Actions);
        Assert.Equal(ActionOutcome.Unknown, action.Outcome);
        Assert.Contains("(--timeout 30)", action.Detail, StringComparison.Ordinal);
        Assert.Equal(["a=ALARM", "a=OK"], cloudWatch.StateCalls);
        Assert.InRange(time.GetUtcNow() - Start, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(36));
        Assert.InRange(cloudWatch.HistoryReads, 1, 6);
    }

    [Fact]
    public async Task RunAsync_FailedActionItem_FailedWithCloudWatchsErrorAndARemedy()
    {
        var time = new FakeTimeProvider(Start);
        var cloudWatch = new FakeCloudWatch(time) { Failure = "CloudWatch Alarms does not have authorization to access the SNS topic encryption key." };

        var drilled = await RunOnFakeClockAsync(time, new DrillEngine(cloudWatch, time, DrillOptions.Default).RunAsync([Target("a")], "drill-1", Start, null, CancellationToken.None));

        var action = Assert.Single(Assert.Single(drilled).Actions);
        Assert.Equal((ActionOutcome.Failed, cloudWatch.Failure), (action.Outcome!.Value, action.Detail));
        Assert.Contains("customer managed KMS key", action.Remedy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_CancelledWhileWaiting_OpenActionsUnknownAndTheAlarmRestored()
    {
        var time = new FakeTimeProvider(Start);
        var cloudWatch = new FakeCloudWatch(time) { RecordsActions = false };
        using var interrupt = new CancellationTokenSource();
        var run = new DrillEngine(cloudWatch, time, DrillOptions.Default).RunAsync([Target("a")], "drill-1", Start, null, interrupt.Token);
        await Task.Delay(50);
        interrupt.Cancel();

        var drilled = await run;

        var alarm = Assert.Single(drilled);
        Assert.Equal(ActionOutcome.Unknown, Assert.Single(alarm.Actions).Outcome);
        Assert.Contains("interrupted", alarm.Actions[0].Detail, StringComparison.Ordinal);
        Assert.Equal(["a=ALARM", "a=OK"], cloudWatch.StateCalls);
    }

    [Fact]
    public async Task RunAsync_SetAlarmStateRefused_UnknownAndNotRestored()
    {
        var time = new FakeTimeProvider(Start);
        var cloudWatch = new FakeCloudWatch(time) { RefuseFire = true };

        var drilled = await RunOnFakeClockAsync(time, new DrillEngine(cloudWatch, time, DrillOptions.Default).RunAsync([Target("a")], "drill-1", Start, null, CancellationToken.None));

        var alarm = Assert.Single(drilled);
        Assert.Contains("AccessDenied", alarm.Error, StringComparison.Ordinal);
        Assert.Equal(ActionOutcome.Unknown, Assert.Single(alarm.Actions).Outcome);
        Assert.Equal(0, cloudWatch.HistoryReads);
    }

    private static DrillTarget Target(string name) => new(name, "p", "OK", [Topic]);

    // Moves the fake clock on while the drill waits on it; each step lets the drill's continuations run first.
    private static async Task<T> RunOnFakeClockAsync<T>(FakeTimeProvider time, Task<T> run)
    {
        while (!run.IsCompleted)
        {
            await Task.Delay(2);
            time.Advance(TimeSpan.FromMilliseconds(500));
        }

        return await run;
    }

    private sealed class FakeCloudWatch(FakeTimeProvider time) : IAlarmStateClient
    {
        private readonly object gate = new();
        private readonly Dictionary<string, DateTimeOffset> firedAt = new(StringComparer.Ordinal);
        private int inFlight;

        public TimeSpan ActionDelay { get; init; } = TimeSpan.Zero;

        public bool RecordsActions { get; init; } = true;

        public bool RefuseFire { get; init; }

        public string? Failure { get; init; }

        public int MaxInFlight { get; private set; }

        public int HistoryReads { get; private set; }

        public List<string> StateCalls { get; } = [];

        public Task SetAlarmStateAsync(string alarmName, string stateValue, string stateReason, CancellationToken cancellationToken)
        {
            lock (gate)
            {
                if (RefuseFire)
                {
                    throw new AwsServiceException("monitoring", "SetAlarmState", "AccessDenied", "not allowed", 403, null, AwsErrorKind.Terminal);
                }

                StateCalls.Add($"{alarmName}={stateValue}");
                if (stateValue == "ALARM")
                {
                    Assert.Contains("No action is needed", stateReason, StringComparison.Ordinal);
                    firedAt[alarmName] = time.GetUtcNow();
                    MaxInFlight = Math.Max(MaxInFlight, ++inFlight);
                }
                else
                {
                    Assert.Contains("is over", stateReason, StringComparison.Ordinal);
                    inFlight--;
                }
            }

            return Task.CompletedTask;
        }

        public async IAsyncEnumerable<AlarmHistoryItem> DescribeAlarmHistoryAsync(DescribeAlarmHistoryRequest request, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await Task.Yield();
            AlarmHistoryItem? item = null;
            lock (gate)
            {
                HistoryReads++;
                Assert.Equal(("Action", Start), (request.HistoryItemType, request.StartDate!.Value));
                if (RecordsActions && firedAt.TryGetValue(request.AlarmName!, out var fired) && time.GetUtcNow() >= fired + ActionDelay)
                {
                    item = Failure is null
                        ? new AlarmHistoryItem(request.AlarmName!, fired, "Action", $"Successfully executed action {Topic}", null)
                        : new AlarmHistoryItem(request.AlarmName!, fired, "Action", $"Failed to execute action {Topic}. Received error: \"{Failure}\"", null);
                }
            }

            if (item is not null)
            {
                yield return item;
            }
        }
    }
}
