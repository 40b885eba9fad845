using Reconciler.Hosting.Cli;

return await CliApp.RunAsync(args, CancellationToken.None).ConfigureAwait(false);
