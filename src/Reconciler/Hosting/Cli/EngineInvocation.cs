using System.CommandLine;
using System.Globalization;
using Reconciler.Aws;
using Reconciler.Policies;
using Reconciler.Reconciliation;
using Reconciler.Reporting;
using Reconciler.Telemetry;

namespace Reconciler.Hosting.Cli;

/// <summary>
/// What `plan` and `apply` have in common: load and check the policies, create the AWS clients, run once.
/// User errors (bad policies, no region, no credentials) become one clear message and exit code 1, never a stack trace.
/// </summary>
internal sealed class EngineInvocation(EngineOptions options, ParseResult parse, TextWriter output, TextWriter error)
{
    /// <summary>The exit code for errors that stopped the run before it started.</summary>
    public const int ErrorExitCode = 1;

    /// <summary>The format chosen with --output.</summary>
    public OutputFormat Format => parse.GetValue(options.Output);

    /// <summary>
    /// Loads the policies and runs the engine once; null (after printing why) when the policies are invalid or AWS
    /// could not even be configured. The caller disposes the run (its AWS clients).
    /// </summary>
    public async Task<EngineRun?> RunAsync(bool apply, bool dryRun, CancellationToken cancellationToken)
    {
        if (LoadPolicies() is not { } policies)
        {
            return null;
        }

        return await RunAsync(policies, apply, dryRun, cancellationToken) is var (result, aws)
            ? new EngineRun(policies, result, aws)
            : null;
    }

    /// <summary>The policies in force, or null after printing why there are none.</summary>
    private IReadOnlyList<ObservabilityPolicy>? LoadPolicies()
    {
        var directory = parse.GetValue(options.Policies) ?? "policies";
        var loaded = PolicyLoader.LoadDirectory(directory);
        if (!loaded.IsValid)
        {
            foreach (var problem in loaded.Errors)
            {
                error.WriteLine(problem.ToString());
            }

            error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{loaded.Errors.Count} policy error(s) in {directory}; nothing was read from or changed in AWS. Run `reconciler validate --policies {directory}` after fixing them."));
            return null;
        }

        if (parse.GetValue(options.Policy) is { } only)
        {
            var chosen = loaded.Policies.Where(policy => policy.Name == only).ToList();
            if (chosen.Count == 0)
            {
                error.WriteLine($"No policy named '{only}' in {directory}. Policies there: {string.Join(", ", loaded.Policies.Select(p => p.Name))}.");
                return null;
            }

            return chosen;
        }

        return loaded.Policies;
    }

    private async Task<(ReconcileResult Result, IAwsClients Aws)?> RunAsync(IReadOnlyList<ObservabilityPolicy> policies, bool apply, bool dryRun, CancellationToken cancellationToken)
    {
        IAwsClients aws;
        AwsClientOptions clientOptions;
        try
        {
            clientOptions = AwsClientOptions.FromEnvironment(parse.GetValue(options.Region), parse.GetValue(options.EndpointUrl));
            aws = AwsClients.Create(clientOptions);
        }
        catch (AwsConfigurationException problem)
        {
            error.WriteLine(problem.Message);
            return null;
        }

        var time = TimeProvider.System;
        var log = CreateLogger(time);
        var request = new ReconcileRequest(
            policies,
            apply,
            dryRun,
            time.GetUtcNow().AddSeconds(parse.GetValue(options.Deadline)),
            parse.GetValue(options.MaxChanges),
            parse.GetValue(options.AlarmPrefix) ?? Planning.PlanningOptions.DefaultAlarmNamePrefix);
        try
        {
            var result = await new ReconcileRun(aws, clientOptions.Region, time, log).RunAsync(request, cancellationToken);
            return (result, aws);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Interrupted while reading the account: apply had not started, so nothing was written.
            error.WriteLine("Interrupted before any change was written; nothing was changed.");
            aws.Dispose();
            return null;
        }
    }

    /// <summary>Prints the report as JSON (for --output json).</summary>
    public void WriteJson(RunReport report) => output.WriteLine(ReportJsonRenderer.Render(report));

    private RunLogger CreateLogger(TimeProvider time)
    {
        var level = parse.GetValue(options.LogLevel);
        if (level is null || !Enum.TryParse<RunLogLevel>(level, ignoreCase: true, out var minimum))
        {
            return new RunLogger(TextWriter.Null, time, RunIds.New(time), RunLogLevel.Error);
        }

        return new RunLogger(error, time, RunIds.New(time), minimum);
    }
}

/// <summary>One finished run of the engine for a command: the policies, the result, and the clients to publish with.</summary>
internal sealed record EngineRun(IReadOnlyList<ObservabilityPolicy> Policies, ReconcileResult Result, IAwsClients Aws) : IDisposable
{
    /// <inheritdoc />
    public void Dispose() => Aws.Dispose();
}
