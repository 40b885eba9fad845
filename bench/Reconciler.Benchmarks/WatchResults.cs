using System.Globalization;
using System.Text;
using Reconciler.Testing.Faults;

namespace Reconciler.Benchmarks;

/// <summary>What the watch benchmark measured, the steady-state cost computed from it, and its renderings.</summary>
/// <param name="Converge">The full run that converged the seeded account (setup for the watch figures; measured as usual).</param>
/// <param name="FullSteady">A full run over the converged account: what one scheduled full reconcile costs.</param>
/// <param name="Singles">The one-event case, once per function.</param>
/// <param name="BinaryRuns">The published binary's watch runs (one event, then each batch), when one was given.</param>
internal sealed record WatchResults(
    BenchmarkOptions Options,
    SeededAccount Seeded,
    RunMeasurement Converge,
    RunMeasurement FullSteady,
    IReadOnlyList<WatchBatchMeasurement> Singles,
    WatchBurstMeasurement Burst,
    IReadOnlyList<BinaryRun> BinaryRuns)
{
    /// <summary>Issue 17's target for one event on one drifted function: calls.</summary>
    public const int OneEventCallsTarget = 6;

    /// <summary>Issue 17's target for one event on one drifted function: wall time (printed, never asserted).</summary>
    public static readonly TimeSpan OneEventTimeTarget = TimeSpan.FromSeconds(1);

    public int ManagedObjects => BenchmarkResults.ManagedObjectsOf(Seeded);

    /// <summary>Calls of one full reconcile of the converged account (<see cref="FullSteady"/>).</summary>
    public long FullRunCalls => FullSteady.TotalRequests;

    /// <summary>Mean calls of the one-event case, writes included.</summary>
    public double EventCalls => Singles.Average(single => (double)single.TotalRequests);

    /// <summary>Mean writes of the one-event case (what correcting the change itself takes, on any schedule).</summary>
    public double EventWrites => Singles.Average(single => (double)single.WriteRequests);

    /// <summary>Calls per event in the burst (batched delivery).</summary>
    public double BurstCallsPerEvent => (double)Burst.TotalRequests / Options.WatchEvents;

    public double FullRunsPerHour => 60.0 / Options.ScheduleMinutes;

    /// <summary>Calls an hour on the full schedule: its full runs, plus the writes of the changes it corrects.</summary>
    public double FullSchedulePerHour => (FullRunsPerHour * FullRunCalls) + (Options.ChangesPerHour * EventWrites);

    /// <summary>Calls an hour in watch mode, each change its own one-event batch: the resync, plus the event path.</summary>
    public double WatchPerHour => ((double)FullRunCalls / Options.ResyncHours) + (Options.ChangesPerHour * EventCalls);

    /// <summary>The same with the changes arriving as in the burst (batched): the burst's calls per event.</summary>
    public double WatchBatchedPerHour => ((double)FullRunCalls / Options.ResyncHours) + (Options.ChangesPerHour * BurstCallsPerEvent);

    /// <summary>Changes an hour at which watch mode (one event a batch) costs as many calls as the full schedule.</summary>
    public double BreakEvenChangesPerHour => (FullRunsPerHour - (1.0 / Options.ResyncHours)) * FullRunCalls / (EventCalls - EventWrites);

    public string ToText()
    {
        var text = new StringBuilder();
        Line(text, $"machine: {BenchmarkResults.Machine()}");
        Line(text, $"account: {Seeded.Functions} functions, {Seeded.Apis} REST APIs, {Seeded.Stages} stages -> {ManagedObjects} managed objects; seeding (not measured) {Seconds(Seeded.Duration)}");
        Line(text, $"full runs (quota compression {Options.Compression}x): converging run {Converge.TotalRequests} requests ({Converge.WriteRequests} writes), {Seconds(Converge.Wall)}; converged run {FullSteady.TotalRequests} requests ({FullSteady.WriteRequests} writes), {Seconds(FullSteady.Wall)}");
        Line(text, "");
        Line(text, "(a) one UpdateFunctionConfiguration event (tracing turned off) for one drifted function, real quotas (no compression):");
        foreach (var single in Singles)
        {
            Line(text, $"  run {single.Index}: {single.TotalRequests} requests ({single.ReadRequests} reads, {single.WriteRequests} writes), throttles {single.Throttles}, wall {Millis(single.Wall)}; {string.Join(", ", single.Statuses)}; planned {Planned(single)}{(single.Complete ? "" : ", WITH RUN ERRORS")}");
        }

        Line(text, $"  calls per API, run 1{(Singles.All(single => SameCalls(single, Singles[0])) ? " (every run the same)" : " (the runs differ: see each run's total)")}:");
        foreach (var call in Singles[0].Calls)
        {
            Line(text, $"    {call.Operation,-36} {call.Requests,5} {(call.Operation.IsWrite ? "write" : "read")}");
        }

        var calls = Singles.Max(single => single.TotalRequests);
        var wall = Singles.Max(single => single.Wall);
        Line(text, $"  target <= {OneEventCallsTarget} calls: {calls} at most -> {Verdict(calls <= OneEventCallsTarget)}; target <= {OneEventTimeTarget.TotalSeconds:0} s: {Millis(wall)} at most, median {Millis(Median(Singles.Select(single => single.Wall)))} -> {Verdict(wall <= OneEventTimeTarget)} (printed, not asserted)");
        Line(text, "");
        Line(text, $"(b) burst: {Options.WatchEvents} events over {Options.WatchFunctions} drifted functions ({Burst.DriftedFields} drifted fields), batches of {Options.WatchBatch}, one after the other, quota compression {Options.WatchCompression}x:");
        foreach (var batch in Burst.Batches)
        {
            Line(text, $"  batch {batch.Index,2}: {batch.Events} events, {batch.Functions} functions, {batch.TotalRequests} requests ({batch.WriteRequests} writes), throttles {batch.Throttles}, wall {Seconds(batch.Wall)}{(Options.WatchCompression == 1 ? "" : $" (AWS time {Seconds(batch.Wall * Options.WatchCompression)})")}; {string.Join(", ", batch.Statuses)}; planned {Planned(batch)}{(batch.Complete ? "" : ", WITH RUN ERRORS")}");
        }

        Line(text, $"  total: {Burst.TotalRequests} requests ({Burst.WriteRequests} write requests, {Burst.WritesReachingAws} of them reaching moto, for {Burst.DriftedFields} drifted fields), throttles {Burst.Throttles}; {BurstCallsPerEvent:0.00} requests per event");
        Line(text, $"  writes that reached moto more than once for one target: {(Burst.TargetsWrittenMoreThanOnce.Count == 0 ? "none" : string.Join(", ", Burst.TargetsWrittenMoreThanOnce))}");
        Line(text, $"  wall {Seconds(Burst.Wall)}, AWS time {Seconds(Burst.Virtual)}, quota bound {Seconds(Burst.QuotaBound)}, ratio {Ratio(Burst.Virtual, Burst.QuotaBound)}; per batch: mean {Seconds(TimeSpan.FromTicks((long)Burst.Batches.Average(b => b.Wall.Ticks)))}, max {Seconds(Burst.Batches.Max(b => b.Wall))} wall");
        Line(text, $"  peak memory of the benchmark process over the burst: {Megabytes(Burst.PeakBytes)}{(Burst.PeakWasReset ? "" : " (could not reset the peak: includes seeding and the full runs)")}");
        Line(text, $"  a full plan of the account after the burst: {(Burst.LeftAfter.Count == 0 ? "no changes (converged)" : string.Join(", ", Burst.LeftAfter))}");
        Line(text, $"  {"operation",-36} {"requests",9} {"throttled",10}");
        foreach (var call in Burst.Calls)
        {
            Line(text, $"  {call.Operation,-36} {call.Requests,9} {call.QuotaThrottled,10}");
        }

        if (BinaryRuns.Count > 0)
        {
            Line(text, "");
            Line(text, "published binary, `watch --events FILE`, real quotas (wall time includes process start):");
            foreach (var run in BinaryRuns)
            {
                Line(text, $"  {run.Command,-32} exit {run.ExitCode}, wall {Seconds(run.Wall)}, peak {Megabytes(run.PeakBytes)}");
            }

            Line(text, $"  peak memory, largest: {Megabytes(BinaryRuns.Max(run => run.PeakBytes))} -> target < 150 MB {Verdict(BinaryRuns.Max(run => run.PeakBytes) < BenchmarkResults.PeakMemoryTargetBytes)}");
        }

        Line(text, "");
        Line(text, $"(c) steady-state cost, assumed change rate {Options.ChangesPerHour} drifting changes an hour for the account ({ManagedObjects} managed objects):");
        Line(text, $"  full schedule every {Options.ScheduleMinutes} min: {FullRunsPerHour:0.##} x {FullRunCalls} + {Options.ChangesPerHour} x {EventWrites:0.##} writes = {FullSchedulePerHour:0.0} calls/h = {FullSchedulePerHour / ManagedObjects:0.0000} per object per hour");
        Line(text, $"  watch, resync every {Options.ResyncHours} h, one event a batch: {FullRunCalls} / {Options.ResyncHours} + {Options.ChangesPerHour} x {EventCalls:0.##} = {WatchPerHour:0.0} calls/h = {WatchPerHour / ManagedObjects:0.0000} per object per hour");
        Line(text, $"  watch, resync every {Options.ResyncHours} h, batched as the burst: {FullRunCalls} / {Options.ResyncHours} + {Options.ChangesPerHour} x {BurstCallsPerEvent:0.##} = {WatchBatchedPerHour:0.0} calls/h = {WatchBatchedPerHour / ManagedObjects:0.0000} per object per hour");
        Line(text, $"  break-even (one event a batch): {BreakEvenChangesPerHour:0} changes an hour");
        return text.ToString();
    }

    public string ToMarkdown()
    {
        var md = new StringBuilder();
        Line(md, $"Machine: {BenchmarkResults.Machine()}. Account: {Seeded.Functions} functions, {Seeded.Apis} REST APIs × {Options.StagesPerApi} stages = {ManagedObjects} managed objects, converged by a full run ({Converge.TotalRequests} requests) before anything below. Seeding took {Seconds(Seeded.Duration)} (not measured).");
        Line(md, "");
        Line(md, "| figure | measured | target | |");
        Line(md, "| --- | --- | --- | --- |");
        var calls = Singles.Max(single => single.TotalRequests);
        var wall = Singles.Max(single => single.Wall);
        Line(md, $"| (a) one event, one drifted function: calls (reads + writes), each of {Singles.Count} runs | {string.Join(", ", Singles.Select(single => $"{single.TotalRequests} ({single.ReadRequests} + {single.WriteRequests})"))} | ≤ {OneEventCallsTarget} | {Verdict(calls <= OneEventCallsTarget)} |");
        Line(md, $"| (a) one event: wall time, real quotas, each run | {string.Join(", ", Singles.Select(single => Millis(single.Wall)))} | ≤ {OneEventTimeTarget.TotalSeconds:0} s | {Verdict(wall <= OneEventTimeTarget)} (not asserted) |");
        Line(md, $"| (b) burst: {Options.WatchEvents} events, {Options.WatchFunctions} functions, batches of {Options.WatchBatch}: requests / write requests / quota throttles | {Burst.TotalRequests} / {Burst.WriteRequests} / {Burst.Throttles} | | |");
        Line(md, $"| (b) burst: writes reaching AWS per drifted field | {Burst.WritesReachingAws} / {Burst.DriftedFields} = {(double)Burst.WritesReachingAws / Burst.DriftedFields:0.00} | 1 | {Verdict(Burst.WritesReachingAws == Burst.DriftedFields && Burst.TargetsWrittenMoreThanOnce.Count == 0)} |");
        Line(md, $"| (b) burst: requests per event | {BurstCallsPerEvent:0.00} | | |");
        Line(md, $"| (b) burst: wall time{(Options.WatchCompression == 1 ? ", real quotas" : $" (compressed {Options.WatchCompression}×) / AWS time")} / quota bound | {Seconds(Burst.Wall)}{(Options.WatchCompression == 1 ? "" : $" / {Seconds(Burst.Virtual)}")} / {Seconds(Burst.QuotaBound)} (ratio {Ratio(Burst.Virtual, Burst.QuotaBound)}) | | |");
        Line(md, $"| (b) burst: wall time per batch, mean / max | {Seconds(TimeSpan.FromTicks((long)Burst.Batches.Average(b => b.Wall.Ticks)))} / {Seconds(Burst.Batches.Max(b => b.Wall))} | | |");
        Line(md, $"| (b) burst: peak memory, in-process (JIT, benchmark and fault layer included) | {Megabytes(Burst.PeakBytes)} | < 150 MB | {Verdict(Burst.PeakBytes < BenchmarkResults.PeakMemoryTargetBytes)} |");
        Line(md, $"| (b) burst: a full plan of the account afterwards | {(Burst.LeftAfter.Count == 0 ? "0 changes" : string.Join(", ", Burst.LeftAfter))} | 0 | {Verdict(Burst.LeftAfter.Count == 0)} |");
        foreach (var run in BinaryRuns)
        {
            Line(md, $"| published binary: `{run.Command}` (exit {run.ExitCode}), wall time with process start / peak memory | {Seconds(run.Wall)} / {Megabytes(run.PeakBytes)} | < 150 MB | {Verdict(run.PeakBytes < BenchmarkResults.PeakMemoryTargetBytes)} |");
        }

        Line(md, $"| (c) full run of the converged account (calls) | {FullRunCalls} | | |");
        Line(md, $"| (c) full schedule every {Options.ScheduleMinutes} min, {Options.ChangesPerHour} changes/h: calls per object per hour | ({FullRunsPerHour:0.##} × {FullRunCalls} + {Options.ChangesPerHour} × {EventWrites:0.##}) / {ManagedObjects} = {FullSchedulePerHour / ManagedObjects:0.0000} | | |");
        Line(md, $"| (c) watch + {Options.ResyncHours}-hour resync, {Options.ChangesPerHour} changes/h, one event a batch: calls per object per hour | ({FullRunCalls} / {Options.ResyncHours} + {Options.ChangesPerHour} × {EventCalls:0.##}) / {ManagedObjects} = {WatchPerHour / ManagedObjects:0.0000} | | |");
        Line(md, $"| (c) the same, changes batched as in the burst | ({FullRunCalls} / {Options.ResyncHours} + {Options.ChangesPerHour} × {BurstCallsPerEvent:0.##}) / {ManagedObjects} = {WatchBatchedPerHour / ManagedObjects:0.0000} | | |");
        Line(md, $"| (c) break-even change rate (one event a batch) | {BreakEvenChangesPerHour:0} changes/h | | |");
        Line(md, "");
        Line(md, "Calls per API, (a) run 1:");
        Line(md, "");
        Line(md, "| operation | requests | |");
        Line(md, "| --- | ---: | --- |");
        foreach (var call in Singles[0].Calls)
        {
            Line(md, $"| {call.Operation} | {call.Requests} | {(call.Operation.IsWrite ? "write" : "read")} |");
        }

        Line(md, "");
        Line(md, "Per batch, (b):");
        Line(md, "");
        Line(md, "| batch | events | functions | requests | write requests | throttles | wall | events | planned |");
        Line(md, "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |");
        foreach (var batch in Burst.Batches)
        {
            Line(md, $"| {batch.Index} | {batch.Events} | {batch.Functions} | {batch.TotalRequests} | {batch.WriteRequests} | {batch.Throttles} | {Seconds(batch.Wall)} | {string.Join(", ", batch.Statuses)} | {Planned(batch)} |");
        }

        Line(md, "");
        Line(md, "Calls per API, (b) whole burst:");
        Line(md, "");
        Line(md, "| operation | requests | quota throttles |");
        Line(md, "| --- | ---: | ---: |");
        foreach (var call in Burst.Calls)
        {
            Line(md, $"| {call.Operation} | {call.Requests} | {call.QuotaThrottled} |");
        }

        return md.ToString();
    }

    private static bool SameCalls(WatchBatchMeasurement a, WatchBatchMeasurement b) =>
        a.Calls.Select(Key).SequenceEqual(b.Calls.Select(Key));

    private static string Key(OperationCounts counts) => $"{counts.Operation} {counts.Requests}";

    private static string Planned(WatchBatchMeasurement batch) =>
        batch.Changes == 0 ? "nothing" : $"{batch.Changes} changes ({string.Join(", ", batch.ChangesByKind)}), applied {batch.Applied}";

    private static TimeSpan Median(IEnumerable<TimeSpan> times)
    {
        var sorted = times.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static void Line(StringBuilder text, string line) => text.Append(line).Append('\n');

    private static string Seconds(TimeSpan time) => string.Create(CultureInfo.InvariantCulture, $"{time.TotalSeconds:0.00} s");

    private static string Millis(TimeSpan time) => string.Create(CultureInfo.InvariantCulture, $"{time.TotalMilliseconds:0} ms");

    private static string Ratio(TimeSpan measured, TimeSpan bound) =>
        bound > TimeSpan.Zero ? (measured / bound).ToString("0.000", CultureInfo.InvariantCulture) : "n/a";

    private static string Megabytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.0} MB");

    private static string Verdict(bool met) => met ? "met" : "MISSED";
}
