using System.Globalization;
using Reconciler.Aws;

namespace Reconciler.Verification.TraceArrival;

/// <summary>
/// What the account says about the traced resources over one window: how often each was invoked (CloudWatch
/// GetMetricData, up to 500 resources a call) and which X-Ray service graph nodes had traces (one GetServiceGraph of
/// the whole account for the window). So the check costs one service graph and one GetMetricData per 500 resources for
/// each distinct window, whatever the number of policies sharing it (a resource several of them check is asked for
/// once).
/// </summary>
internal sealed class TraceArrivalReader(ICloudWatchClient metrics, IXRayClient xray)
{
    /// <summary>
    /// How long before now the window ends: Lambda and API Gateway publish their metrics, and X-Ray processes segments,
    /// a few minutes after the request, so the last minutes would count invocations whose traces are still on the way.
    /// </summary>
    public static readonly TimeSpan Lag = TimeSpan.FromMinutes(5);

    private const int QueriesPerCall = 500;

    /// <summary>
    /// The metric period for a window: one-minute datapoints up to an hour, five-minute ones beyond (at most 288 a
    /// resource for a day), so invocations can be counted from the first period after a resource's last change.
    /// </summary>
    public static int PeriodSeconds(int windowMinutes) => windowMinutes <= 60 ? 60 : 300;

    /// <summary>The evidence for <paramref name="resources"/> (all with the same window), or why it could not be read.</summary>
    public async Task<TraceEvidence> ReadAsync(IReadOnlyList<TracedResource> resources, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resources);
        var end = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero) - Lag;
        var start = end.AddMinutes(-resources[0].Spec.WindowMinutes);
        try
        {
            // A resource two policies check (one function, two verify policies with this window) is one metric: asked for once.
            var byMetric = resources.GroupBy(resource => (resource.Kind, resource.Name)).ToList();
            var invocations = new Dictionary<TracedResource, long>();
            var countedFrom = new Dictionary<TracedResource, DateTimeOffset>();
            foreach (var chunk in byMetric.Chunk(QueriesPerCall))
            {
                var queries = chunk.Select((metric, i) => new MetricDataQuery("m" + i.ToString(CultureInfo.InvariantCulture), null, metric.First().Invocations, null, ReturnData: true)).ToList();
                var results = await metrics.GetMetricDataAsync(queries, start, end, cancellationToken);
                for (var i = 0; i < chunk.Length; i++)
                {
                    foreach (var resource in chunk[i])
                    {
                        var from = CountedFrom(resource, start);
                        countedFrom[resource] = from;
                        invocations[resource] = (long)results[i].Datapoints.Where(point => point.Timestamp >= from).Sum(point => point.Value);
                    }
                }
            }

            var nodes = await xray.GetServiceGraphAsync(start, end, groupName: null, cancellationToken);
            return new TraceEvidence(start, end, invocations, nodes, Failure: null) { CountedFrom = countedFrom };
        }
        catch (AwsServiceException error)
        {
            return new TraceEvidence(start, end, new Dictionary<TracedResource, long>(), [], $"{error.Service} {error.Operation} failed: {error.ErrorCode}: {error.ErrorMessage}");
        }
    }

    /// <summary>
    /// When <paramref name="resource"/>'s invocations are counted from: the window's <paramref name="start"/>, or, for a
    /// resource changed inside the window, the first whole period after the change (its tracing may have been turned on
    /// then, and the invocations before it could not have been traced).
    /// </summary>
    internal static DateTimeOffset CountedFrom(TracedResource resource, DateTimeOffset start)
    {
        if (resource.ChangedAt is not { } changed || changed <= start)
        {
            return start;
        }

        var period = TimeSpan.FromSeconds(resource.Invocations.Period);
        var periods = Math.Ceiling((changed - start) / period);
        return start + (period * periods);
    }
}

/// <summary>
/// The window read, each resource's invocation count in it, the service graph's nodes, and the failure that left them
/// unread (null when both reads succeeded). <see cref="CountedFrom"/> says, for a resource changed inside the window,
/// from when its invocations were counted.
/// </summary>
internal sealed record TraceEvidence(
    DateTimeOffset Start,
    DateTimeOffset End,
    IReadOnlyDictionary<TracedResource, long> Invocations,
    IReadOnlyList<ServiceGraphNode> Nodes,
    string? Failure)
{
    /// <summary>When each resource's count starts: the window's start, or the first period after its last change.</summary>
    public IReadOnlyDictionary<TracedResource, DateTimeOffset> CountedFrom { get; init; } = new Dictionary<TracedResource, DateTimeOffset>();

    /// <summary>When <paramref name="resource"/>'s count starts.</summary>
    public DateTimeOffset CountStart(TracedResource resource) => CountedFrom.TryGetValue(resource, out var from) ? from : Start;
}
