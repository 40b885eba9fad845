using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Reconciler.IntegrationTests.Lambda;

/// <summary>
/// The published bootstrap running as Lambda runs it: a child process with only the variables given (plus PATH and
/// HOME), its JSON log lines kept for assertion messages. Disposing kills it if it is still running.
/// </summary>
internal sealed class BootstrapProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private BootstrapProcess(Process process) => _process = process;

    /// <summary>What the process wrote so far (standard output and error), for failure messages.</summary>
    public string Output => string.Join('\n', _output);

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public static BootstrapProcess Start(string executable, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        // A clean environment: nothing of the test host's (AWS profiles, proxies) may leak into the "sandbox".
        start.Environment.Clear();
        start.Environment["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin";
        start.Environment["HOME"] = Path.GetTempPath();
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start };
        var bootstrap = new BootstrapProcess(process);
        process.OutputDataReceived += (_, line) => bootstrap.Keep(line.Data);
        process.ErrorDataReceived += (_, line) => bootstrap.Keep(line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return bootstrap;
    }

    /// <summary>Sends SIGTERM, as Lambda does before it stops a sandbox, and waits for the exit.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        await _process.WaitForExitAsync().WaitAsync(timeout);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }
}
