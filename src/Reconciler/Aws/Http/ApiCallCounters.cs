using System.Collections.Concurrent;

namespace Reconciler.Aws.Http;

/// <summary>Thread-safe counters per (service, operation), shared by all clients of one <see cref="IAwsClients"/>.</summary>
internal sealed class ApiCallCounters : IApiCallCounters
{
    private readonly ConcurrentDictionary<(string Service, string Operation), OperationCounter> counters = new();

    public OperationCounter For(string service, string operation, bool isWrite) =>
        counters.GetOrAdd((service, operation), key => new OperationCounter(key.Service, key.Operation, isWrite));

    public IReadOnlyList<ApiCallCount> Snapshot() =>
        [.. counters.Values
            .Select(counter => counter.Snapshot())
            .OrderBy(count => count.Service, StringComparer.Ordinal)
            .ThenBy(count => count.Operation, StringComparer.Ordinal)];
}

/// <summary>The counts of one operation.</summary>
internal sealed class OperationCounter(string service, string operation, bool isWrite)
{
    private long calls;
    private long attempts;
    private long retries;
    private long throttles;
    private long failures;

    public void Call() => Interlocked.Increment(ref calls);

    public void Attempt() => Interlocked.Increment(ref attempts);

    public void Retry() => Interlocked.Increment(ref retries);

    public void Throttle() => Interlocked.Increment(ref throttles);

    public void Failure() => Interlocked.Increment(ref failures);

    public ApiCallCount Snapshot() => new(
        service,
        operation,
        isWrite,
        Interlocked.Read(ref calls),
        Interlocked.Read(ref attempts),
        Interlocked.Read(ref retries),
        Interlocked.Read(ref throttles),
        Interlocked.Read(ref failures));
}
