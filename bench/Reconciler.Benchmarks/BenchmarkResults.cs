using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Reconciler.Benchmarks;

/// <summary>Everything the benchmark measured, and its renderings (plain table, markdown).</summary>
/// <param name="PeakRunBytes">Peak resident memory from after seeding to the end of the runs.</param>
/// <param name="PeakProcessBytes">Peak resident memory of the whole process, seeding included.</param>
/// <param name="BinaryRuns">The published binary's runs (apply, then plan), when one was given.</param>
internal sealed record BenchmarkResults(
    BenchmarkOptions Options,
    SeededAccount Seeded,
    RunMeasurement First,
    RunMeasurement Steady,
    long PeakRunBytes,
    long PeakProcessBytes,
    bool PeakWasReset,
    IReadOnlyList<BinaryRun> BinaryRuns)
{
    public const double CallsPerObjectTarget = 0.05;
    public const double BoundRatioTarget = 1.10;
    public const long PeakMemoryTargetBytes = 150L * 1024 * 1024;

    /// <summary>
    /// Functions, stages, alarms (2 per function and per stage), the dashboard and the functions' log groups (one per
    /// function, seeded or not: the policy manages the retention of each). A function counts once: its tracing and its
    /// LoggingConfig are fields of the same object, as a stage's tracing is a field of the stage.
    /// </summary>
    public int ManagedObjects => ManagedObjectsOf(Seeded);

    /// <summary>What <see cref="ManagedObjects"/> counts, for an account <paramref name="seeded"/> describes.</summary>
    public static int ManagedObjectsOf(SeededAccount seeded) => seeded.Functions + seeded.Stages + (2 * (seeded.Functions + seeded.Stages)) + 1 + seeded.Functions;

    public double SteadyCallsPerObject => (double)Steady.TotalRequests / ManagedObjects;

    public string ToText()
    {
        var text = new StringBuilder();
        Line(text, $"machine: {Machine()}");
        Line(text, $"account: {Seeded.Functions} functions ({Seeded.LogGroups} log groups seeded), {Seeded.Apis} REST APIs, {Seeded.Stages} stages -> {ManagedObjects} managed objects; quota compression {Options.Compression}x");
        Line(text, $"seeding (not measured): {Seconds(Seeded.Duration)}");
        foreach (var run in new[] { First, Steady })
        {
            Line(text, "");
            Line(text, $"{run.Name}: {run.Changes} changes (applied {run.Applied}, failed {run.Failed}, pending {run.Pending}){(run.Complete ? "" : ", WITH RUN ERRORS")}");
            Line(text, $"  planned: {string.Join(", ", run.ChangesByKind)}");
            Line(text, $"  wall {Seconds(run.Wall)}, virtual (AWS time) {Seconds(run.Virtual)}, quota bound {Seconds(run.QuotaBound)}, ratio {Ratio(run.BoundRatio)}");
            Line(text, $"  requests {run.TotalRequests} (writes {run.WriteRequests}), quota throttles {run.Throttles}");
            Line(text, $"  {"operation",-36} {"requests",9} {"throttled",10} {"first at",10} {"last at",10}");
            foreach (var call in run.Calls)
            {
                var span = run.Spans[call.Operation];
                Line(text, $"  {call.Operation,-36} {call.Requests,9} {call.QuotaThrottled,10} {Seconds(span.First),10} {Seconds(span.Last),10}");
            }
        }

        Line(text, "");
        Line(text, "targets:");
        Line(text, $"  steady state writes            {Steady.WriteRequests,10}          target 0        {Verdict(Steady.WriteRequests == 0)}");
        Line(text, $"  steady state calls per object  {SteadyCallsPerObject,10:0.0000}          target <= {CallsPerObjectTarget}  {Verdict(SteadyCallsPerObject <= CallsPerObjectTarget)}");
        Line(text, $"  first run / quota bound        {Ratio(First.BoundRatio),10}          target <= {BoundRatioTarget}  {Verdict(First.BoundRatio <= BoundRatioTarget)}");
        Line(text, $"  peak memory (in-process runs)  {Megabytes(PeakRunBytes),10}          target < 150 MB  {Verdict(PeakRunBytes < PeakMemoryTargetBytes)}{(PeakWasReset ? "" : " (could not reset the peak: includes seeding)")}");
        Line(text, $"  peak memory (whole process)    {Megabytes(PeakProcessBytes),10}");
        foreach (var run in BinaryRuns)
        {
            Line(text, $"  peak memory ({run.Command,-16}) {Megabytes(run.PeakBytes),10}          target < 150 MB  {Verdict(run.PeakBytes < PeakMemoryTargetBytes)} (exit {run.ExitCode}, {Seconds(run.Wall)})");
        }
        return text.ToString();
    }

    public string ToMarkdown()
    {
        var md = new StringBuilder();
        Line(md, $"Machine: {Machine()}. Account: {Seeded.Functions} functions ({Seeded.LogGroups} of their log groups seeded with no retention, the rest missing), {Seeded.Apis} REST APIs × {Options.StagesPerApi} stages = {ManagedObjects} managed objects. Quota time compression {Options.Compression}x. Seeding took {Seconds(Seeded.Duration)} (not measured).");
        Line(md, "");
        Line(md, "| figure | measured | target | |");
        Line(md, "| --- | --- | --- | --- |");
        Line(md, $"| first run: wall time (compressed) | {Seconds(First.Wall)} | | |");
        Line(md, $"| first run: AWS time (wall × {Options.Compression}) | {Seconds(First.Virtual)} | | |");
        Line(md, $"| first run: quota bound | {Seconds(First.QuotaBound)} | | |");
        Line(md, $"| first run: AWS time / quota bound | {Ratio(First.BoundRatio)} | ≤ {BoundRatioTarget} | {Verdict(First.BoundRatio <= BoundRatioTarget)} |");
        Line(md, $"| first run: requests / quota throttles | {First.TotalRequests} / {First.Throttles} | | |");
        Line(md, $"| steady state: writes | {Steady.WriteRequests} | 0 | {Verdict(Steady.WriteRequests == 0)} |");
        Line(md, $"| steady state: calls per managed object | {Steady.TotalRequests} / {ManagedObjects} = {SteadyCallsPerObject:0.0000} | ≤ {CallsPerObjectTarget} | {Verdict(SteadyCallsPerObject <= CallsPerObjectTarget)} |");
        Line(md, $"| steady state: wall time (compressed) / AWS time | {Seconds(Steady.Wall)} / {Seconds(Steady.Virtual)} | | |");
        Line(md, $"| peak memory, in-process (JIT, benchmark and fault layer included), both runs | {Megabytes(PeakRunBytes)} | < 150 MB | {Verdict(PeakRunBytes < PeakMemoryTargetBytes)} |");
        Line(md, $"| peak memory of the benchmark process, seeding included | {Megabytes(PeakProcessBytes)} | | |");
        foreach (var run in BinaryRuns)
        {
            Line(md, $"| peak memory, published binary: `{run.Command}` (exit {run.ExitCode}, {Seconds(run.Wall)}) | {Megabytes(run.PeakBytes)} | < 150 MB | {Verdict(run.PeakBytes < PeakMemoryTargetBytes)} |");
        }
        foreach (var run in new[] { First, Steady })
        {
            Line(md, "");
            Line(md, $"Calls per API, {run.Name} ({run.Changes} changes: applied {run.Applied}, failed {run.Failed}, pending {run.Pending}{(run.Changes > 0 ? "; " + string.Join(", ", run.ChangesByKind) : "")}):");
            Line(md, "");
            Line(md, "| operation | requests | quota throttles | first / last request at (AWS time) |");
            Line(md, "| --- | ---: | ---: | ---: |");
            foreach (var call in run.Calls)
            {
                var span = run.Spans[call.Operation];
                Line(md, $"| {call.Operation} | {call.Requests} | {call.QuotaThrottled} | {Seconds(span.First)} / {Seconds(span.Last)} |");
            }
        }

        return md.ToString();
    }

    public static string Machine()
    {
        var cpu = ReadField("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString();
        var memory = ReadField("/proc/meminfo", "MemTotal") is { } total
            ? $"{long.Parse(total.Split(' ')[0], CultureInfo.InvariantCulture) / (1024 * 1024.0):0.0} GiB RAM"
            : "RAM unknown";
        return $"{Environment.ProcessorCount} CPUs ({cpu}), {memory}, {RuntimeInformation.OSDescription}, .NET {Environment.Version}";
    }

    private static string? ReadField(string path, string key) =>
        File.Exists(path)
            ? File.ReadLines(path).Where(line => line.StartsWith(key, StringComparison.Ordinal)).Select(line => line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim()).FirstOrDefault()
            : null;

    private static void Line(StringBuilder text, string line) => text.Append(line).Append('\n');

    private static string Seconds(TimeSpan time) => string.Create(CultureInfo.InvariantCulture, $"{time.TotalSeconds:0.0} s");

    private static string Ratio(double ratio) => double.IsNaN(ratio) ? "n/a" : ratio.ToString("0.000", CultureInfo.InvariantCulture);

    private static string Megabytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.0} MB");

    private static string Verdict(bool met) => met ? "met" : "MISSED";
}
