using System.Diagnostics;
using System.Text;
using Reconciler.Hosting.Demo;

namespace Reconciler.IntegrationTests.Demo;

/// <summary>
/// `reconciler demo` as a user runs it: the built binary as a child process, with a hostile shell environment and
/// with Ctrl-C. Every process started here is killed at the end, whatever happened.
/// </summary>
public sealed class DemoProcessTests : IDisposable
{
    private static readonly TimeSpan StoryTimeout = TimeSpan.FromMinutes(2);
    private readonly List<Process> started = [];

    [Fact]
    public async Task Demo_ShellPointsAwsSettingsElsewhere_StillTalksOnlyToItsEmulatorAndSucceeds()
    {
        // A profile that does not exist, another region, an endpoint nothing listens on: any of these would break
        // (or redirect) a demo that read the environment.
        var demo = Start(
            ("AWS_PROFILE", "no-such-profile-" + Guid.NewGuid().ToString("N")[..8]),
            ("AWS_REGION", "eu-west-3"),
            ("AWS_DEFAULT_REGION", "eu-west-3"),
            ("AWS_ENDPOINT_URL", "http://127.0.0.1:9"),
            ("AWS_ACCESS_KEY_ID", "AKIA-not-moto"),
            ("REPORT_TOPIC_ARN", "arn:aws:sns:eu-west-3:000000000000:elsewhere"));

        await demo.Process.WaitForExitAsync().WaitAsync(StoryTimeout);
        var output = demo.Output();

        Assert.True(demo.Process.ExitCode == 0, $"exit {demo.Process.ExitCode}\n{output}");
        Assert.Contains("Report published to arn:aws:sns:us-east-1:123456789012:drift-reports", output, StringComparison.Ordinal);
        Assert.DoesNotContain("elsewhere", output, StringComparison.Ordinal);
        Assert.False(DemoOutput.Listening(DemoOutput.Port(output)));
    }

    [Fact]
    public async Task Demo_CtrlCDuringThePlan_StopsMotoAndExits130()
    {
        var demo = Start();
        await demo.WaitForLineAsync("==> reconciler plan").WaitAsync(StoryTimeout);
        // The signal is sent with the kill(2) call itself, not a spawned `kill`: on a loaded machine starting a process
        // can take longer than the rest of the demo, which then exits 0 before the signal arrives.
        Assert.True(InterruptSignal.Send(demo.Process.Id), $"kill(2) SIGINT to {demo.Process.Id} failed");

        await demo.Process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var output = demo.Output();

        Assert.True(demo.Process.ExitCode == DemoRunner.InterruptedExitCode, $"exit {demo.Process.ExitCode}\n{output}");
        Assert.Contains("demo: interrupted; stopping the emulator.", output, StringComparison.Ordinal);
        Assert.Contains("==> Stopped the emulator", output, StringComparison.Ordinal);
        Assert.False(DemoOutput.Listening(DemoOutput.Port(output)), "moto still accepts connections after Ctrl-C.");
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var process in started)
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                }
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }

            process.Dispose();
        }
    }

    private RunningDemo Start(params (string Name, string Value)[] environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "reconciler.dll"), "demo" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var demo = new RunningDemo(Process.Start(start)!);
        started.Add(demo.Process);
        return demo;
    }

    private sealed class RunningDemo
    {
        private readonly StringBuilder output = new();
        private readonly List<(string Prefix, TaskCompletionSource Seen)> waiting = [];

        public RunningDemo(Process process)
        {
            Process = process;
            process.OutputDataReceived += (_, e) => OnLine(e.Data);
            process.ErrorDataReceived += (_, e) => OnLine(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public Process Process { get; }

        public string Output()
        {
            // Exited processes may still have lines in flight on the reader threads.
            Process.WaitForExit();
            lock (output)
            {
                return output.ToString();
            }
        }

        public Task WaitForLineAsync(string prefix)
        {
            var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (output)
            {
                if (output.ToString().Split('\n').Any(line => line.StartsWith(prefix, StringComparison.Ordinal)))
                {
                    return Task.CompletedTask;
                }

                waiting.Add((prefix, seen));
            }

            return seen.Task;
        }

        private void OnLine(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (output)
            {
                output.Append(line).Append('\n');
                foreach (var (prefix, seen) in waiting.Where(w => line.StartsWith(w.Prefix, StringComparison.Ordinal)))
                {
                    seen.TrySetResult();
                }
            }
        }
    }
}
