using System.Diagnostics;
using Reconciler.Aws;
using Reconciler.Planning;
using Reconciler.Policies;
using Reconciler.Reconciliation;
using Reconciler.Telemetry;
using Reconciler.Testing.Faults;
using Reconciler.Testing.Moto;

namespace Reconciler.Benchmarks;

/// <summary>
/// Runs the reconciler against moto through the quota-enforcing fault layer (no injected faults), with the
/// client-side rate limits at the documented quotas, both time-compressed by the same factor, so a run's virtual
/// time is what it would take in AWS and can be compared with the bound the quotas set.
/// </summary>
internal sealed class BenchmarkRunner(Uri endpoint, BenchmarkOptions options, ObservabilityPolicy policy, TextWriter progress)
{
    public async Task<RunMeasurement> MeasureAsync(string name, CancellationToken cancellationToken)
    {
        var (counted, log, quotas) = CountedClients(endpoint, options.Compression);
        using var clients = counted;
        var logger = new RunLogger(TextWriter.Null, TimeProvider.System, "bench-" + name);
        var request = new ReconcileRequest(
            [policy], Apply: true, DryRun: false, Deadline: TimeProvider.System.GetUtcNow().AddHours(6), MaxChanges: 100_000,
            AlarmNamePrefix: BenchmarkPolicy.AlarmNamePrefix);
        await progress.WriteLineAsync($"{name}: running");
        var clock = Stopwatch.StartNew();
        var result = await new ReconcileRun(clients, "us-east-1", TimeProvider.System, logger).RunAsync(request, cancellationToken);
        clock.Stop();
        var virtualElapsed = quotas.VirtualElapsed;
        var calls = log.CountsByOperation();
        var outcomes = result.Apply?.Outcomes ?? [];
        foreach (var error in result.Errors)
        {
            await progress.WriteLineAsync($"  run error: {error}");
        }

        return new RunMeasurement(
            name,
            clock.Elapsed,
            virtualElapsed,
            quotas.MinimumVirtualDuration(calls),
            calls,
            result.Plan.Changes.Count,
            outcomes.Count(o => o.Status == ChangeStatus.Applied),
            outcomes.Count(o => o.Status == ChangeStatus.Failed),
            outcomes.Count(o => o.Status == ChangeStatus.Pending),
            Complete: result.Errors.Count == 0,
            PlannedChanges.ByKind(result.Plan.Changes),
            log.Entries.GroupBy(entry => entry.Call.Operation).ToDictionary(
                calls => calls.Key, calls => new RequestSpan(calls.Min(e => e.VirtualTime), calls.Max(e => e.VirtualTime))));
    }

    /// <summary>
    /// Plans (never applies) over the account as it is, without rate limits or the quota layer: what the published
    /// binary is about to meet. Setup, not measured.
    /// </summary>
    public async Task<IReadOnlyList<string>> PlanAsync(CancellationToken cancellationToken)
    {
        using var clients = AwsClients.Create(new AwsClientOptions
        {
            Region = "us-east-1",
            EndpointUrl = endpoint,
            Credentials = new Amazon.Runtime.BasicAWSCredentials("testing", "testing"),
            RateLimits = AwsRateLimitOptions.Disabled,
        });
        var logger = new RunLogger(TextWriter.Null, TimeProvider.System, "bench-drift-check");
        var request = new ReconcileRequest(
            [policy], Apply: false, DryRun: false, Deadline: TimeProvider.System.GetUtcNow().AddHours(1),
            AlarmNamePrefix: BenchmarkPolicy.AlarmNamePrefix);
        var result = await new ReconcileRun(clients, "us-east-1", TimeProvider.System, logger).RunAsync(request, cancellationToken);
        return PlannedChanges.ByKind(result.Plan.Changes);
    }

    /// <summary>
    /// Clients whose every request goes through the quota-enforcing fault layer (no injected faults) into a fresh
    /// <see cref="FaultLog"/>, the count of calls per API every figure uses, with the client-side rate limits and the
    /// quota buckets both compressed by <paramref name="compression"/> (1: the real quotas).
    /// </summary>
    public static (IAwsClients Clients, FaultLog Log, QuotaTable Quotas) CountedClients(Uri endpoint, int compression)
    {
        var log = new FaultLog();
        var quotas = new QuotaTable(TimeProvider.System, compression);
        var clients = AwsClients.Create(new AwsClientOptions
        {
            Region = "us-east-1",
            EndpointUrl = endpoint,
            Credentials = new Amazon.Runtime.BasicAWSCredentials("testing", "testing"),
            RateLimits = CompressedQuotas(compression),

            // Backoff is real time; under compression it must shrink with the buckets' refill period.
            Retry = new AwsRetryOptions(MaxAttempts: 10, BaseDelay: TimeSpan.FromMilliseconds(10), MaxDelay: TimeSpan.FromMilliseconds(500)),
            WrapTransport = inner => new FaultInjectingHandler(FaultInjectionOptions.None, quotas, log) { InnerHandler = inner },
        });
        return (clients, log, quotas);
    }

    /// <summary>The documented quotas with every rate multiplied by <paramref name="compression"/>; bursts stay.</summary>
    public static AwsRateLimitOptions CompressedQuotas(int compression) =>
        AwsRateLimitOptions.Default with
        {
            Groups = AwsRateLimitOptions.Default.Groups.ToDictionary(
                group => group.Key, group => group.Value with { PerSecond = group.Value.PerSecond * compression }),
        };

    /// <summary>Seeds through <see cref="MotoSeeder"/>.</summary>
    public static MotoSeeder Seeder(Uri endpoint) =>
        new(endpoint, "us-east-1", new Amazon.Runtime.BasicAWSCredentials("testing", "testing"));
}
