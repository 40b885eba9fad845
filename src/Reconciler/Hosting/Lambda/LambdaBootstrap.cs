using System.Runtime.InteropServices;
using Reconciler.Telemetry;

namespace Reconciler.Hosting.Lambda;

/// <summary>
/// Starts the function: reads settings, builds the handler, and runs the host. Anything that fails before the first
/// event is posted as the init error, which Lambda shows as the reason the function could not start.
/// </summary>
internal static class LambdaBootstrap
{
    /// <summary>The variable Lambda sets in custom runtimes; its presence selects the Lambda host over the CLI.</summary>
    public const string RuntimeApiVariable = "AWS_LAMBDA_RUNTIME_API";

    /// <summary>Runs as the process's Lambda bootstrap: real environment, standard output, SIGTERM as shutdown.</summary>
    public static async Task<int> RunProcessAsync()
    {
        using var shutdown = new CancellationTokenSource();

        // Lambda sends SIGTERM before it stops a sandbox (when extensions are registered); finishing the loop cleanly
        // lets the current run post what happened.
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            shutdown.Cancel();
        });
        return await RunAsync(Environment.GetEnvironmentVariable, Console.Out, TimeProvider.System, shutdown.Token);
    }

    /// <summary>Reads the configuration through <paramref name="getVariable"/> and runs the host until shutdown.</summary>
    public static async Task<int> RunAsync(
        Func<string, string?> getVariable,
        TextWriter output,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(getVariable);
        var runtimeApi = getVariable(RuntimeApiVariable);
        if (string.IsNullOrWhiteSpace(runtimeApi))
        {
            throw new InvalidOperationException($"{RuntimeApiVariable} is not set: the Lambda host only runs inside Lambda.");
        }

        var log = new RunLogger(output, timeProvider, "init");
        using var client = new RuntimeApiClient(runtimeApi);
        LambdaSettings settings;
        try
        {
            settings = LambdaSettings.FromEnvironment(getVariable);
        }
        catch (InvalidLambdaSettingsException exception)
        {
            log.Error(null, "Cannot start: {Problems}", string.Join(" ", exception.Problems));
            await client.PostInitErrorAsync(new LambdaError(LambdaHost.ErrorTypes.InvalidConfiguration, exception.Message), cancellationToken);
            return 1;
        }

        var options = new LambdaHostOptions(runtimeApi, settings, output, timeProvider)
        {
            FunctionName = getVariable("AWS_LAMBDA_FUNCTION_NAME") is { Length: > 0 } name ? name : "reconciler",
        };

        InvocationHandler handler;
        try
        {
            handler = ReconcileHandlerFactory.Create(settings, options);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            log.Error(exception, "Cannot start: building the reconciler failed: {ErrorMessage}", exception.Message);
            await client.PostInitErrorAsync(
                new LambdaError(LambdaHost.ErrorTypes.InitFailed, "The reconciler could not start: " + SecretRedactor.RedactText(exception.Message)),
                cancellationToken);
            return 1;
        }

        try
        {
            return await LambdaHost.RunAsync(options, client, handler, cancellationToken);
        }
        catch (Exception exception) when (exception is RuntimeApiException or HttpRequestException)
        {
            // The Runtime API is local to the sandbox: if it fails, the sandbox is going away. Say so in the log's
            // format and exit; Lambda starts a fresh sandbox for the next event.
            log.Error(exception, "Lost the Lambda Runtime API; exiting: {ErrorMessage}", exception.Message);
            return 1;
        }
    }
}
