namespace Reconciler.Testing.Faults;

/// <summary>What the fault layer did with one request.</summary>
public enum FaultKind
{
    /// <summary>Passed through to the server untouched (possibly after added latency).</summary>
    None,

    /// <summary>Over the documented account quota (<see cref="QuotaTable"/>): answered with the service's throttling error, not sent.</summary>
    QuotaThrottle,

    /// <summary>An injected throttling error on top of the quotas, not sent.</summary>
    Throttle,

    /// <summary>An injected HTTP 500 InternalFailure, not sent.</summary>
    InternalFailure,

    /// <summary>An injected HTTP 503 ServiceUnavailable, not sent.</summary>
    ServiceUnavailable,

    /// <summary>The connection was reset before the request left: HttpRequestException (inner IOException), not sent.</summary>
    DropBeforeSend,

    /// <summary>
    /// The request reached the server and was applied, then the connection was reset before the answer arrived:
    /// the client sees an HttpRequestException for a write that did happen.
    /// </summary>
    DropAfterSend,

    /// <summary>The request timed out before reaching the server: TaskCanceledException with an inner TimeoutException.</summary>
    Timeout,
}
