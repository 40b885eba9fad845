using System.Diagnostics;
using System.Text.Json;
using Reconciler.LocalEmulator;

namespace Reconciler.Hosting.Demo;

/// <summary>What tools/moto/seed_demo.py created.</summary>
/// <param name="Functions">Function name and tracing mode as created.</param>
internal sealed record SeededApp(
    IReadOnlyList<(string Name, string Tracing)> Functions,
    string RestApiName,
    IReadOnlyList<string> Stages,
    string AlertTopicArn,
    string ReportTopicArn,
    string ReportQueueUrl);

/// <summary>
/// Runs tools/moto/seed_demo.py with moto's own Python (boto3 comes with moto). The create operations it needs
/// (CreateFunction, CreateRestApi, CreateTopic, Subscribe, ...) are not part of the reconciler's AWS surface and are
/// kept out of the binary on purpose.
/// </summary>
internal static class SeedScript
{
    private const string ScriptName = "seed_demo.py";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>Seeds <paramref name="server"/>; throws <see cref="DemoFailedException"/> with the script's words if it fails.</summary>
    public static async Task<SeededApp> RunAsync(MotoServer server, CancellationToken cancellationToken)
    {
        var script = Path.Combine(Path.GetDirectoryName(server.ScriptPath) ?? ".", ScriptName);
        if (!File.Exists(script))
        {
            throw new DemoFailedException($"{script} is missing; it belongs next to {server.ScriptPath}. Check out the whole repository.");
        }

        var startInfo = new ProcessStartInfo(server.PythonPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add("-u");
        startInfo.ArgumentList.Add(script);
        startInfo.ArgumentList.Add(server.Endpoint.GetLeftPart(UriPartial.Authority));
        MotoServer.IsolateFromAwsSettings(startInfo.Environment);

        using var process = Process.Start(startInfo)
            ?? throw new DemoFailedException($"Could not start {server.PythonPath} {script}.");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            var (output, errors) = (await stdout, await stderr);
            if (process.ExitCode != 0)
            {
                throw new DemoFailedException($"Seeding moto failed (exit {process.ExitCode}): {errors.Trim()}");
            }

            return Parse(output);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new DemoFailedException($"Seeding moto took longer than {Timeout.TotalSeconds:0} s; stopped it.");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    /// <summary>Reads the script's one line of JSON.</summary>
    internal static SeededApp Parse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            var api = root.GetProperty("restApi");
            return new SeededApp(
                [.. root.GetProperty("functions").EnumerateArray().Select(f => (Text(f, "name"), Text(f, "tracing")))],
                Text(api, "name"),
                [.. api.GetProperty("stages").EnumerateArray().Select(s => s.GetString() ?? string.Empty)],
                Text(root, "alertTopicArn"),
                Text(root, "reportTopicArn"),
                Text(root, "reportQueueUrl"));
        }
        catch (Exception error) when (error is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new DemoFailedException($"{ScriptName} printed something other than its JSON summary ({error.Message}): {json.Trim()}");
        }
    }

    private static string Text(JsonElement element, string name) =>
        element.GetProperty(name).GetString() ?? throw new InvalidOperationException($"{name} is null");
}

/// <summary>The demo's story could not go on; the message says what happened and what to do.</summary>
internal sealed class DemoFailedException(string message) : Exception(message);
