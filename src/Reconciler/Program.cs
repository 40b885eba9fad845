using Reconciler.Hosting.Cli;
using Reconciler.Hosting.Lambda;

// Inside Lambda (custom runtime) this binary is the bootstrap; anywhere else it is the CLI.
if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable(LambdaBootstrap.RuntimeApiVariable)))
{
    return await LambdaBootstrap.RunProcessAsync().ConfigureAwait(false);
}

return await CliApp.RunAsync(args, CancellationToken.None).ConfigureAwait(false);
