using System.Globalization;

namespace Reconciler.Testing.Faults;

/// <summary>
/// An HTTP handler for tests and benchmarks that sits between an AWS client's transport and the server (moto): it
/// identifies each request's operation, enforces the account's rate quotas with the services' real throttling
/// answers, injects seeded faults (throttling, 500, 503, latency, dropped connections before or after sending,
/// timeouts) or the exact ones a <see cref="FaultInjectionOptions.Script"/> names, and records everything in a <see cref="FaultLog"/>. Place it below SigV4 signing and below the
/// client's retries, so the client signs, sees and retries the faults:
/// <code>options with { WrapTransport = inner => new FaultInjectingHandler(faultOptions, quotaTable, log) { InnerHandler = inner } }</code>
/// One <see cref="QuotaTable"/> and one <see cref="FaultLog"/> should be shared by all clients of a run.
/// </summary>
public sealed class FaultInjectingHandler : DelegatingHandler
{
    private readonly FaultInjectionOptions _options;
    private readonly QuotaTable? _quotas;
    private readonly FaultLog _log;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates the handler; set <see cref="DelegatingHandler.InnerHandler"/> to the real transport.</summary>
    /// <param name="options">Which faults to inject; <see cref="FaultInjectionOptions.None"/> for quotas and recording only.</param>
    /// <param name="quotas">The quota buckets, or null for no quotas. Its clock and time compression also drive latency.</param>
    /// <param name="log">Where every request is recorded.</param>
    /// <param name="timeProvider">The clock for latency when <paramref name="quotas"/> is null; defaults to the system clock.</param>
    public FaultInjectingHandler(FaultInjectionOptions options, QuotaTable? quotas, FaultLog log, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        options.Validate();
        _options = options;
        _quotas = quotas;
        _log = log;
        _timeProvider = quotas?.TimeProvider ?? timeProvider ?? TimeProvider.System;
        log.NoteSeed(options.Seed);
        options.Trace?.Invoke(
            $"fault injection seed {options.Seed.ToString(CultureInfo.InvariantCulture)}: replay this run with FaultInjectionOptions {{ Seed = {options.Seed.ToString(CultureInfo.InvariantCulture)} }}");
    }

    /// <summary>The seed every fault decision derives from.</summary>
    public int Seed => _options.Seed;

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var call = await AwsOperationIdentifier.IdentifyAsync(request, cancellationToken);
        var operation = call.Operation;
        var ordinal = _log.NextOrdinal(operation);
        var roll = FaultDice.Roll(_options.Seed, operation, ordinal);
        var requestId = roll.RequestId.ToString();
        var targeted = _options.Targets(operation);

        var kind = !targeted ? FaultKind.None
            : _options.Script is { } script ? Scripted(script(call, ordinal), call, ordinal)
            : _options.Choose(roll.Fault);
        if (kind != FaultKind.None && !_log.TryReserveFault(_options.MaxFaults))
        {
            kind = FaultKind.None;
        }

        var latency = targeted && roll.Latency < _options.LatencyProbability
            ? _options.MinLatency + ((_options.MaxLatency - _options.MinLatency) * roll.LatencyFraction)
            : TimeSpan.Zero;
        var arrival = _quotas?.VirtualElapsed ?? TimeSpan.Zero;

        // Faults on the way to the server: the request never arrives, so it takes no quota token.
        switch (kind)
        {
            case FaultKind.DropBeforeSend:
                Record(FaultKind.DropBeforeSend, sent: false, admitted: false);
                throw new HttpRequestException(
                    HttpRequestError.ConnectionError,
                    $"Injected fault: connection reset before {call.Operation} was sent (seed {_options.Seed}, call {ordinal}).",
                    new IOException("Connection reset by peer"));
            case FaultKind.Timeout:
                Record(FaultKind.Timeout, sent: false, admitted: false);
                if (_options.TimeoutBehavior == TimeoutBehavior.HangUntilCanceled)
                {
                    await Task.Delay(_options.HangDuration, _timeProvider, cancellationToken);
                }

                throw new TaskCanceledException(
                    $"Injected fault: {call.Operation} timed out (seed {_options.Seed}, call {ordinal}).",
                    new TimeoutException("The operation was canceled because the request timed out."));
        }

        if (latency > TimeSpan.Zero)
        {
            await Task.Delay(_quotas?.ToReal(latency) ?? latency, _timeProvider, cancellationToken);
        }

        if (_quotas is not null && operation != AwsOperation.Unknown && !_quotas.TryAcquire(operation))
        {
            // The quota fault is not a drawn one, so it does not count against MaxFaults and ignores OnlyOperations.
            Record(FaultKind.QuotaThrottle, sent: false, admitted: false);
            return WithRequest(AwsErrorResponses.Throttling(operation, requestId), request);
        }

        var tookToken = _quotas?.RuleFor(operation) is not null;
        switch (kind)
        {
            case FaultKind.Throttle:
                Record(kind, sent: false, admitted: tookToken);
                return WithRequest(AwsErrorResponses.Throttling(operation, requestId), request);
            case FaultKind.InternalFailure:
                Record(kind, sent: false, admitted: tookToken);
                return WithRequest(AwsErrorResponses.InternalFailure(operation, requestId), request);
            case FaultKind.ServiceUnavailable:
                Record(kind, sent: false, admitted: tookToken);
                return WithRequest(AwsErrorResponses.ServiceUnavailable(operation, requestId), request);
            case FaultKind.DropAfterSend:
                Record(kind, sent: true, admitted: tookToken);
                // By the time the response headers are back the server has applied the request; losing the answer
                // now is the write-that-happened-but-the-client-does-not-know case that idempotence must survive.
                using (await base.SendAsync(request, cancellationToken))
                {
                }

                throw new HttpRequestException(
                    HttpRequestError.ResponseEnded,
                    $"Injected fault: connection reset after {call.Operation} reached the server; its answer was lost (seed {_options.Seed}, call {ordinal}).",
                    new IOException("Connection reset by peer"));
            default:
                var entry = Record(FaultKind.None, sent: true, admitted: tookToken);
                var response = await base.SendAsync(request, cancellationToken);
                _log.MarkAnswerDelivered(entry);
                return response;
        }

        FaultLogEntry Record(FaultKind recordedKind, bool sent, bool admitted)
        {
            var entry = _log.Record(ordinal, call, recordedKind, sent, admitted, latency, arrival, requestId);
            if (recordedKind != FaultKind.None)
            {
                _options.Trace?.Invoke(
                    $"injected {recordedKind} into {call.Operation} {call.Target} (call {ordinal}, seed {_options.Seed}, sent to server: {(sent ? "yes" : "no")})");
            }

            return entry;
        }
    }

    private static FaultKind Scripted(FaultKind kind, AwsCall call, long ordinal) =>
        kind == FaultKind.QuotaThrottle
            ? throw new InvalidOperationException(
                $"FaultInjectionOptions.Script returned QuotaThrottle for {call.Operation} (call {ordinal}); quota throttles come from the QuotaTable, so return FaultKind.Throttle for an injected throttling answer.")
            : kind;

    private static HttpResponseMessage WithRequest(HttpResponseMessage response, HttpRequestMessage request)
    {
        response.RequestMessage = request;
        return response;
    }
}
