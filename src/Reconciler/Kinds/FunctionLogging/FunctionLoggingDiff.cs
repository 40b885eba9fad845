using Reconciler.Planning;
using Reconciler.Policies;

namespace Reconciler.Kinds.FunctionLogging;

/// <summary>
/// How a function's LoggingConfig is diffed: for each member some policy manages (logFormat, applicationLogLevel,
/// systemLogLevel), what every policy selecting the function wants against what Lambda reports. A function is never
/// the reconciler's to create or delete, so the result is an update of the members that differ, in sync, or a
/// <see cref="ConflictKind.PoliciesDisagree"/> conflict when the policies want different values of any member.
/// </summary>
internal static class FunctionLoggingDiff
{
    /// <summary>The word conflict marks use for the function's logging configuration.</summary>
    public const string Field = "logging";

    /// <summary>The plan's field for LoggingConfig.LogFormat.</summary>
    public const string FormatField = "logFormat";

    /// <summary>The plan's field for LoggingConfig.ApplicationLogLevel.</summary>
    public const string ApplicationLevelField = "applicationLogLevel";

    /// <summary>The plan's field for LoggingConfig.SystemLogLevel.</summary>
    public const string SystemLevelField = "systemLogLevel";

    /// <summary>
    /// The diff of <paramref name="functionName"/>'s logging; <paramref name="wanted"/> holds the policies that manage
    /// some member of it (at least one).
    /// </summary>
    public static KindDiff Diff(string functionName, IReadOnlyList<(ObservabilityPolicy Policy, LogsSpec Logs)> wanted, ObservedLogging observed)
    {
        ArgumentOutOfRangeException.ThrowIfZero(wanted.Count);
        ArgumentNullException.ThrowIfNull(observed);
        var fields = new List<FieldDiff>();
        var disagreements = new List<string>();
        foreach (var (field, desired, current) in Members(wanted, observed))
        {
            if (desired.Count == 0)
            {
                continue;
            }

            if (FieldAgreement.Disagreement(functionName, field, desired) is { } reason)
            {
                disagreements.Add(reason);
                continue;
            }

            var value = desired[0].Value;
            if (!string.Equals(value, current, StringComparison.Ordinal))
            {
                fields.Add(new FieldDiff(field, current, value));
            }
        }

        return disagreements.Count > 0 ? new KindDiff.Conflict(ConflictKind.PoliciesDisagree, string.Join(" ", disagreements))
            : fields.Count > 0 ? new KindDiff.Update(fields, Claim: null)
            : new KindDiff.InSync();
    }

    /// <summary>The payload that writes what the agreeing policies want: every member some policy manages.</summary>
    public static SetFunctionLogging Payload(string functionName, IReadOnlyList<(ObservabilityPolicy Policy, LogsSpec Logs)> wanted) =>
        new(functionName, FirstWish(wanted, FormatOf), FirstWish(wanted, ApplicationLevelOf), FirstWish(wanted, SystemLevelOf));

    private static IEnumerable<(string Field, IReadOnlyList<(ObservabilityPolicy Policy, string Value)> Desired, string? Current)> Members(
        IReadOnlyList<(ObservabilityPolicy Policy, LogsSpec Logs)> wanted, ObservedLogging observed)
    {
        yield return (FormatField, Wishes(wanted, FormatOf), observed.Format);
        yield return (ApplicationLevelField, Wishes(wanted, ApplicationLevelOf), observed.ApplicationLogLevel);
        yield return (SystemLevelField, Wishes(wanted, SystemLevelOf), observed.SystemLogLevel);
    }

    // Each member as Lambda spells it, or null when the policy leaves it unmanaged.
    private static string? FormatOf(LogsSpec logs) => logs.Format is { } format ? PolicyVocabulary.LogFormatName(format) : null;

    private static string? ApplicationLevelOf(LogsSpec logs) =>
        logs.ApplicationLogLevel is { } level ? PolicyVocabulary.ApplicationLogLevelName(level) : null;

    private static string? SystemLevelOf(LogsSpec logs) => logs.SystemLogLevel is { } level ? PolicyVocabulary.SystemLogLevelName(level) : null;

    private static IReadOnlyList<(ObservabilityPolicy Policy, string Value)> Wishes(
        IEnumerable<(ObservabilityPolicy Policy, LogsSpec Logs)> wanted, Func<LogsSpec, string?> member) =>
        [.. wanted.Select(w => (w.Policy, Value: member(w.Logs))).Where(w => w.Value is not null).Select(w => (w.Policy, w.Value!))];

    private static string? FirstWish(IEnumerable<(ObservabilityPolicy Policy, LogsSpec Logs)> wanted, Func<LogsSpec, string?> member) =>
        wanted.Select(w => member(w.Logs)).FirstOrDefault(value => value is not null);
}
