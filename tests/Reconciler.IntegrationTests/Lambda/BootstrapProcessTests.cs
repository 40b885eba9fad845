using System.Diagnostics;
using System.Text.Json;
using Reconciler.Tests.Hosting.Lambda;

namespace Reconciler.IntegrationTests.Lambda;

/// <summary>
/// Starts the real executable as Lambda would (AWS_LAMBDA_RUNTIME_API set) against a fake Runtime API on 127.0.0.1.
/// </summary>
public sealed class BootstrapProcessTests : IDisposable
{
    private readonly string _policies = Directory.CreateTempSubdirectory("reconciler-policies-").FullName;
    private readonly List<Process> _started = [];

    // A failed assertion must not leave a bootstrap running.
    public void Dispose()
    {
        foreach (var process in _started)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
            }

            process.Dispose();
        }

        Directory.Delete(_policies, recursive: true);
    }

    [Fact]
    public async Task Process_InvalidConfiguration_PostsInitErrorAndExitsWithOne()
    {
        await using var runtime = new FakeRuntimeApi();
        var process = Start(runtime, ("LOG_LEVEL", "chatty"));

        var posted = await runtime.NextPostAsync(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal((PostKind.InitError, "Reconciler.InvalidConfiguration"), (posted.Kind, posted.ErrorType));
        using var body = JsonDocument.Parse(posted.Body);
        Assert.Contains("LOG_LEVEL: 'chatty'", body.RootElement.GetProperty("errorMessage").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, process.ExitCode);
    }

    [Fact]
    public async Task Process_UnsupportedEventThenSigterm_PostsErrorAndExitsCleanly()
    {
        await using var runtime = new FakeRuntimeApi();
        var process = Start(runtime);
        runtime.Enqueue("req-junk", "[\"not an event\"]", DateTimeOffset.UtcNow.AddMinutes(15));

        var posted = await runtime.NextPostAsync(TimeSpan.FromSeconds(60));
        await runtime.WaitForNextRequestsAsync(2, TimeSpan.FromSeconds(30));
        await SendSigtermAsync(process);
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal((PostKind.Error, "req-junk", "Reconciler.UnsupportedEvent"), (posted.Kind, posted.RequestId, posted.ErrorType));
        Assert.Equal(0, process.ExitCode);
    }

    private Process Start(FakeRuntimeApi runtime, params (string Name, string Value)[] extra)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "reconciler.dll") },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["AWS_LAMBDA_RUNTIME_API"] = runtime.Address;
        start.Environment["AWS_LAMBDA_FUNCTION_NAME"] = "reconciler-it";
        start.Environment["POLICY_DIR"] = _policies;

        // Init resolves the region and credentials; these are fake and point nowhere but loopback.
        start.Environment["AWS_REGION"] = "us-east-1";
        start.Environment["AWS_ACCESS_KEY_ID"] = "testing";
        start.Environment["AWS_SECRET_ACCESS_KEY"] = "testing";
        start.Environment["AWS_ENDPOINT_URL"] = "http://127.0.0.1:9";
        foreach (var (name, value) in extra)
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start)!;
        _started.Add(process);
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task SendSigtermAsync(Process process)
    {
        using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
    }
}
