using System.Globalization;
using System.Text;

namespace Reconciler.Testing.Faults;

/// <summary>
/// A thread-safe record of every request that went through the fault layer: passed through or faulted, sent to the
/// server or not. One log is shared by all handlers of a run, so its totals are the run's API calls.
/// </summary>
public sealed class FaultLog
{
    private readonly Lock _gate = new();
    private readonly List<FaultLogEntry> _entries = [];
    private readonly Dictionary<AwsOperation, long> _ordinals = [];
    private readonly SortedSet<int> _seeds = [];
    private long _faultsReserved;

    /// <summary>Every entry so far, in order of arrival (a snapshot).</summary>
    public IReadOnlyList<FaultLogEntry> Entries
    {
        get
        {
            lock (_gate)
            {
                return [.. _entries];
            }
        }
    }

    /// <summary>The seeds of the handlers that wrote to this log; replay a run with them.</summary>
    public IReadOnlyList<int> Seeds
    {
        get
        {
            lock (_gate)
            {
                return [.. _seeds];
            }
        }
    }

    /// <summary>How many requests got <paramref name="kind"/>.</summary>
    public int Count(FaultKind kind)
    {
        lock (_gate)
        {
            return _entries.Count(e => e.Kind == kind);
        }
    }

    /// <summary>Totals per operation, sorted by service then operation.</summary>
    public IReadOnlyList<OperationCounts> CountsByOperation() => CountsOf(Entries);

    /// <summary>Totals per operation over <paramref name="entries"/> (a slice of a log), sorted by service then operation.</summary>
    public static IReadOnlyList<OperationCounts> CountsOf(IEnumerable<FaultLogEntry> entries) =>
        entries
            .GroupBy(e => e.Call.Operation)
            .Select(g => new OperationCounts(
                g.Key,
                Requests: g.LongCount(),
                ReachedServer: g.LongCount(e => e.SentToServer),
                QuotaThrottled: g.LongCount(e => e.Kind == FaultKind.QuotaThrottle),
                QuotaAdmitted: g.LongCount(e => e.QuotaAdmitted),
                FaultsInjected: g.LongCount(e => e.Kind is not (FaultKind.None or FaultKind.QuotaThrottle)),
                Delayed: g.LongCount(e => e.AddedLatency > TimeSpan.Zero)))
            .OrderBy(c => c.Operation.Service, StringComparer.Ordinal)
            .ThenBy(c => c.Operation.Name, StringComparer.Ordinal)
            .ToList();

    /// <summary>
    /// For every write with a target: how many times it reached the server and how many answers came back. With
    /// drop-after-send faults a retried write legitimately reaches the server twice; "applied once" then means
    /// AnswerDelivered is at most 1 per target and state is correct.
    /// </summary>
    public IReadOnlyList<TargetWriteCount> WritesByTarget()
    {
        var entries = Entries;
        return entries
            .Where(e => e.Call.Operation.IsWrite && e.Call.Target is not null)
            .GroupBy(e => (e.Call.Operation, Target: e.Call.Target!))
            .Select(g => new TargetWriteCount(
                g.Key.Operation, g.Key.Target, g.Count(e => e.SentToServer), g.Count(e => e.AnswerDelivered)))
            .OrderBy(w => w.Operation.Service, StringComparer.Ordinal)
            .ThenBy(w => w.Operation.Name, StringComparer.Ordinal)
            .ThenBy(w => w.Target, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>A plain-text table of <see cref="CountsByOperation"/> headed by the seeds, for test and benchmark output.</summary>
    public string Summary()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture,
            $"fault seed(s): {string.Join(", ", Seeds)} (replay with FaultInjectionOptions {{ Seed = … }})\n");
        text.Append("operation                                   requests  server  quota-throttled  faults  delayed\n");
        foreach (var c in CountsByOperation())
        {
            text.Append(CultureInfo.InvariantCulture,
                $"{c.Operation,-42} {c.Requests,9} {c.ReachedServer,7} {c.QuotaThrottled,16} {c.FaultsInjected,7} {c.Delayed,8}\n");
        }

        return text.ToString();
    }

    internal void NoteSeed(int seed)
    {
        lock (_gate)
        {
            _seeds.Add(seed);
        }
    }

    internal long NextOrdinal(AwsOperation operation)
    {
        lock (_gate)
        {
            var next = _ordinals.GetValueOrDefault(operation) + 1;
            _ordinals[operation] = next;
            return next;
        }
    }

    internal bool TryReserveFault(int? maxFaults)
    {
        lock (_gate)
        {
            if (maxFaults is { } max && _faultsReserved >= max)
            {
                return false;
            }

            _faultsReserved++;
            return true;
        }
    }

    internal FaultLogEntry Record(
        long ordinal, AwsCall call, FaultKind kind, bool sentToServer, bool quotaAdmitted,
        TimeSpan addedLatency, TimeSpan virtualTime, string requestId)
    {
        lock (_gate)
        {
            var entry = new FaultLogEntry(
                _entries.Count + 1, ordinal, call, kind, sentToServer, AnswerDelivered: false, quotaAdmitted,
                addedLatency, virtualTime, requestId);
            _entries.Add(entry);
            return entry;
        }
    }

    internal void MarkAnswerDelivered(FaultLogEntry entry)
    {
        lock (_gate)
        {
            var index = (int)entry.Sequence - 1;
            _entries[index] = _entries[index] with { AnswerDelivered = true };
        }
    }
}
