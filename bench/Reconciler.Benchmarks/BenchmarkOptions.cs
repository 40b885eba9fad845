using System.Globalization;

namespace Reconciler.Benchmarks;

/// <summary>The size of the seeded account and how the benchmark runs.</summary>
/// <param name="Functions">Lambda functions to seed (all in scope, tracing off).</param>
/// <param name="Apis">REST APIs to seed, each with <paramref name="StagesPerApi"/> stages.</param>
/// <param name="Compression">Virtual seconds per real second of the quota layer and the client rate limits.</param>
/// <param name="SeedConcurrency">Seeding requests in flight at once (moto is one Python process).</param>
/// <param name="MarkdownPath">When set, a markdown snippet of the results is written there.</param>
/// <param name="BinaryPath">When set, the published reconciler binary is also run (apply, then plan) as a child process and its peak memory measured.</param>
/// <param name="BinaryMaxChanges">--max-changes of the binary's apply (the CLI's default unless told).</param>
/// <param name="Watch">The watch-mode benchmark (first argument `watch`) instead of the full-run one.</param>
/// <param name="WatchEvents">Watch: events in the burst.</param>
/// <param name="WatchFunctions">Watch: functions the burst's events touch (the first N seeded ones).</param>
/// <param name="WatchBatch">Watch: events per batch, as the SQS event source mapping hands them to one invocation.</param>
/// <param name="WatchSingleRuns">Watch: how many times the one-event case is measured (a fresh function each time).</param>
/// <param name="WatchCompression">Watch: quota time compression of the burst (1: the real quotas; the one-event case always runs at them).</param>
/// <param name="ChangesPerHour">Watch: the assumed change rate of the steady-state cost, in events an hour for the account.</param>
/// <param name="ResyncHours">Watch: the full resync's period in watch mode.</param>
/// <param name="ScheduleMinutes">Watch: the full schedule's period without watch mode.</param>
internal sealed record BenchmarkOptions(
    int Functions = 1000,
    int Apis = 100,
    int StagesPerApi = 2,
    int Compression = 10,
    int SeedConcurrency = 6,
    string? MarkdownPath = null,
    string? BinaryPath = null,
    int BinaryMaxChanges = Reconciler.Actuation.ApplyOptions.DefaultMaxChanges,
    bool Watch = false,
    int WatchEvents = 1000,
    int WatchFunctions = 500,
    int WatchBatch = 100,
    int WatchSingleRuns = 5,
    int WatchCompression = 1,
    int ChangesPerHour = 10,
    int ResyncHours = 6,
    int ScheduleMinutes = 15)
{
    public const string Usage = """
        Usage: dotnet run -c Release --project bench/Reconciler.Benchmarks -- [watch] [options]
          watch              the watch-mode benchmark (one event, a burst in batches, the steady cost with a
                             resync) instead of the full-run one; takes --functions, --apis, --stages,
                             --compression, --seed-concurrency, --markdown and the options below
          --functions N      Lambda functions to seed (default 1000)
          --apis N           REST APIs to seed (default 100)
          --stages N         stages per REST API (default 2)
          --compression N    quota time compression: virtual seconds per real second (default 10)
          --seed-concurrency N  seeding requests in flight (default 6)
          --markdown PATH    also write the results as a markdown snippet to PATH
          --measure-binary PATH  also run the published binary (apply, then plan) against the re-drifted account
                             and measure its peak memory
          --binary-max-changes N  --max-changes of that apply (default 500, the CLI's default; it runs at the
                             real, uncompressed quotas)
        watch only:
          --events N         events in the burst (default 1000)
          --touched N        functions the burst touches (default 500; at most --functions)
          --batch N          events per batch, as SQS hands them to one invocation (default 100)
          --single-runs N    times the one-event case is measured, a fresh function each time (default 5)
          --watch-compression N  quota time compression of the burst (default 1: the real quotas; --compression
                             is the full runs'; the one-event case always runs at the real quotas)
          --changes-per-hour N  assumed change rate for the steady cost, events an hour (default 10)
          --resync-hours N   watch mode's full resync period (default 6)
          --schedule-minutes N  the full schedule's period without watch mode (default 15)
          --measure-binary PATH  also run the published binary, `watch --events FILE`, on one event and on each
                             batch of the burst again, at the real quotas, and measure its peak memory
        """;

    /// <summary>Parses the command line; throws <see cref="ArgumentException"/> with a readable message.</summary>
    public static BenchmarkOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BenchmarkOptions();
        var first = 0;
        if (args.Count > 0 && args[0] == "watch")
        {
            options = options with { Watch = true };
            first = 1;
        }

        for (var i = first; i < args.Count; i++)
        {
            var name = args[i];
            var value = i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value.\n{Usage}");
            options = name switch
            {
                "--functions" => options with { Functions = Positive(name, value, allowZero: true) },
                "--apis" => options with { Apis = Positive(name, value, allowZero: true) },
                "--stages" => options with { StagesPerApi = Positive(name, value, allowZero: false) },
                "--compression" => options with { Compression = Positive(name, value, allowZero: false) },
                "--seed-concurrency" => options with { SeedConcurrency = Positive(name, value, allowZero: false) },
                "--markdown" => options with { MarkdownPath = value },
                "--measure-binary" => options with { BinaryPath = value },
                "--binary-max-changes" => options with { BinaryMaxChanges = Positive(name, value, allowZero: true) },
                "--events" when options.Watch => options with { WatchEvents = Positive(name, value, allowZero: false) },
                "--touched" when options.Watch => options with { WatchFunctions = Positive(name, value, allowZero: false) },
                "--batch" when options.Watch => options with { WatchBatch = Positive(name, value, allowZero: false) },
                "--single-runs" when options.Watch => options with { WatchSingleRuns = Positive(name, value, allowZero: false) },
                "--watch-compression" when options.Watch => options with { WatchCompression = Positive(name, value, allowZero: false) },
                "--changes-per-hour" when options.Watch => options with { ChangesPerHour = Positive(name, value, allowZero: true) },
                "--resync-hours" when options.Watch => options with { ResyncHours = Positive(name, value, allowZero: false) },
                "--schedule-minutes" when options.Watch => options with { ScheduleMinutes = Positive(name, value, allowZero: false) },
                _ => throw new ArgumentException($"Unknown option '{name}'.\n{Usage}"),
            };
        }

        if (options.Watch && (options.WatchFunctions > options.Functions || options.WatchSingleRuns >= options.Functions))
        {
            throw new ArgumentException($"watch needs --touched at most --functions and --single-runs below it ({options.Functions}).\n{Usage}");
        }

        return options;
    }

    private static int Positive(string name, string value, bool allowZero) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && (parsed > 0 || (allowZero && parsed == 0))
            ? parsed
            : throw new ArgumentException($"{name} is '{value}'; it takes a whole number{(allowZero ? "" : " above 0")}.\n{Usage}");
}
