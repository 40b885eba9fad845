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
    /// True, with a conflict and a conflict mark for every policy involved, when the policies in
    /// <paramref name="wanted"/> want different values of <paramref name="field"/>.
    /// </summary>
    public static bool Disagree(
        ChangeKind kind,
        string target,
        string field,
        List<(ObservabilityPolicy Policy, string Value)> wanted,
        string arn,
        PlanFragmentBuilder fragment)
    {
        if (wanted.Select(w => w.Value).Distinct(StringComparer.Ordinal).Count() <= 1)
        {
            return false;
        }

        var ordered = wanted.OrderBy(w => w.Policy.Name, StringComparer.Ordinal).ToList();
        var wishes = string.Join(", ", ordered.Select(w => $"policy {w.Policy.Name} ({w.Policy.Source.File}) wants {w.Value}"));
        fragment.Conflicts.Add(new PlanConflict(
            ConflictKind.PoliciesDisagree,
            target,
            [.. ordered.Select(w => w.Policy.Name)],
            $"Policies disagree on {field} of {target}: {wishes}. Neither is applied. Make the policies agree, or exclude {target} from all but one of them.",
            kind));
        foreach (var (policy, _) in ordered)
        {
            fragment.Book.MarkConflict(policy.Name, arn, $"policies disagree on {field}");
        }

        return true;
    }

    /// <summary>The policy a change that several agreeing policies want is attributed to.</summary>
    public static ObservabilityPolicy Attribution(List<(ObservabilityPolicy Policy, string Value)> wanted) =>
        wanted.Select(w => w.Policy)
            .OrderBy(p => p.Mode == PolicyMode.Enforce ? 0 : 1)
            .ThenBy(p => p.Name, StringComparer.Ordinal)
            .First();

    /// <summary>Marks the resource drifted under every policy that wants the change, once per field.</summary>
    public static void MarkDrifted(
        List<(ObservabilityPolicy Policy, string Value)> wanted, string arn, IReadOnlyList<FieldDiff> fields, ResourceBook book)
    {
        foreach (var (policy, _) in wanted)
        {
            foreach (var field in fields)
            {
                book.MarkDrifted(policy.Name, arn, $"{field.Field}: {field.Before} -> {field.After}");
            }
        }
    }
}
