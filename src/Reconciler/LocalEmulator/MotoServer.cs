using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace Reconciler.LocalEmulator;

/// <summary>
/// A patched moto server on 127.0.0.1 (tools/moto/run_moto.py), for integration tests and the demo command.
/// Disposing it kills the whole process tree.
/// </summary>
internal sealed class MotoServer : IAsyncDisposable
{
    private const string ScriptRelativePath = "tools/moto/run_moto.py";
    private readonly Process process;
    private readonly StringBuilder output;

    private MotoServer(Process process, Uri endpoint, StringBuilder output, string pythonPath, string scriptPath)
    {
        this.process = process;
        this.output = output;
        Endpoint = endpoint;
        PythonPath = pythonPath;
        ScriptPath = scriptPath;
    }

    /// <summary>The base URL, e.g. http://127.0.0.1:49152/.</summary>
    public Uri Endpoint { get; }

    /// <summary>The Python interpreter running the server (it has moto, and boto3 with it).</summary>
    public string PythonPath { get; }

    /// <summary>The launcher script (tools/moto/run_moto.py); its folder holds the other emulator scripts.</summary>
    public string ScriptPath { get; }

    /// <summary>True when the launcher said it runs in strict mode (its "MOTO_STRICT on" line).</summary>
    public bool IsStrict => Output.Contains("MOTO_STRICT on", StringComparison.Ordinal);

    /// <summary>The server's process id, e.g. to tell a user how to stop a server left running.</summary>
    public int ProcessId => process.Id;

    /// <summary>What the server printed so far (for diagnosing a failed test).</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>Starts the server and waits until it accepts connections.</summary>
    /// <exception cref="EmulatorUnavailableException">python3, moto or the launcher script is missing, or it did not start in time.</exception>
    public static async Task<MotoServer> StartAsync(MotoServerOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var script = options.ScriptPath ?? FindScript()
            ?? throw new EmulatorUnavailableException(
                $"Cannot find {ScriptRelativePath} above {AppContext.BaseDirectory} or {Environment.CurrentDirectory}. " +
                "Run from a checkout of the repository or pass the script path explicitly.");
        var python = options.PythonPath ?? FindOnPath("python3") ?? FindOnPath("python")
            ?? throw new EmulatorUnavailableException(
                "python3 is not on PATH. Install Python 3.9+ and then 'pip install \"moto[server]==5.2.1\"'.");

        var startInfo = new ProcessStartInfo(python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add("-u");
        startInfo.ArgumentList.Add(script);
        startInfo.ArgumentList.Add(options.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (options.Strict is { } strict)
        {
            startInfo.ArgumentList.Add(strict ? "--strict" : "--no-strict");
        }

        if (options.StrictUpdateWindow is { } window)
        {
            startInfo.ArgumentList.Add("--update-seconds");
            startInfo.ArgumentList.Add(window.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture));
        }

        IsolateFromAwsSettings(startInfo.Environment);
        foreach (var (name, value) in options.EnvironmentVariables)
        {
            startInfo.Environment[name] = value;
        }

        var output = new StringBuilder();
        var ready = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => OnLine(e.Data, python, output, ready);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data, python, output, ready);
        process.Exited += (_, _) => ready.TrySetException(new EmulatorUnavailableException(
            $"moto exited (code {SafeExitCode(process)}) before it was ready. Is moto installed? Try 'pip install \"moto[server]==5.2.1\"'. Output:\n{Snapshot(output)}"));

        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception error)
        {
            process.Dispose();
            throw new EmulatorUnavailableException($"Could not start '{python}': {error.Message}. Install Python 3 and moto 5.2.1.", error);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new MotoServer(process, new Uri("http://127.0.0.1/"), output, python, script);
        try
        {
            var endpoint = await ready.Task.WaitAsync(options.StartupTimeout, cancellationToken);
            await WaitForTcpAsync(endpoint, cancellationToken);
            return new MotoServer(process, endpoint, output, python, script);
        }
        catch (TimeoutException error)
        {
            await server.DisposeAsync();
            throw new EmulatorUnavailableException(
                $"moto did not become ready within {options.StartupTimeout.TotalSeconds:0} s. Output:\n{Snapshot(output)}", error);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Forgets every resource (moto's /moto-api/reset).</summary>
    public async Task ResetAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync(new Uri(Endpoint, "/moto-api/reset"), null, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Kills the server and everything it started.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await process.WaitForExitAsync(timeout.Token);
            }
        }
        catch (Exception error) when (error is InvalidOperationException or OperationCanceledException or System.ComponentModel.Win32Exception)
        {
            // Already gone, or not killable: nothing more we can do while disposing.
        }
        finally
        {
            process.Dispose();
        }
    }

    /// <summary>
    /// Removes the user's AWS settings from a Python process's environment. moto and boto3 import botocore, which
    /// fails on an AWS_PROFILE naming a profile that does not exist and reads ~/.aws; the emulator and its seed
    /// scripts need none of it, and must never be pointed anywhere by it.
    /// </summary>
    internal static void IsolateFromAwsSettings(IDictionary<string, string?> environment)
    {
        foreach (var name in environment.Keys.Where(key => key.StartsWith("AWS_", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            environment.Remove(name);
        }

        var nowhere = Path.Combine(Path.GetTempPath(), "reconciler-emulator-no-aws-config");
        environment["AWS_CONFIG_FILE"] = nowhere;
        environment["AWS_SHARED_CREDENTIALS_FILE"] = nowhere;
    }

    private static void OnLine(string? line, string python, StringBuilder output, TaskCompletionSource<Uri> ready)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }

        if (line.StartsWith("MOTO_READY ", StringComparison.Ordinal) && Uri.TryCreate(line["MOTO_READY ".Length..].Trim(), UriKind.Absolute, out var uri))
        {
            ready.TrySetResult(uri);
        }
        else if (line.StartsWith("MOTO_MISSING", StringComparison.Ordinal))
        {
            // The launcher's line is "MOTO_MISSING <import error>: <advice>"; keep the error, name the interpreter.
            var detail = line["MOTO_MISSING".Length..].Trim();
            var cut = detail.IndexOf(": install", StringComparison.Ordinal);
            ready.TrySetException(new EmulatorUnavailableException(
                $"moto is not installed for {python} ({(cut > 0 ? detail[..cut] : detail)}). " +
                $"Install it with '{python} -m pip install \"moto[server]==5.2.1\"'."));
        }
        else if (line.StartsWith("MOTO_FAILED", StringComparison.Ordinal))
        {
            ready.TrySetException(new EmulatorUnavailableException($"moto did not start: {line}"));
        }
    }

    private static async Task WaitForTcpAsync(Uri endpoint, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(endpoint.Host, endpoint.Port, cancellationToken);
    }

    private static string Snapshot(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }

    private static string SafeExitCode(Process process)
    {
        try
        {
            return process.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (InvalidOperationException)
        {
            return "unknown";
        }
    }

    private static string? FindScript()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, ScriptRelativePath);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    private static string? FindOnPath(string name)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);
    }
}
