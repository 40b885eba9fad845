using Reconciler.Testing.Faults;

namespace Reconciler.Benchmarks;

/// <summary>One measured reconcile run.</summary>
/// <param name="Wall">Real time of the run.</param>
/// <param name="Virtual">The same run in AWS time: real time × the quota layer's compression.</param>
/// <param name="QuotaBound">The least virtual time the documented quotas allow for the requests the run made.</param>
/// <param name="Calls">Requests per API on the wire, retries and quota throttles included.</param>
/// <param name="Changes">Planned changes.</param>
/// <param name="ChangesByKind">Planned changes per kind and action (<see cref="PlannedChanges.ByKind"/>).</param>
/// <param name="Spans">Per API, when its first and its last request arrived, in AWS time from the run's start.</param>
internal sealed record RunMeasurement(
    string Name,
    TimeSpan Wall,
    TimeSpan Virtual,
    TimeSpan QuotaBound,
    IReadOnlyList<OperationCounts> Calls,
    int Changes,
    int Applied,
    int Failed,
    int Pending,
    bool Complete,
    IReadOnlyList<string> ChangesByKind,
    IReadOnlyDictionary<AwsOperation, RequestSpan> Spans)
{
    public long TotalRequests => Calls.Sum(c => c.Requests);

    public long WriteRequests => Calls.Where(c => c.Operation.IsWrite).Sum(c => c.Requests);

    public long Throttles => Calls.Sum(c => c.QuotaThrottled);

    /// <summary>Measured virtual time over the quota bound (1.0 = as fast as AWS allows).</summary>
    public double BoundRatio => QuotaBound > TimeSpan.Zero ? Virtual / QuotaBound : double.NaN;
}

/// <summary>When an API's first and last requests of a run arrived, in AWS (virtual) time from the run's start.</summary>
internal sealed record RequestSpan(TimeSpan First, TimeSpan Last);
