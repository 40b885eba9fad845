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
internal sealed record BenchmarkOptions(
    int Functions = 1000,
    int Apis = 100,
    int StagesPerApi = 2,
    int Compression = 10,
    int SeedConcurrency = 6,
    string? MarkdownPath = null,
    string? BinaryPath = null,
    int BinaryMaxChanges = Reconciler.Actuation.ApplyOptions.DefaultMaxChanges)
{
    public const string Usage = """
        Usage: dotnet run -c Release --project bench/Reconciler.Benchmarks -- [options]
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
        """;

    /// <summary>Parses the command line; throws <see cref="ArgumentException"/> with a readable message.</summary>
    public static BenchmarkOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BenchmarkOptions();
        for (var i = 0; i < args.Count; i++)
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
                _ => throw new ArgumentException($"Unknown option '{name}'.\n{Usage}"),
            };
        }

        return options;
    }

    private static int Positive(string name, string value, bool allowZero) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && (parsed > 0 || (allowZero && parsed == 0))
            ? parsed
            : throw new ArgumentException($"{name} is '{value}'; it takes a whole number{(allowZero ? "" : " above 0")}.\n{Usage}");
}
