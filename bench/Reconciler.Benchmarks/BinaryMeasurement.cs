using System.Diagnostics;
using System.Globalization;

namespace Reconciler.Benchmarks;

/// <summary>One run of the published binary as a child process: its command, exit code, wall time and peak memory.</summary>
/// <param name="PeakBytes">Peak resident set of the child: GNU time's maximum RSS (from the kernel's rusage) when /usr/bin/time exists, else VmHWM polled from /proc until it exits.</param>
internal sealed record BinaryRun(string Command, int ExitCode, TimeSpan Wall, long PeakBytes);

/// <summary>
/// Runs the published reconciler (Native AOT, what users run) the way a user does, `apply` then `plan`, against the
/// moto account, with the real uncompressed quotas (the binary has no compression knob), and reads each process's
/// peak resident set from the kernel.
/// </summary>
internal static class BinaryMeasurement
{
    private const string GnuTime = "/usr/bin/time";

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    public static async Task<IReadOnlyList<BinaryRun>> MeasureAsync(string binary, Uri endpoint, SeededAccount seeded, BenchmarkOptions options, TextWriter progress, CancellationToken cancellationToken)
    {
        var policies = Directory.CreateTempSubdirectory("reconciler-bench-policies-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(policies.FullName, "bench.yaml"), BenchmarkPolicy.Yaml(seeded.App), cancellationToken);
            string[] common = ["--policies", policies.FullName, "--alarm-prefix", BenchmarkPolicy.AlarmNamePrefix];
            var runs = new List<BinaryRun>();
            string[][] commands = [["apply", "--max-changes", options.BinaryMaxChanges.ToString(CultureInfo.InvariantCulture), .. common], ["plan", .. common]];
            foreach (var arguments in commands)
            {
                await progress.WriteLineAsync($"binary: {Path.GetFileName(binary)} {string.Join(' ', arguments)}");
                var run = await RunAsync(binary, arguments, endpoint, cancellationToken);
                await progress.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  exit {run.ExitCode}, {run.Wall.TotalSeconds:0.0} s, peak {run.PeakBytes / (1024.0 * 1024):0.0} MB"));
                runs.Add(run);
            }

            return runs;
        }
        finally
        {
            policies.Delete(recursive: true);
        }
    }

    /// <summary>Runs <paramref name="binary"/> once with <paramref name="arguments"/> against moto; exit 0 or 2, or it throws.</summary>
    internal static async Task<BinaryRun> RunAsync(string binary, string[] arguments, Uri endpoint, CancellationToken cancellationToken)
    {
        var maxRssFile = File.Exists(GnuTime) ? Path.GetTempFileName() : null;
        var start = new ProcessStartInfo(maxRssFile is null ? binary : GnuTime)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (maxRssFile is not null)
        {
            // Maximum resident set size in KB of the child, from wait4's rusage: exact, no polling window.
            foreach (var argument in new[] { "-f", "%M", "-o", maxRssFile, binary })
            {
                start.ArgumentList.Add(argument);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["AWS_ENDPOINT_URL"] = endpoint.ToString();
        start.Environment["AWS_ACCESS_KEY_ID"] = "testing";
        start.Environment["AWS_SECRET_ACCESS_KEY"] = "testing";
        start.Environment["AWS_REGION"] = "us-east-1";
        start.Environment.Remove("AWS_PROFILE");
        start.Environment.Remove("REPORT_TOPIC_ARN");

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {binary}.");
        try
        {
            // Drain both pipes so a full pipe never stalls the child; the text itself is not measured.
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            var statusPath = $"/proc/{process.Id}/status";
            long peak = 0;
            while (!process.HasExited)
            {
                // VmHWM only grows, so the last value read before the process exits is its peak (to within a poll).
                peak = Math.Max(peak, ReadHighWaterMark(statusPath));
                await Task.Delay(PollInterval, cancellationToken);
            }

            await process.WaitForExitAsync(cancellationToken);
            clock.Stop();
            await output;
            var stderr = await error;
            if (process.ExitCode is not (0 or 2))
            {
                throw new InvalidOperationException($"{binary} {string.Join(' ', arguments)} exited {process.ExitCode}:\n{stderr}");
            }

            if (maxRssFile is not null)
            {
                // GNU time writes "Command exited with non-zero status N" first when the exit code is not 0.
                var lines = await File.ReadAllLinesAsync(maxRssFile, cancellationToken);
                peak = long.Parse(lines.Last(line => line.Length > 0).Trim(), CultureInfo.InvariantCulture) * 1024;
            }

            return new BinaryRun($"{Path.GetFileName(binary)} {arguments[0]}", process.ExitCode, clock.Elapsed, peak);
        }
        finally
        {
            if (maxRssFile is not null)
            {
                File.Delete(maxRssFile);
            }

            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    private static long ReadHighWaterMark(string statusPath)
    {
        try
        {
            foreach (var line in File.ReadLines(statusPath))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
            // The process exited between the check and the read (its /proc entry is gone or a zombie's is empty).
        }

        return 0;
    }
}
