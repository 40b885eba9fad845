using System.Diagnostics;
using Reconciler.Aws;
using Reconciler.Planning;
using Reconciler.Policies;
using Reconciler.Reconciliation;
using Reconciler.Telemetry;
using Reconciler.Testing.Faults;
using Reconciler.Watch;

namespace Reconciler.Benchmarks;

/// <summary>One watch batch measured: its calls per API, wall time, and what became of its events and changes.</summary>
/// <param name="Wall">Real time of <see cref="WatchRun.RunAsync"/>.</param>
/// <param name="Statuses">Events per outcome ("reconciled 100").</param>
internal sealed record WatchBatchMeasurement(
    int Index,
    int Events,
    int Functions,
    TimeSpan Wall,
    IReadOnlyList<OperationCounts> Calls,
    int Changes,
    int Applied,
    bool Complete,
    IReadOnlyList<string> Statuses,
    IReadOnlyList<string> ChangesByKind)
{
    public long TotalRequests => Calls.Sum(c => c.Requests);

    public long WriteRequests => Calls.Where(c => c.Operation.IsWrite).Sum(c => c.Requests);

    public long ReadRequests => TotalRequests - WriteRequests;

    public long Throttles => Calls.Sum(c => c.QuotaThrottled);
}

/// <summary>The burst: every batch, the totals, the quota bound of all its requests, and what was left after it.</summary>
/// <param name="Virtual">The burst in AWS time: its real time × the compression.</param>
/// <param name="QuotaBound">The least AWS time the documented quotas allow for all the burst's requests.</param>
/// <param name="DriftedFields">Fields the benchmark drifted before the burst (each should be written once).</param>
/// <param name="TargetsWrittenMoreThanOnce">Write operations and targets that reached moto more than once.</param>
/// <param name="LeftAfter">What a full plan of the whole account still finds after the burst (nothing, when converged).</param>
/// <param name="PeakBytes">Peak resident memory of the benchmark process over the burst (VmHWM, reset before it).</param>
internal sealed record WatchBurstMeasurement(
    IReadOnlyList<WatchBatchMeasurement> Batches,
    IReadOnlyList<OperationCounts> Calls,
    TimeSpan Wall,
    TimeSpan Virtual,
    TimeSpan QuotaBound,
    int DriftedFields,
    IReadOnlyList<string> TargetsWrittenMoreThanOnce,
    IReadOnlyList<string> LeftAfter,
    long PeakBytes,
    bool PeakWasReset)
{
    public long TotalRequests => Calls.Sum(c => c.Requests);

    public long WriteRequests => Calls.Where(c => c.Operation.IsWrite).Sum(c => c.Requests);

    /// <summary>Write requests that reached moto (a throttled one did not, and was retried).</summary>
    public long WritesReachingAws => Calls.Where(c => c.Operation.IsWrite).Sum(c => c.ReachedServer);

    public long Throttles => Calls.Sum(c => c.QuotaThrottled);
}

/// <summary>
/// The watch-mode benchmark (issue 17, docs/benchmarks.md "Watch mode"): over the converged benchmark account, one
/// CloudTrail event for one drifted function, then a burst of events over many drifted functions delivered in
/// batches, each batch one <see cref="WatchRun"/> (what `reconciler watch --events FILE` and the Lambda function run),
/// with every request counted by the same quota-enforcing fault layer as the full runs.
/// </summary>
internal sealed class WatchBenchmark(Uri endpoint, BenchmarkOptions options, ObservabilityPolicy policy, SeededAccount seeded, TextWriter progress)
{
    /// <summary>The retention the burst drifts the log groups to (the policy keeps 30 days).</summary>
    public const int DriftedRetentionDays = 7;

    private const string Region = "us-east-1";

    /// <summary>
    /// Turns tracing off on the <paramref name="run"/>th function from the end (setup, not counted), then reconciles
    /// the one UpdateFunctionConfiguration event that says so, at the real (uncompressed) quotas.
    /// </summary>
    public async Task<WatchBatchMeasurement> MeasureOneEventAsync(int run, CancellationToken cancellationToken)
    {
        var function = AccountSeeder.FunctionName(seeded.App, seeded.Functions - 1 - run);
        using (var raw = RawClients())
        {
            await raw.Lambda.UpdateFunctionConfigurationAsync(new UpdateFunctionConfigurationRequest(function, "PassThrough"), cancellationToken);
        }

        var message = new WatchMessage("event-1", CloudTrailSamples.Event(CloudTrailSamples.TracingOff, function, TimeProvider.System.GetUtcNow()));
        var (counted, log, _) = BenchmarkRunner.CountedClients(endpoint, compression: 1);
        using var clients = counted;
        return await RunBatchAsync(clients, log, run + 1, [message], 1, cancellationToken);
    }

    /// <summary>
    /// Drifts the first <see cref="BenchmarkOptions.WatchFunctions"/> functions (tracing off, and their log groups'
    /// retention to <see cref="DriftedRetentionDays"/> days; setup, not counted), then delivers the events that
    /// record those calls in batches of <see cref="BenchmarkOptions.WatchBatch"/>, one batch after the other, at the
    /// quotas compressed by <see cref="BenchmarkOptions.WatchCompression"/> (1, the real quotas, unless told).
    /// Event k touches function k mod N: the first pass over the functions is their UpdateFunctionConfiguration
    /// events, the second their PutRetentionPolicy events, alternating after that (an operator script that turned
    /// tracing off everywhere, then set the retention everywhere).
    /// </summary>
    public async Task<WatchBurstMeasurement> MeasureBurstAsync(BenchmarkRunner runner, CancellationToken cancellationToken)
    {
        var messages = await DriftBurstAsync(cancellationToken);
        var touched = options.WatchFunctions;
        var retention = options.WatchEvents > touched;

        // One set of clients for the whole burst, as a warm Lambda keeps them, and one quota table: the account's
        // buckets do not refill between batches any faster than the time between them allows.
        var peakWasReset = PeakMemory.TryReset();
        var (counted, log, quotas) = BenchmarkRunner.CountedClients(endpoint, options.WatchCompression);
        var batches = new List<WatchBatchMeasurement>();
        var clock = Stopwatch.StartNew();
        using (var clients = counted)
        {
            foreach (var batch in messages.Chunk(options.WatchBatch))
            {
                var measured = await RunBatchAsync(
                    clients, log, batches.Count + 1, [.. batch.Select(pair => pair.Message)], batch.Select(pair => pair.Function).Distinct(StringComparer.Ordinal).Count(), cancellationToken);
                batches.Add(measured);
                await progress.WriteLineAsync($"  batch {measured.Index}: {measured.Events} events, {measured.TotalRequests} requests ({measured.WriteRequests} writes), {measured.Wall.TotalSeconds:0.00} s");
            }
        }

        clock.Stop();
        var virtualElapsed = quotas.VirtualElapsed;
        var peak = PeakMemory.PeakBytes();
        var calls = log.CountsByOperation();
        var twice = log.WritesByTarget().Where(write => write.ReachedServer > 1).Select(write => $"{write.Operation} {write.Target} x{write.ReachedServer}").ToList();
        var left = await runner.PlanAsync(cancellationToken);
        return new WatchBurstMeasurement(
            batches,
            calls,
            clock.Elapsed,
            virtualElapsed,
            quotas.MinimumVirtualDuration(calls),
            touched * (retention ? 2 : 1),
            twice,
            left,
            peak,
            peakWasReset);
    }

    /// <summary>
    /// The published binary (`reconciler watch --events FILE`, Native AOT, what users run) as a child process at the
    /// real quotas: once for one event on one drifted function, then once per batch over the burst's functions drifted
    /// again (fresh events of the same shapes, one events file per batch). Wall time (process start included) and peak
    /// resident set of each process; nothing is counted (there is no fault layer under the binary).
    /// </summary>
    public async Task<IReadOnlyList<BinaryRun>> MeasureBinaryAsync(string binary, CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("reconciler-bench-watch-");
        try
        {
            var policies = Directory.CreateDirectory(Path.Combine(directory.FullName, "policies"));
            await File.WriteAllTextAsync(Path.Combine(policies.FullName, "bench.yaml"), BenchmarkPolicy.Yaml(seeded.App), cancellationToken);
            var runs = new List<BinaryRun>();

            async Task RunAsync(string label, IEnumerable<WatchMessage> messages)
            {
                var events = Path.Combine(directory.FullName, $"events-{runs.Count + 1}.jsonl");
                await File.WriteAllLinesAsync(events, messages.Select(message => message.Body), cancellationToken);
                string[] arguments = ["watch", "--events", events, "--policies", policies.FullName, "--alarm-prefix", BenchmarkPolicy.AlarmNamePrefix];
                var run = await BinaryMeasurement.RunAsync(binary, arguments, endpoint, cancellationToken) with { Command = $"{Path.GetFileName(binary)} watch ({label})" };
                await progress.WriteLineAsync(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"  binary {label}: exit {run.ExitCode}, {run.Wall.TotalSeconds:0.00} s, peak {run.PeakBytes / (1024.0 * 1024):0.0} MB"));
                runs.Add(run);
            }

            var function = AccountSeeder.FunctionName(seeded.App, seeded.Functions - 1 - options.WatchSingleRuns);
            using (var raw = RawClients())
            {
                await raw.Lambda.UpdateFunctionConfigurationAsync(new UpdateFunctionConfigurationRequest(function, "PassThrough"), cancellationToken);
            }

            await progress.WriteLineAsync($"binary: {Path.GetFileName(binary)} watch --events FILE, one event, then the burst again");
            await RunAsync("1 event", [new WatchMessage("event-1", CloudTrailSamples.Event(CloudTrailSamples.TracingOff, function, TimeProvider.System.GetUtcNow()))]);
            var messages = await DriftBurstAsync(cancellationToken);
            var batch = 0;
            foreach (var chunk in messages.Chunk(options.WatchBatch))
            {
                await RunAsync($"batch {++batch}", chunk.Select(pair => pair.Message));
            }

            return runs;
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Drifts the burst's functions (setup, not counted) and returns the events that record the drifting calls, each
    /// with the function it touches: event k touches function k mod N; even passes over the functions are
    /// UpdateFunctionConfiguration (tracing off), odd ones PutRetentionPolicy (<see cref="DriftedRetentionDays"/> days).
    /// </summary>
    private async Task<List<(string Function, WatchMessage Message)>> DriftBurstAsync(CancellationToken cancellationToken)
    {
        var touched = options.WatchFunctions;
        var retention = options.WatchEvents > touched;
        await progress.WriteLineAsync($"burst: drifting {touched} functions (tracing off{(retention ? $", log retention {DriftedRetentionDays} days" : "")})");
        using (var raw = RawClients())
        using (var bounded = new BoundedConcurrency(options.SeedConcurrency, cancellationToken))
        {
            var work = new List<Task>();
            for (var i = 0; i < touched; i++)
            {
                var name = AccountSeeder.FunctionName(seeded.App, i);
                var group = AccountSeeder.LogGroupName(seeded.App, i);
                work.Add(bounded.RunAsync(() => raw.Lambda.UpdateFunctionConfigurationAsync(new UpdateFunctionConfigurationRequest(name, "PassThrough"), cancellationToken)));
                if (retention)
                {
                    work.Add(bounded.RunAsync(() => raw.Logs.PutRetentionPolicyAsync(group, DriftedRetentionDays, cancellationToken)));
                }
            }

            await Task.WhenAll(work);
        }

        var start = TimeProvider.System.GetUtcNow().AddSeconds(-options.WatchEvents);
        return [.. Enumerable.Range(0, options.WatchEvents).Select(k =>
        {
            var function = AccountSeeder.FunctionName(seeded.App, k % touched);
            var body = (k / touched) % 2 == 0
                ? CloudTrailSamples.Event(CloudTrailSamples.TracingOff, function, start.AddSeconds(k))
                : CloudTrailSamples.Event(CloudTrailSamples.Retention, function, start.AddSeconds(k), DriftedRetentionDays);
            return (Function: function, Message: new WatchMessage(Guid.NewGuid().ToString(), body));
        })];
    }

    private async Task<WatchBatchMeasurement> RunBatchAsync(
        IAwsClients clients, FaultLog log, int index, IReadOnlyList<WatchMessage> messages, int functions, CancellationToken cancellationToken)
    {
        var before = log.Entries.Count;
        var logger = new RunLogger(TextWriter.Null, TimeProvider.System, $"bench-watch-{index}");
        var request = new ReconcileRequest(
            [policy], Apply: true, DryRun: false, Deadline: TimeProvider.System.GetUtcNow().AddMinutes(15),
            AlarmNamePrefix: BenchmarkPolicy.AlarmNamePrefix);
        var clock = Stopwatch.StartNew();
        var result = await new WatchRun(clients, Region, TimeProvider.System, logger).RunAsync(messages, request, cancellationToken);
        clock.Stop();
        var entries = log.Entries.Skip(before).ToList();
        var reconcile = result.Reconcile;
        foreach (var error in reconcile?.Errors ?? [])
        {
            await progress.WriteLineAsync($"  watch batch {index} error: {error}");
        }

        return new WatchBatchMeasurement(
            index,
            messages.Count,
            functions,
            clock.Elapsed,
            [.. FaultLog.CountsOf(entries)],
            reconcile?.Plan.Changes.Count ?? 0,
            reconcile?.Apply?.Outcomes.Count(o => o.Status == ChangeStatus.Applied) ?? 0,
            Complete: reconcile is null || reconcile.Errors.Count == 0,
            [.. result.Items.GroupBy(item => item.Status).OrderBy(group => group.Key).Select(group => $"{group.Key.ToString().ToLowerInvariant()} {group.Count()}")],
            reconcile is null ? [] : PlannedChanges.ByKind(reconcile.Plan.Changes));
    }

    // Setup clients: no rate limits, no fault layer, nothing counted.
    private IAwsClients RawClients() => AwsClients.Create(new AwsClientOptions
    {
        Region = Region,
        EndpointUrl = endpoint,
        Credentials = new Amazon.Runtime.BasicAWSCredentials("testing", "testing"),
        RateLimits = AwsRateLimitOptions.Disabled,
    });
}
