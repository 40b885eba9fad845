using Reconciler.Policies;

namespace Reconciler.Drill;

/// <summary>What to drill.</summary>
/// <param name="RunId">The drill's id ("drill-…"), written into every state reason.</param>
/// <param name="Policies">The policies whose owned alarms are drilled.</param>
/// <param name="Globs">--alarm globs on alarm names; empty: every owned alarm of those policies.</param>
/// <param name="Owner">This deployment's owner id (the alarm name prefix, ALARM_NAME_PREFIX).</param>
/// <param name="Execute">False (no --yes): list what would be drilled, change nothing.</param>
/// <param name="VerifyDelivery">Also prove SNS delivered, through a temporary SQS queue.</param>
internal sealed record DrillRequest(
    string RunId,
    IReadOnlyList<ObservabilityPolicy> Policies,
    IReadOnlyList<string> Globs,
    string Owner,
    bool Execute,
    bool VerifyDelivery);

/// <summary>A drill that could not start (the alarms could not be listed); the message says why and what to do.</summary>
internal sealed class DrillException(string message, Exception? innerException = null) : Exception(message, innerException);
