namespace Reconciler.LocalEmulator;

/// <summary>How to start the local AWS emulator (moto with this project's patches).</summary>
internal sealed record MotoServerOptions
{
    /// <summary>Path of tools/moto/run_moto.py; null searches upward from the app and the current directory.</summary>
    public string? ScriptPath { get; init; }

    /// <summary>The Python interpreter; null looks for python3 (then python) on PATH.</summary>
    public string? PythonPath { get; init; }

    /// <summary>Loopback port; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>
    /// Strict mode (the launcher's --strict): moto refuses what AWS refuses, e.g. Active tracing for an execution role
    /// without X-Ray permissions, a second Lambda update while one is in progress, alarm actions in another Region,
    /// deleting an alarm a composite alarm depends on. Null leaves it to the launcher, which reads MOTO_STRICT=1 from
    /// the environment; false passes --no-strict, so the server is lenient whatever the environment says.
    /// </summary>
    public bool? Strict { get; init; }

    /// <summary>In strict mode, how long a Lambda configuration update stays InProgress; null: the launcher's default (2 s).</summary>
    public TimeSpan? StrictUpdateWindow { get; init; }

    /// <summary>How long to wait for the server to accept connections.</summary>
    public TimeSpan StartupTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Extra environment for the moto process, e.g. INITIAL_NO_AUTH_ACTION_COUNT=3 to turn on IAM and SigV4 checks
    /// after three unauthenticated calls.
    /// </summary>
    public IReadOnlyDictionary<string, string> EnvironmentVariables { get; init; } = new Dictionary<string, string>();
}

/// <summary>The emulator cannot run here; the message says what to install.</summary>
internal sealed class EmulatorUnavailableException(string message, Exception? innerException = null)
    : Exception(message, innerException);
