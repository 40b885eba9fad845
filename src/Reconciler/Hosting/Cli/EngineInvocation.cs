using System.CommandLine;
using System.Globalization;
using Reconciler.Aws;
using Reconciler.Reconciliation;
using Reconciler.Reporting;
using Reconciler.Telemetry;
using Reconciler.Watch;

namespace Reconciler.Hosting.Cli;

/// <summary>
/// What `plan` and `apply` have in common: check the environment, load and check the policies, create the AWS clients,
/// run once. User errors (bad environment values, bad policies, no region, no credentials) become one clear message
/// per problem on stderr (and a JSON error document on stdout with --output json) and exit code 1, never a stack trace.
/// </summary>
/// <param name="environment">Reads an environment variable (the process environment, or a test's).</param>
internal sealed class EngineInvocation(EngineOptions options, ParseResult parse, TextWriter output, TextWriter error, Func<string, string?> environment)
{
    /// <summary>The exit code for errors that stopped the run before it started.</summary>
    public const int ErrorExitCode = 1;

    /// <summary>The format chosen with --output.</summary>
    public OutputFormat Format => parse.GetValue(options.Output);

    /// <summary>
    /// Checks the environment, loads the policies and runs the engine once; null (after printing why) when a variable
    /// or the policies are invalid or AWS could not even be configured. The caller disposes the run (its AWS clients).
    /// </summary>
    /// <param name="commandProblems">What the command itself found wrong with its environment; nothing runs if any.</param>
    /// <param name="reportTopics">Where apply publishes the report (for the notification-path check); null for plan.</param>
    public async Task<EngineRun?> RunAsync(bool apply, bool dryRun, IReadOnlyList<string> commandProblems, CancellationToken cancellationToken, ReportTopics? reportTopics = null)
    {
        ArgumentNullException.ThrowIfNull(commandProblems);
        if (CheckEnvironment(commandProblems) is { Count: > 0 } problems)
        {
            Fail(CliErrorJson.InvalidConfiguration, problems);
            error.WriteLine("Nothing was read from or changed in AWS.");
            return null;
        }

        if (LoadPolicies() is not { } selection)
        {
            return null;
        }

        return await RunAsync(selection, apply, dryRun, reportTopics, cancellationToken) is var (result, aws)
            ? new EngineRun(selection, result, aws)
            : null;
    }

    /// <summary>Reads an environment variable the way the commands do: blank counts as unset.</summary>
    public string? Variable(string name) => environment(name) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    /// <summary>Prints each problem on stderr and, for --output json, the error document on stdout.</summary>
    public void Fail(string kind, IReadOnlyList<string> problems)
    {
        foreach (var problem in problems)
        {
            error.WriteLine(problem);
        }

        if (Format == OutputFormat.Json)
        {
            CliErrorJson.Write(output, kind, problems);
        }
    }

    /// <summary>The command's own problems plus the region's, as one list (empty when the command can run).</summary>
    /// <remarks>The AWS SDK would otherwise throw on the first request it builds with a region like 'us east 1'.</remarks>
    public List<string> CheckEnvironment(IReadOnlyList<string> commandProblems)
    {
        var problems = new List<string>(commandProblems);
        if (InputRules.ExplicitRegion("--region", parse.GetValue(options.Region), environment) is var (source, region)
            && InputRules.CheckRegion(source, region) is { } problem)
        {
            problems.Add(problem);
        }

        return problems;
    }

    /// <summary>The policies in force, or null after printing why there are none.</summary>
    public RunPolicies? LoadPolicies()
    {
        var directory = parse.GetValue(options.Policies) ?? "policies";
        var selection = RunPolicies.Load(directory, parse.GetValue(options.Policy));
        var loaded = selection.Loaded;
        if (!loaded.IsValid)
        {
            Fail(CliErrorJson.InvalidPolicy, [.. loaded.Errors.Select(problem => problem.ToString())]);
            error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{loaded.Errors.Count} policy error(s) in {directory}; nothing was read from or changed in AWS. Run `reconciler validate --policies {directory}` after fixing them."));
            return null;
        }

        if (selection.MissingPolicy is { } missing)
        {
            Fail(CliErrorJson.InvalidOption, [$"--policy: no policy named '{missing}' in {directory}. Policies there: {string.Join(", ", loaded.Policies.Select(p => p.Name))}."]);
            return null;
        }

        return selection;
    }

    private async Task<(ReconcileResult Result, IAwsClients Aws)?> RunAsync(RunPolicies selection, bool apply, bool dryRun, ReportTopics? reportTopics, CancellationToken cancellationToken)
    {
        if (CreateClients() is not var (clientOptions, aws))
        {
            return null;
        }

        var time = TimeProvider.System;
        var log = CreateLogger(time);
        var request = RequestOf(selection, apply, dryRun, reportTopics, time);
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

    /// <summary>What a run is asked to do, from the command's options: deadline, change budget, alarm prefix.</summary>
    private ReconcileRequest RequestOf(RunPolicies selection, bool apply, bool dryRun, ReportTopics? reportTopics, TimeProvider time) =>
        selection.Request(
            apply,
            dryRun,
            time.GetUtcNow().AddSeconds(parse.GetValue(options.Deadline)),
            parse.GetValue(options.MaxChanges),
            parse.GetValue(options.AlarmPrefix) ?? Planning.PlanningOptions.DefaultAlarmNamePrefix,
            reportTopics);

    /// <summary>
    /// Runs a watch batch (docs/watch.md) with the command's options: the environment and policies are checked as for
    /// apply; null (after printing why) when they are invalid or AWS could not be configured.
    /// </summary>
    public async Task<(WatchResult Result, RunPolicies Selection, IAwsClients Aws)?> WatchAsync(
        IReadOnlyList<WatchMessage> messages, bool dryRun, CancellationToken cancellationToken)
    {
        if (CheckEnvironment([]) is { Count: > 0 } problems)
        {
            Fail(CliErrorJson.InvalidConfiguration, problems);
            error.WriteLine("Nothing was read from or changed in AWS.");
            return null;
        }

        if (LoadPolicies() is not { } selection || CreateClients() is not var (clientOptions, aws))
        {
            return null;
        }

        var time = TimeProvider.System;
        var request = RequestOf(selection, apply: true, dryRun, reportTopics: null, time);
        try
        {
            var result = await new WatchRun(aws, clientOptions.Region, time, CreateLogger(time)).RunAsync(messages, request, cancellationToken);
            return (result, selection, aws);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            error.WriteLine("Interrupted before any change was written; nothing was changed.");
            aws.Dispose();
            return null;
        }
    }

    /// <summary>
    /// The AWS clients the options and environment describe, or null after printing why they cannot be made (no or a
    /// bad region, no credentials). The caller disposes the clients.
    /// </summary>
    public (AwsClientOptions Options, IAwsClients Aws)? CreateClients()
    {
        AwsClientOptions clientOptions;
        try
        {
            clientOptions = AwsClientOptions.FromEnvironment(parse.GetValue(options.Region), parse.GetValue(options.EndpointUrl), environment);
        }
        catch (AwsConfigurationException problem)
        {
            Fail(CliErrorJson.InvalidConfiguration, [problem.Message]);
            return null;
        }

        // CheckEnvironment saw the option and the variables; only a region from the profile is still unchecked.
        if (InputRules.CheckRegion("the region of the AWS profile (~/.aws/config)", clientOptions.Region) is { } regionProblem)
        {
            Fail(CliErrorJson.InvalidConfiguration, [regionProblem]);
            return null;
        }

        IAwsClients aws;
        try
        {
            aws = AwsClients.Create(clientOptions);
        }
        catch (AwsConfigurationException problem)
        {
            Fail(CliErrorJson.InvalidConfiguration, [problem.Message]);
            return null;
        }

        return (clientOptions, aws);
    }

    /// <summary>Prints the report as JSON (for --output json).</summary>
    public void WriteJson(RunReport report) => output.WriteLine(ReportJsonRenderer.Render(report));

    private RunLogger CreateLogger(TimeProvider time)
    {
        return parse.GetValue(options.LogLevel) is { } minimum
            ? new RunLogger(error, time, RunIds.New(time), minimum)
            : new RunLogger(TextWriter.Null, time, RunIds.New(time), RunLogLevel.Error);
    }
}

/// <summary>One finished run of the engine for a command: the policies, the result, and the clients to publish with.</summary>
internal sealed record EngineRun(RunPolicies Selection, ReconcileResult Result, IAwsClients Aws) : IDisposable
{
    /// <inheritdoc />
    public void Dispose() => Aws.Dispose();
}
