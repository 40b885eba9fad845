using System.Runtime.InteropServices;

namespace Reconciler.Hosting.Cli;

/// <summary>
/// Turns the first Ctrl-C (SIGINT) or SIGTERM into cancellation, so a command stops starting writes, reports what is
/// pending and cleans up; a second signal, if cleaning up hangs, is left to the runtime and ends the process.
/// System.CommandLine 2.0.0 leaves signals to the runtime, which would end the process mid-write without a report.
/// </summary>
internal sealed class InterruptSignals : IDisposable
{
    private readonly CancellationTokenSource interrupted;
    private readonly PosixSignalRegistration sigint;
    private readonly PosixSignalRegistration sigterm;

    /// <summary>Starts listening; <see cref="Token"/> is also cancelled with <paramref name="cancellationToken"/>.</summary>
    public InterruptSignals(CancellationToken cancellationToken)
    {
        interrupted = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Interrupt);
        sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Interrupt);
    }

    /// <summary>Cancelled by the first signal.</summary>
    public CancellationToken Token => interrupted.Token;

    /// <inheritdoc />
    public void Dispose()
    {
        sigint.Dispose();
        sigterm.Dispose();
        interrupted.Dispose();
    }

    private void Interrupt(PosixSignalContext signal)
    {
        signal.Cancel = !interrupted.IsCancellationRequested;
        interrupted.Cancel();
    }
}
