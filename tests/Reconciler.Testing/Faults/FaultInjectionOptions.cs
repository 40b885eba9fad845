namespace Reconciler.Testing.Faults;

/// <summary>How a timeout fault shows itself.</summary>
public enum TimeoutBehavior
{
    /// <summary>Throw at once what HttpClient throws on its timeout: TaskCanceledException with an inner TimeoutException.</summary>
    ThrowImmediately,

    /// <summary>
    /// Hold the request for <see cref="FaultInjectionOptions.HangDuration"/> (real time) so the client's own timeout
    /// or cancellation fires first; if nothing cancels it, throw as <see cref="ThrowImmediately"/> does.
    /// </summary>
    HangUntilCanceled,
}

/// <summary>
/// Which faults to inject and how often. Each probability is per request; the fault kinds (throttle, 500, 503, drop
/// before send, drop after send, timeout) exclude each other, so their probabilities must add up to at most 1.
/// Latency is drawn independently and can come on top of any of them. Durations are virtual time (see
/// <see cref="QuotaTable.TimeCompression"/>), except <see cref="HangDuration"/>, which races the client's real timeout.
/// </summary>
public sealed record FaultInjectionOptions
{
    /// <summary>No faults; the layer only enforces quotas and records.</summary>
    public static FaultInjectionOptions None { get; } = new() { Seed = 0 };

    /// <summary>
    /// The seed of every fault decision. A fresh options instance gets a random one; set it to replay a failing run.
    /// The k-th call of an operation always draws the same fault for the same seed, whatever other operations do.
    /// </summary>
    public int Seed { get; init; } = Random.Shared.Next();

    /// <summary>Probability of an injected throttling error (in addition to the quota buckets).</summary>
    public double ThrottleProbability { get; init; }

    /// <summary>Probability of an HTTP 500 InternalFailure.</summary>
    public double InternalFailureProbability { get; init; }

    /// <summary>Probability of an HTTP 503 ServiceUnavailable.</summary>
    public double ServiceUnavailableProbability { get; init; }

    /// <summary>Probability of a connection reset before the request is sent.</summary>
    public double DropBeforeSendProbability { get; init; }

    /// <summary>Probability that the request is sent (and applied) but the answer is lost to a connection reset.</summary>
    public double DropAfterSendProbability { get; init; }

    /// <summary>Probability of a timeout (see <see cref="TimeoutBehavior"/>).</summary>
    public double TimeoutProbability { get; init; }

    /// <summary>How a timeout fault behaves.</summary>
    public TimeoutBehavior TimeoutBehavior { get; init; } = TimeoutBehavior.ThrowImmediately;

    /// <summary>How long a <see cref="TimeoutBehavior.HangUntilCanceled"/> request is held, in real time.</summary>
    public TimeSpan HangDuration { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Probability of added latency before the request goes on.</summary>
    public double LatencyProbability { get; init; }

    /// <summary>Shortest added latency.</summary>
    public TimeSpan MinLatency { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Longest added latency.</summary>
    public TimeSpan MaxLatency { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>When true, only writes (<see cref="AwsOperation.IsWrite"/>) get faults and latency.</summary>
    public bool WritesOnly { get; init; }

    /// <summary>
    /// When not empty, only these operations get faults and latency: names ("PutMetricAlarm") or
    /// "service:Operation" ("lambda:UpdateFunctionConfiguration").
    /// </summary>
    public IReadOnlyList<string> OnlyOperations { get; init; } = [];

    /// <summary>
    /// Stop injecting faults (not quota throttles, not latency) after this many, so a run is sure to converge.
    /// With concurrent requests, which calls get the capped faults depends on their order.
    /// </summary>
    public int? MaxFaults { get; init; }

    /// <summary>Receives one line per injected fault and, first, the seed to replay the run with.</summary>
    public Action<string>? Trace { get; init; }

    /// <summary>
    /// Decides each targeted request's fault instead of the probabilities, for tests that need an exact sequence
    /// ("throttle the first two PutMetricAlarm attempts, then answer 503, then drop the connection"). It is called
    /// with the identified call and that operation's 1-based call number in the <see cref="FaultLog"/> (attempts
    /// included, so a retry is the next number) and returns the fault to inject, <see cref="FaultKind.None"/> to pass
    /// the request through. <see cref="WritesOnly"/>, <see cref="OnlyOperations"/>, <see cref="MaxFaults"/> and latency
    /// still apply; the seed still draws the request ids. Leave the fault probabilities at 0 when setting it.
    /// </summary>
    public Func<AwsCall, long, FaultKind>? Script { get; init; }

    /// <summary>True when <paramref name="operation"/> may get faults under these options.</summary>
    public bool Targets(AwsOperation operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        if (operation == AwsOperation.Unknown || (WritesOnly && !operation.IsWrite))
        {
            return false;
        }

        return OnlyOperations.Count == 0
            || OnlyOperations.Contains(operation.Name, StringComparer.Ordinal)
            || OnlyOperations.Contains(operation.ToString(), StringComparer.Ordinal);
    }

    /// <summary>Maps a uniform draw in [0, 1) onto a fault kind by the cumulative probabilities.</summary>
    internal FaultKind Choose(double draw)
    {
        (double Probability, FaultKind Kind)[] table =
        [
            (ThrottleProbability, FaultKind.Throttle),
            (InternalFailureProbability, FaultKind.InternalFailure),
            (ServiceUnavailableProbability, FaultKind.ServiceUnavailable),
            (DropBeforeSendProbability, FaultKind.DropBeforeSend),
            (DropAfterSendProbability, FaultKind.DropAfterSend),
            (TimeoutProbability, FaultKind.Timeout),
        ];
        var cumulative = 0.0;
        foreach (var (probability, kind) in table)
        {
            cumulative += probability;
            if (draw < cumulative)
            {
                return kind;
            }
        }

        return FaultKind.None;
    }

    /// <summary>Throws an ArgumentException naming the first setting that makes no sense.</summary>
    public void Validate()
    {
        (string Name, double Value)[] probabilities =
        [
            (nameof(ThrottleProbability), ThrottleProbability),
            (nameof(InternalFailureProbability), InternalFailureProbability),
            (nameof(ServiceUnavailableProbability), ServiceUnavailableProbability),
            (nameof(DropBeforeSendProbability), DropBeforeSendProbability),
            (nameof(DropAfterSendProbability), DropAfterSendProbability),
            (nameof(TimeoutProbability), TimeoutProbability),
            (nameof(LatencyProbability), LatencyProbability),
        ];
        foreach (var (name, value) in probabilities)
        {
            if (!(value >= 0 && value <= 1))
            {
                throw new ArgumentException($"FaultInjectionOptions.{name} is {value}; a probability must be between 0 and 1.");
            }
        }

        var exclusive = probabilities.Where(p => p.Name != nameof(LatencyProbability)).Sum(p => p.Value);
        if (exclusive > 1 + 1e-9)
        {
            throw new ArgumentException(
                $"FaultInjectionOptions: the fault probabilities (all but latency) add up to {exclusive}; they exclude each other, so keep their sum at most 1.");
        }

        if (MinLatency < TimeSpan.Zero || MaxLatency < MinLatency)
        {
            throw new ArgumentException(
                $"FaultInjectionOptions: latency range {MinLatency}..{MaxLatency} is invalid; need 0 <= MinLatency <= MaxLatency.");
        }

        if (Script is not null && exclusive > 0)
        {
            throw new ArgumentException(
                $"FaultInjectionOptions: Script is set and the fault probabilities add up to {exclusive}; a script decides every targeted request's fault, so leave the probabilities at 0.");
        }

        if (MaxFaults < 0)
        {
            throw new ArgumentException($"FaultInjectionOptions.MaxFaults is {MaxFaults}; use null for no cap or a count >= 0.");
        }
    }
}
