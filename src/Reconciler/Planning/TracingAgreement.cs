using Reconciler.Policies;

namespace Reconciler.Planning;

/// <summary>
/// What the tracing kinds share: desired tracing per resource is gathered over every policy that selects it.
/// Policies that agree make one change (attributed to the first enforcing policy by name, so an audit policy never
/// blocks an enforcing one); policies that disagree make a <see cref="ConflictKind.PoliciesDisagree"/> conflict and no
/// change.
/// </summary>
internal static class TracingAgreement
{
    /// <summary>
    /// Why the policies in <paramref name="wanted"/> cannot all have their way with <paramref name="field"/> of
    /// <paramref name="target"/>, or null when they want the same value. Pure: the kinds' diff functions call it.
    /// </summary>
    public static string? Disagreement(string target, string field, IEnumerable<(ObservabilityPolicy Policy, string Value)> wanted)
    {
        var ordered = wanted.OrderBy(w => w.Policy.Name, StringComparer.Ordinal).ToList();
        if (ordered.Select(w => w.Value).Distinct(StringComparer.Ordinal).Count() <= 1)
        {
            return null;
        }

        var wishes = string.Join(", ", ordered.Select(w => $"policy {w.Policy.Name} ({w.Policy.Source.File}) wants {w.Value}"));
        return $"Policies disagree on {field} of {target}: {wishes}. Neither is applied. Make the policies agree, or exclude {target} from all but one of them.";
    }

    /// <summary>
    /// Records a disagreement (<paramref name="reason"/>, from <see cref="Disagreement"/>): one
    /// <see cref="ConflictKind.PoliciesDisagree"/> conflict and a conflict mark for every policy involved.
    /// </summary>
    public static void AddConflict(
        ChangeKind kind,
        string target,
        string field,
        string reason,
        IEnumerable<ObservabilityPolicy> policies,
        string arn,
        PlanFragmentBuilder fragment)
    {
        var ordered = policies.OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
        fragment.Conflicts.Add(new PlanConflict(ConflictKind.PoliciesDisagree, target, [.. ordered.Select(p => p.Name)], reason, kind));
        foreach (var policy in ordered)
        {
            fragment.Book.MarkConflict(policy.Name, arn, $"policies disagree on {field}");
        }
    }

    /// <summary>The policy a change that several agreeing policies want is attributed to.</summary>
    public static ObservabilityPolicy Attribution(IEnumerable<ObservabilityPolicy> policies) =>
        policies
            .OrderBy(p => p.Mode == PolicyMode.Enforce ? 0 : 1)
            .ThenBy(p => p.Name, StringComparer.Ordinal)
            .First();

    /// <summary>Marks the resource drifted under every policy that wants the change, once per field.</summary>
    public static void MarkDrifted(
        IEnumerable<ObservabilityPolicy> policies, string arn, IReadOnlyList<FieldDiff> fields, ResourceBook book)
    {
        foreach (var policy in policies)
        {
            foreach (var field in fields)
            {
                book.MarkDrifted(policy.Name, arn, $"{field.Field}: {field.Before} -> {field.After}");
            }
        }
    }
}
