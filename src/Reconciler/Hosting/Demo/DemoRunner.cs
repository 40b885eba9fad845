using System.Net;
using System.Net.Sockets;
using Reconciler.Aws;
using Reconciler.LocalEmulator;
using Reconciler.Policies;
using Reconciler.Reporting;

namespace Reconciler.Hosting.Demo;

/// <summary>
/// `reconciler demo`: starts the patched moto on a free loopback port, tells the <see cref="DemoStory"/> against it,
/// and stops moto at the end, on error and on Ctrl-C alike (unless --keep asked to leave it running).
/// Exit codes: 0 the story went as told, 1 something was missing or did not go as expected, 130 interrupted.
/// </summary>
internal sealed class DemoRunner(DemoOptions options, TextWriter output, TextWriter error, TimeProvider time)
{
    /// <summary>Python, moto or the policy is missing, or a step did not go as the story says.</summary>
    public const int FailedExitCode = 1;

    /// <summary>Ctrl-C (128 + SIGINT, as shells report it).</summary>
    public const int InterruptedExitCode = 130;

    /// <summary>Runs the demo; returns the exit code.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var startedAt = time.GetTimestamp();
        var console = new DemoConsole(output, error, options.Color ? TextStyle.Ansi : TextStyle.Plain, time);
        output.WriteLine(console.Style.Bold("reconciler demo") + ": the reconciler at work on a local AWS emulator. Nothing here reaches a real AWS account.");
        var (policy, policyPath, problem) = DemoPolicy.Load(options.PoliciesDirectory);
        if (policy is null)
        {
            console.Problem(problem ?? "The demo policy could not be loaded.");
            return FailedExitCode;
        }

        output.WriteLine($"Policy: {policyPath} ({Describe(policy)}).");

        MotoServer? server = null;
        var keep = false;
        void KillOnExit(object? sender, EventArgs e) => server?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        try
        {
            var port = options.Emulator.Port != 0 ? options.Emulator.Port : FreeLoopbackPort();
            console.BeginStep($"Starting a local AWS emulator (moto) on 127.0.0.1:{port}");
            server = await MotoServer.StartAsync(options.Emulator with { Port = port }, cancellationToken);

            // If the host is torn down before the finally below runs (say, a second Ctrl-C), moto still goes.
            AppDomain.CurrentDomain.ProcessExit += KillOnExit;
            console.EndStep("ready");

            await new DemoStory(console, time).TellAsync(server, policy, policyPath, startedAt, cancellationToken);
            keep = options.Keep;
            return 0;
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            // Whatever was in flight when Ctrl-C came (moto gets the same SIGINT from the terminal and may be gone
            // already), the user asked to stop: say so rather than report the failure it caused.
            console.Problem("interrupted; stopping the emulator.");
            return InterruptedExitCode;
        }
        catch (EmulatorUnavailableException unavailable)
        {
            console.Problem($"cannot start the local AWS emulator. {unavailable.Message}");
            return FailedExitCode;
        }
        catch (DemoFailedException failed)
        {
            console.Problem(failed.Message);
            keep = options.Keep;
            return FailedExitCode;
        }
        catch (Exception lost) when (lost is HttpRequestException or AwsServiceException)
        {
            console.Problem($"a call to the local emulator failed, so the story cannot go on: {lost.Message}");
            keep = options.Keep;
            return FailedExitCode;
        }
        finally
        {
            AppDomain.CurrentDomain.ProcessExit -= KillOnExit;
            if (server is not null)
            {
                if (keep)
                {
                    DescribeKept(console, server);
                }
                else
                {
                    await server.DisposeAsync();
                    console.Heading($"Stopped the emulator on {server.Endpoint.Authority}");
                }
            }
        }
    }

    private static void DescribeKept(DemoConsole console, MotoServer server)
    {
        var endpoint = server.Endpoint.GetLeftPart(UriPartial.Authority);
        console.Heading($"The emulator keeps running at {endpoint} (pid {server.ProcessId})");
        console.Detail("Explore what the demo left there with the AWS CLI or the reconciler (moto takes any credentials):");
        console.Detail($"  export AWS_ENDPOINT_URL={endpoint} AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_DEFAULT_REGION={DemoOptions.Region}");
        console.Detail($"  aws --endpoint-url {endpoint} cloudwatch describe-alarms --region {DemoOptions.Region} --query 'MetricAlarms[].[AlarmName,Threshold]' --output table");
        console.Detail($"  dotnet run --project src/Reconciler -- plan --endpoint-url {endpoint} --region {DemoOptions.Region}");
        console.Detail($"Stop it with: kill {server.ProcessId}");
    }

    private static string Describe(ObservabilityPolicy policy)
    {
        var rules = policy.Alarms.Lambda.Count + policy.Alarms.ApiGateway.Count;
        var parts = new List<string> { $"{policy.Mode.ToString().ToLowerInvariant()} mode", $"selects tag {string.Join(", ", policy.Selector.Tags.Select(t => $"{t.Key}={string.Join("|", t.Value)}"))}" };
        if (policy.Tracing.Lambda is { } lambda)
        {
            parts.Add($"Lambda tracing {lambda}");
        }

        if (policy.Tracing.ApiGateway is { } api)
        {
            parts.Add($"API tracing {(api ? "on" : "off")}");
        }

        parts.Add($"{rules} alarm rules");
        if (policy.Dashboard is { } dashboard)
        {
            parts.Add($"dashboard {dashboard.Name}");
        }

        return string.Join(", ", parts);
    }

    // Picked here rather than by the launcher so the first line can name the port before moto takes ~2 s to start.
    private static int FreeLoopbackPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
