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
/// <param name="Resources">
/// The alarms (and "report") that depend on it, sorted: the first <see cref="MaxResourcesListed"/> of them, so that one
/// topic used by thousands of alarms cannot crowd the rest out of a size-limited report.
/// </param>
/// <param name="ResourceCount">How many depend on it in all.</param>
/// <param name="Cause">What is wrong and what follows from it, in a sentence.</param>
/// <param name="Remedy">What to do about it.</param>
internal sealed record RunWarning(
    string Check,
    string Code,
    string Subject,
    IReadOnlyList<string> Policies,
    IReadOnlyList<string> Resources,
    int ResourceCount,
    string Cause,
    string Remedy)
{
    /// <summary>How many of the dependent resources a warning lists by name.</summary>
    public const int MaxResourcesListed = 20;

    /// <summary>
    /// How the text renderers introduce <see cref="Resources"/>: "used by" (the alarms that notify a topic), or what
    /// another check's resources are to its subject. Not part of the JSON report.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string ResourcesAre { get; init; } = "used by";

    /// <summary>A warning listing at most <see cref="MaxResourcesListed"/> of <paramref name="resources"/>.</summary>
    public static RunWarning Of(string check, string code, string subject, IReadOnlyList<string> policies, IReadOnlyList<string> resources, string cause, string remedy) =>
        new(check, code, subject, policies, [.. resources.Take(MaxResourcesListed)], resources.Count, cause, remedy);
}
