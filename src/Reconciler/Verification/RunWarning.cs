namespace Reconciler.Verification;

/// <summary>
/// Something the run found that would stop what it configured from working, although nothing it wrote is wrong: a
/// topic no one subscribes to, a key CloudWatch cannot use. Read-only findings: they are shown in the plan, the text
/// and JSON reports, and never change the exit code.
/// </summary>
/// <param name="Check">Which check found it: "notificationPath".</param>
/// <param name="Code">What was found, one word per cause (see docs/notification-checks.md): "topicMissing", …</param>
/// <param name="Subject">What it is about: for notification paths, the SNS topic ARN.</param>
/// <param name="Policies">The policies whose alarms or reports use <paramref name="Subject"/>, sorted.</param>
/// <param name="Resources">The alarms (or "report") that depend on it, sorted.</param>
/// <param name="Cause">What is wrong and what follows from it, in a sentence.</param>
/// <param name="Remedy">What to do about it.</param>
public sealed record RunWarning(
    string Check,
    string Code,
    string Subject,
    IReadOnlyList<string> Policies,
    IReadOnlyList<string> Resources,
    string Cause,
    string Remedy);
