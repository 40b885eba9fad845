using System.Diagnostics;
using System.Globalization;

namespace Reconciler.Benchmarks;

/// <summary>
/// Peak resident memory of this process (moto runs in its own process and is not counted). On Linux the kernel's
/// high-water mark (VmHWM) can be reset, so the peak of the measured runs is told apart from seeding's.
/// </summary>
internal static class PeakMemory
{
    private const string StatusPath = "/proc/self/status";

    /// <summary>Resets the high-water mark to the current resident size; false where the OS does not allow it.</summary>
    public static bool TryReset()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        try
        {
            // "5" resets the peak RSS (Documentation/filesystems/proc.rst, /proc/PID/clear_refs).
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Peak resident bytes since start or the last reset: VmHWM, else the peak working set.</summary>
    public static long PeakBytes()
    {
        if (File.Exists(StatusPath))
        {
            foreach (var line in File.ReadLines(StatusPath))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    var kilobytes = line["VmHWM:".Length..].Trim().Split(' ')[0];
                    return long.Parse(kilobytes, CultureInfo.InvariantCulture) * 1024;
                }
            }
        }

        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64;
    }
}
