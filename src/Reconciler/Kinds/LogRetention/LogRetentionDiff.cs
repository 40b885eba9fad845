using Reconciler.Planning;
using Reconciler.Policies;

namespace Reconciler.Kinds.LogRetention;

/// <summary>
/// How a log group's retention is diffed: what every policy selecting a function that writes to it wants against the
/// retention CloudWatch Logs reports. The reconciler never deletes a log group, so the result is a create (the group
/// does not exist yet), an update, in sync, or a <see cref="ConflictKind.PoliciesDisagree"/> conflict when the
/// policies want different retentions (one function selected by two policies, or a log group several functions share).
/// </summary>
internal static class LogRetentionDiff
{
    /// <summary>The field a retention change names.</summary>
    public const string Field = "retention";

    /// <summary>
    /// The diff of log group <paramref name="logGroupName"/>, used by <paramref name="functionNames"/>;
    /// <paramref name="observed"/> is null when the group does not exist.
    /// </summary>
    public static KindDiff Diff(
        string logGroupName,
        IReadOnlyList<string> functionNames,
        IReadOnlyList<(ObservabilityPolicy Policy, int Days)> wanted,
        ObservedLogGroup? observed)
    {
        ArgumentOutOfRangeException.ThrowIfZero(wanted.Count);
        ArgumentNullException.ThrowIfNull(functionNames);
        var desired = wanted.Select(w => w.Days).Distinct().ToList();
        if (desired.Count > 1)
        {
            return new KindDiff.Conflict(ConflictKind.PoliciesDisagree, Disagreement(logGroupName, functionNames, wanted));
        }

        var days = desired[0];
        return observed is null
            ? new KindDiff.Create([new FieldDiff(Field, null, LogRetentionDays.Describe(days))])
            : observed.RetentionDays == days
                ? new KindDiff.InSync()
                : new KindDiff.Update([new FieldDiff(Field, LogRetentionDays.Describe(observed.RetentionDays), LogRetentionDays.Describe(days))], Claim: null);
    }

    /// <summary>
    /// The caution a change from <paramref name="before"/> to <paramref name="after"/> days carries when CloudWatch
    /// Logs will delete events it keeps today; null when nothing is deleted.
    /// </summary>
    public static string? Caution(string logGroupName, int? before, int after) =>
        LogRetentionDays.Shortens(before, after)
            ? $"deletes log data: CloudWatch Logs removes the events of {logGroupName} older than {LogRetentionDays.Describe(after)} ({(before is null ? "today they never expire" : $"today they are kept {LogRetentionDays.Describe(before)}")})"
            : null;

    private static string Disagreement(string logGroupName, IReadOnlyList<string> functionNames, IEnumerable<(ObservabilityPolicy Policy, int Days)> wanted)
    {
        var wishes = string.Join(", ", wanted
            .OrderBy(w => w.Policy.Name, StringComparer.Ordinal)
            .DistinctBy(w => w.Policy.Name)
            .Select(w => $"policy {w.Policy.Name} ({w.Policy.Source.File}) wants {LogRetentionDays.Describe(w.Days)}"));
        var users = string.Join(", ", functionNames.Order(StringComparer.Ordinal));
        return $"Policies disagree on the retention of log group {logGroupName} (used by {users}): {wishes}. Neither is applied. "
            + "Make the policies agree, exclude the functions from all but one of them, or give the functions separate log groups (LoggingConfig.LogGroup).";
    }
}
