using Reconciler.Actuation;
using Reconciler.Planning;
using Reconciler.Policies;
using Reconciler.Reporting;

namespace Reconciler.Reconciliation;

/// <summary>What one run is asked to do.</summary>
/// <param name="Policies">The validated policies in force (all of them, or the one a manual invoke named).</param>
/// <param name="Apply">False for plan: observe and diff only.</param>
/// <param name="DryRun">With <paramref name="Apply"/>: plan and report as if applying, but write nothing.</param>
/// <param name="Deadline">No write starts at or after this instant.</param>
/// <param name="MaxChanges">maxChangesPerRun.</param>
/// <param name="AlarmNamePrefix">First segment of every managed alarm name, and this deployment's owner id.</param>
/// <param name="PoliciesOutsideRun">
/// Policies that were loaded but left out of this run (--policy): their alarms are neither pruned nor reported as
/// belonging to a missing policy.
/// </param>
/// <param name="ReportTopics">
/// Where the host sends this run's reports besides the policies' own topics (--report-topic, REPORT_TOPIC_ARN): the
/// notification-path check reads those topics too. Null when the host publishes no report (plan, the demo's runs).
/// </param>
internal sealed record ReconcileRequest(
    IReadOnlyList<ObservabilityPolicy> Policies,
    bool Apply,
    bool DryRun,
    DateTimeOffset Deadline,
    int MaxChanges = ApplyOptions.DefaultMaxChanges,
    string AlarmNamePrefix = PlanningOptions.DefaultAlarmNamePrefix,
    IReadOnlySet<string>? PoliciesOutsideRun = null,
    ReportTopics? ReportTopics = null);
