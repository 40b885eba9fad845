using Reconciler.Telemetry;

namespace Reconciler.Hosting.Lambda;

/// <summary>Builds the invocation handler that runs the reconcile engine with the function's settings.</summary>
public static class ReconcileHandlerFactory
{
    /// <summary>
    /// Creates the handler. Called once per sandbox, during init: a throw here becomes the function's init error.
    /// </summary>
    /// <remarks>
    /// BRANCH-ONLY PLACEHOLDER (hosting branch): the reconcile engine is not on this branch yet, so the handler
    /// answers every invocation with an "engine not wired" failure instead of pretending to run. The lead replaces
    /// this body with the real engine call before merging to main.
    /// </remarks>
    public static InvocationHandler Create(LambdaSettings settings, LambdaHostOptions hostOptions)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(hostOptions);
        return (invocation, _) =>
        {
            var log = new RunLogger(hostOptions.Output, hostOptions.TimeProvider, invocation.RequestId, settings.LogLevel);
            log.Error(null, "The reconcile engine is not wired into the Lambda host on this build; nothing was read or changed");
            return Task.FromResult(InvocationResult.Failure(
                "{\"error\":\"engine not wired: this build of the reconciler has no reconcile engine; nothing was read or changed\"}"));
        };
    }
}
