using Reconciler.Telemetry;

namespace Reconciler.Hosting.Lambda;

/// <summary>What the Lambda host needs besides the handler.</summary>
/// <param name="RuntimeApi">AWS_LAMBDA_RUNTIME_API: "host:port" of the Runtime API.</param>
/// <param name="Settings">The function's validated configuration.</param>
/// <param name="Output">Where JSON log lines and EMF lines go (standard output in Lambda).</param>
/// <param name="TimeProvider">The clock for deadlines, durations and timestamps.</param>
internal sealed record LambdaHostOptions(
    string RuntimeApi,
    LambdaSettings Settings,
    TextWriter Output,
    TimeProvider TimeProvider)
{
    /// <summary>
    /// Time kept between the run's deadline and Lambda's: enough to finish in-flight writes (with retries), publish
    /// the report and post the response.
    /// </summary>
    public TimeSpan DeadlineSafetyMargin { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The handler's token is cancelled this long before Lambda's deadline, so the host can still post an error
    /// instead of being killed with nothing said.
    /// </summary>
    public TimeSpan HardStopMargin { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>AWS_LAMBDA_FUNCTION_NAME: the FunctionName dimension of the reconciler's own metrics.</summary>
    public string FunctionName { get; init; } = "reconciler";

    /// <summary>The CloudWatch namespace of the reconciler's own metrics.</summary>
    public string MetricNamespace { get; init; } = EmfWriter.DefaultNamespace;

    /// <summary>
    /// Sets a process environment variable (the host sets _X_AMZN_TRACE_ID per invocation, as the Lambda contract
    /// asks). Replaceable so tests need not touch their own process's environment.
    /// </summary>
    public Action<string, string?> SetEnvironmentVariable { get; init; } = Environment.SetEnvironmentVariable;
}
