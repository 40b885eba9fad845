using Reconciler.Benchmarks;
using Reconciler.LocalEmulator;
using Reconciler.Planning;

// The benchmark of issue 8: seeds moto, then measures the first (everything drifted) and the second (steady) run
// against the quota-enforcing layer; with `watch` first, the watch-mode benchmark of issue 17 instead. Not a test:
// numbers are reported, never asserted. See docs/benchmarks.md.
BenchmarkOptions options;
try
{
    options = BenchmarkOptions.Parse(args);
}
catch (ArgumentException error)
{
    await Console.Error.WriteLineAsync(error.Message);
    return 2;
}

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

await using var moto = await MotoServer.StartAsync(new MotoServerOptions(), cancellation.Token);
Console.WriteLine($"moto at {moto.Endpoint}; seeding {options.Functions} functions (and the log groups of 9 in 10) and {options.Apis} REST APIs × {options.StagesPerApi} stages");
var seeded = await AccountSeeder.SeedAsync(BenchmarkRunner.Seeder(moto.Endpoint), options, Console.Out, cancellation.Token);
Console.WriteLine($"seeded in {seeded.Duration.TotalSeconds:0.0} s");

if (options.Watch)
{
    // Watch mode (issue 17): converge the account with a full run, measure a full run of the converged account,
    // then the event path: one event, then a burst in batches. See docs/benchmarks.md, "Watch mode".
    var fullRunner = new BenchmarkRunner(moto.Endpoint, options, BenchmarkPolicy.Load(seeded.App), Console.Out);
    var converge = await fullRunner.MeasureAsync("full run (converges the account)", cancellation.Token);
    var fullSteady = await fullRunner.MeasureAsync("full run of the converged account", cancellation.Token);
    var watch = new WatchBenchmark(moto.Endpoint, options, BenchmarkPolicy.Load(seeded.App), seeded, Console.Out);
    var singles = new List<WatchBatchMeasurement>();
    for (var run = 0; run < options.WatchSingleRuns; run++)
    {
        singles.Add(await watch.MeasureOneEventAsync(run, cancellation.Token));
    }

    var burst = await watch.MeasureBurstAsync(fullRunner, cancellation.Token);
    IReadOnlyList<BinaryRun> watchBinaryRuns = options.BinaryPath is { } watchBinary
        ? await watch.MeasureBinaryAsync(Path.GetFullPath(watchBinary), cancellation.Token)
        : [];
    var watchResults = new WatchResults(options, seeded, converge, fullSteady, singles, burst, watchBinaryRuns);
    await WriteResultsAsync(watchResults.ToText(), watchResults.ToMarkdown());

    return 0;
}

var peakProcessBeforeRuns = PeakMemory.PeakBytes();
var peakWasReset = PeakMemory.TryReset();
var runner = new BenchmarkRunner(moto.Endpoint, options, BenchmarkPolicy.Load(seeded.App), Console.Out);
var first = await runner.MeasureAsync("first run (everything drifted)", cancellation.Token);
var steady = await runner.MeasureAsync("steady state (second run)", cancellation.Token);
var peakRuns = PeakMemory.PeakBytes();

IReadOnlyList<BinaryRun> binaryRuns = [];
if (options.BinaryPath is { } binary)
{
    Console.WriteLine("drifting the account back to its seeded state for the published binary");
    await AccountDrifter.DriftAsync(moto.Endpoint, BenchmarkRunner.Seeder(moto.Endpoint), seeded, options, cancellation.Token);
    var drifted = await runner.PlanAsync(cancellation.Token);
    Console.WriteLine($"  the re-drifted account plans {string.Join(", ", drifted)}");
    // The drifter keeps the dashboard (its body is the same once the same alarms exist again), the X-Ray group and the
    // sampling rule (they do not depend on what it drifts), so those are not planned again.
    string[] kept = [nameof(ChangeKind.Dashboard), nameof(ChangeKind.TraceGroup), nameof(ChangeKind.SamplingRule)];
    var expected = first.ChangesByKind.Where(kind => !kept.Any(k => kind.StartsWith(k + " ", StringComparison.Ordinal)));
    if (!drifted.SequenceEqual(expected))
    {
        Console.WriteLine($"  WARNING: not what the first run planned but the dashboard, X-Ray group and sampling rule ({string.Join(", ", expected)}): the binary meets another account");
    }

    binaryRuns = await BinaryMeasurement.MeasureAsync(Path.GetFullPath(binary), moto.Endpoint, seeded, options, Console.Out, cancellation.Token);
}

var results = new BenchmarkResults(options, seeded, first, steady, peakRuns, Math.Max(peakRuns, peakProcessBeforeRuns), peakWasReset, binaryRuns);
await WriteResultsAsync(results.ToText(), results.ToMarkdown());
return 0;

// The figures on stdout, and as markdown for docs/benchmarks.md when --markdown names a file.
async Task WriteResultsAsync(string text, string markdown)
{
    Console.WriteLine();
    Console.WriteLine(text);
    if (options.MarkdownPath is { } path)
    {
        await File.WriteAllTextAsync(path, markdown, cancellation.Token);
        Console.WriteLine($"markdown written to {path}");
    }
}
