using System.Text;

namespace Reconciler.Testing.Faults;

/// <summary>The three uniform draws in [0, 1) that decide one request's fate.</summary>
internal readonly record struct FaultRoll(double Fault, double Latency, double LatencyFraction, Guid RequestId);

/// <summary>
/// Deterministic dice: the roll for the k-th call of an operation is a pure function of (seed, operation, k).
/// A fresh Random seeded from those three, rather than one shared Random, keeps a replay identical even when other
/// operations interleave differently or the calls go through different handler instances.
/// </summary>
internal static class FaultDice
{
    public static FaultRoll Roll(int seed, AwsOperation operation, long ordinal)
    {
        var random = new Random(Mix(seed, operation, ordinal));
        Span<byte> id = stackalloc byte[16];
        var fault = random.NextDouble();
        var latency = random.NextDouble();
        var fraction = random.NextDouble();
        random.NextBytes(id);
        return new FaultRoll(fault, latency, fraction, new Guid(id));
    }

    // FNV-1a over the operation, then SplitMix64 finalisation with seed and ordinal: string.GetHashCode is randomised
    // per process, which would break replays across runs.
    private static int Mix(int seed, AwsOperation operation, long ordinal)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(operation.ToString()))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        var z = hash ^ ((ulong)(uint)seed << 32) ^ (ulong)ordinal;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (int)(z & int.MaxValue);
    }
}
