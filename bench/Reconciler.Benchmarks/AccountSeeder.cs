using System.Diagnostics;
using Reconciler.Testing.Moto;

namespace Reconciler.Benchmarks;

/// <summary>What was seeded, and how long it took (reported apart from the measured runs).</summary>
/// <param name="LogGroups">Functions whose log group was seeded (the others have none yet).</param>
internal sealed record SeededAccount(string App, int Functions, int Apis, int Stages, int LogGroups, TimeSpan Duration);

/// <summary>
/// Seeds moto with the benchmark account: every function untraced with Lambda's default LoggingConfig (format Text),
/// every stage untraced, and the functions' log groups as an account that has run them has them: created with no
/// retention (never expire, as Lambda creates them on a function's first invocation) for nine functions in ten, and
/// missing for every tenth (never invoked yet), so the first run both corrects retention and creates groups.
/// </summary>
internal static class AccountSeeder
{
    /// <summary>Every how many functions one has no log group yet.</summary>
    public const int OneMissingLogGroupIn = 10;

    private const string LambdaLogGroupPrefix = "/aws/lambda/";

    /// <summary>The name of the <paramref name="index"/>th seeded function.</summary>
    public static string FunctionName(string app, int index) => $"{app}-fn{index:D4}";

    /// <summary>The log group Lambda writes the function to (its default, /aws/lambda/NAME).</summary>
    public static string LogGroupName(string app, int index) => LambdaLogGroupPrefix + FunctionName(app, index);

    /// <summary>The common prefix of every seeded function's log group.</summary>
    public static string LogGroupPrefix(string app) => LambdaLogGroupPrefix + $"{app}-fn";

    /// <summary>True when the <paramref name="index"/>th function's log group is seeded; false for every tenth.</summary>
    public static bool HasLogGroup(int index) => index % OneMissingLogGroupIn != OneMissingLogGroupIn - 1;

    public static async Task<SeededAccount> SeedAsync(MotoSeeder seeder, BenchmarkOptions options, TextWriter progress, CancellationToken cancellationToken)
    {
        const string app = "bench";
        var tags = new Dictionary<string, string> { ["app"] = app };
        var stageNames = Enumerable.Range(0, options.StagesPerApi).Select(i => i == 0 ? "prod" : $"stage{i}").ToList();
        var logGroups = Enumerable.Range(0, options.Functions).Where(HasLogGroup).ToList();
        var clock = Stopwatch.StartNew();
        using var bounded = new BoundedConcurrency(options.SeedConcurrency, cancellationToken);
        var done = 0;
        var total = options.Functions + options.Apis + logGroups.Count;

        Task SeedOneAsync(Func<Task> create) => bounded.RunAsync(async () =>
        {
            await create();
            if (Interlocked.Increment(ref done) % 100 == 0)
            {
                await progress.WriteLineAsync($"  seeded {done}/{total} ({clock.Elapsed.TotalSeconds:0} s)");
            }
        });

        var work = Enumerable.Range(0, options.Functions)
            .Select(i => SeedOneAsync(() => seeder.CreateFunctionAsync(FunctionName(app, i), tags, "PassThrough", cancellationToken)))
            .Concat(Enumerable.Range(0, options.Apis)
                .Select(i => SeedOneAsync(() => seeder.CreateRestApiAsync($"{app}-api{i:D3}", tags, stageNames, cancellationToken))))
            .Concat(logGroups.Select(i => SeedOneAsync(() => seeder.CreateLogGroupAsync(LogGroupName(app, i), cancellationToken))))
            .ToList();
        await Task.WhenAll(work);
        return new SeededAccount(app, options.Functions, options.Apis, options.Apis * options.StagesPerApi, logGroups.Count, clock.Elapsed);
    }
}
