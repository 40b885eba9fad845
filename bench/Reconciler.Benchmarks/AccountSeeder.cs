using System.Diagnostics;
using Reconciler.Testing.Moto;

namespace Reconciler.Benchmarks;

/// <summary>What was seeded, and how long it took (reported apart from the measured runs).</summary>
internal sealed record SeededAccount(string App, int Functions, int Apis, int Stages, TimeSpan Duration);

/// <summary>Seeds moto with the benchmark account: every function untraced, every stage untraced, nothing else.</summary>
internal static class AccountSeeder
{
    public static async Task<SeededAccount> SeedAsync(MotoSeeder seeder, BenchmarkOptions options, TextWriter progress, CancellationToken cancellationToken)
    {
        const string app = "bench";
        var tags = new Dictionary<string, string> { ["app"] = app };
        var stageNames = Enumerable.Range(0, options.StagesPerApi).Select(i => i == 0 ? "prod" : $"stage{i}").ToList();
        var clock = Stopwatch.StartNew();
        using var slots = new SemaphoreSlim(options.SeedConcurrency);
        var done = 0;
        var total = options.Functions + options.Apis;

        async Task SeedOneAsync(Func<Task> create)
        {
            await slots.WaitAsync(cancellationToken);
            try
            {
                await create();
                if (Interlocked.Increment(ref done) % 100 == 0)
                {
                    await progress.WriteLineAsync($"  seeded {done}/{total} ({clock.Elapsed.TotalSeconds:0} s)");
                }
            }
            finally
            {
                slots.Release();
            }
        }

        var work = Enumerable.Range(0, options.Functions)
            .Select(i => SeedOneAsync(() => seeder.CreateFunctionAsync($"{app}-fn{i:D4}", tags, "PassThrough", cancellationToken)))
            .Concat(Enumerable.Range(0, options.Apis)
                .Select(i => SeedOneAsync(() => seeder.CreateRestApiAsync($"{app}-api{i:D3}", tags, stageNames, cancellationToken))))
            .ToList();
        await Task.WhenAll(work);
        return new SeededAccount(app, options.Functions, options.Apis, options.Apis * options.StagesPerApi, clock.Elapsed);
    }
}
