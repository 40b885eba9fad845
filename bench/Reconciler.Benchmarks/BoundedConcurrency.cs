namespace Reconciler.Benchmarks;

/// <summary>Runs setup writes with at most a given number in flight (moto takes a handful of requests at once).</summary>
internal sealed class BoundedConcurrency(int limit, CancellationToken cancellationToken) : IDisposable
{
    private readonly SemaphoreSlim slots = new(limit);

    /// <summary>Waits for a free slot, then runs <paramref name="write"/>.</summary>
    public async Task RunAsync(Func<Task> write)
    {
        await slots.WaitAsync(cancellationToken);
        try
        {
            await write();
        }
        finally
        {
            slots.Release();
        }
    }

    public void Dispose() => slots.Dispose();
}
