namespace Reconciler.Testing.Faults;

/// <summary>What happened to one request.</summary>
/// <param name="Sequence">Order of arrival over the whole log, from 1.</param>
/// <param name="Ordinal">Order of arrival among calls of the same operation, from 1 (the dice's input).</param>
/// <param name="Call">The operation and its target.</param>
/// <param name="Kind">The fault injected, or <see cref="FaultKind.None"/>.</param>
/// <param name="SentToServer">True when the request was handed to the inner handler (the server saw it).</param>
/// <param name="AnswerDelivered">True when the server's answer was handed back to the client.</param>
/// <param name="QuotaAdmitted">True when the request took a token from its quota bucket.</param>
/// <param name="AddedLatency">Injected latency, virtual time.</param>
/// <param name="VirtualTime">When the request arrived, in the quota table's virtual time.</param>
/// <param name="RequestId">The request id put in an injected error answer.</param>
public sealed record FaultLogEntry(
    long Sequence,
    long Ordinal,
    AwsCall Call,
    FaultKind Kind,
    bool SentToServer,
    bool AnswerDelivered,
    bool QuotaAdmitted,
    TimeSpan AddedLatency,
    TimeSpan VirtualTime,
    string RequestId);

/// <summary>Per-operation totals, for benchmarks (calls per API) and assertions.</summary>
/// <param name="Requests">Requests that arrived at the fault layer (retries included).</param>
/// <param name="ReachedServer">Requests handed on to the server.</param>
/// <param name="QuotaThrottled">Requests refused by the quota buckets.</param>
/// <param name="QuotaAdmitted">Requests that took a token (the n of the quota bound).</param>
/// <param name="FaultsInjected">Injected faults of every kind except quota throttles and latency.</param>
/// <param name="Delayed">Requests that got added latency.</param>
public sealed record OperationCounts(
    AwsOperation Operation,
    long Requests,
    long ReachedServer,
    long QuotaThrottled,
    long QuotaAdmitted,
    long FaultsInjected,
    long Delayed);

/// <summary>How often one write reached the server for one target, and how often its answer came back.</summary>
public sealed record TargetWriteCount(AwsOperation Operation, string Target, int ReachedServer, int AnswerDelivered);
