using System.Runtime.InteropServices;

namespace Reconciler.IntegrationTests.Demo;

/// <summary>Sends SIGINT (what Ctrl-C sends) to a process with the kill(2) system call.</summary>
internal static partial class InterruptSignal
{
    private const int SigInt = 2;

    /// <summary>True when the signal was delivered to <paramref name="processId"/>.</summary>
    public static bool Send(int processId) => Kill(processId, SigInt) == 0;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Kill(int pid, int sig);
}
