using Reconciler.Kinds;
using Reconciler.Policies;

namespace Reconciler.Planning;

/// <summary>
/// What the kinds that set one field of a resource several policies may select share (tracing of functions and stages,
/// the functions' logging, log group retention): the desired value is gathered over every policy that selects it.
/// Policies that agree make one change (attributed to the first enforcing policy by name, so an audit policy never
/// blocks an enforcing one); policies that disagree make a <see cref="ConflictKind.PoliciesDisagree"/> conflict and no
/// change.
/// </summary>
internal static class FieldAgreement
{
    /// <summary>
    /// Each resource some policy sets this field for, with every policy's wish, in the order the selections
    /// first name the resource.
    /// </summary>
    /// <param name="resources">The resources of one selection this kind manages (its functions, its stages).</param>
    /// <param name="wish">What a policy wants for the field, or null when it leaves it unmanaged.</param>
    /// <param name="arn">A resource's identity across policies.</param>
    public static IEnumerable<(TResource Resource, IReadOnlyList<(ObservabilityPolicy Policy, T Value)> Wanted)> Wishes<TResource, T>(
        IEnumerable<PolicySelection> selections,
        Func<PolicySelection, IEnumerable<TResource>> resources,
        Func<ObservabilityPolicy, T?> wish,
        Func<TResource, string> arn)
        where T : struct =>
        selections
            .Where(s => wish(s.Policy) is not null)
            .SelectMany(s => resources(s).Select(resource => (Resource: resource, s.Policy, Value: wish(s.Policy)!.Value)))
            .GroupBy(w => arn(w.Resource), StringComparer.Ordinal)
            .Select(group => (group.First().Resource, (IReadOnlyList<(ObservabilityPolicy, T)>)[.. group.Select(w => (w.Policy, w.Value))]));

    /// <summary>
    /// The diff of one field of one resource: a <see cref="ConflictKind.PoliciesDisagree"/> conflict when the
    /// policies want different values, else an update or in sync; <paramref name="format"/> renders a value the way the
    /// plan shows it.
    /// </summary>
    public static KindDiff Diff<T>(
        string target, string field, IReadOnlyList<(ObservabilityPolicy Policy, T Value)> wanted, T observed, Func<T, string> format)
    {
        ArgumentOutOfRangeException.ThrowIfZero(wanted.Count);
        if (Disagreement(target, field, wanted.Select(w => (w.Policy, format(w.Value)))) is { } reason)
        {
            return new KindDiff.Conflict(ConflictKind.PoliciesDisagree, reason);
        }

        var desired = wanted[0].Value;
        return EqualityComparer<T>.Default.Equals(desired, observed)
            ? new KindDiff.InSync()
            : new KindDiff.Update([new FieldDiff(field, format(observed), format(desired))], Claim: null);
    }

    /// <summary>
    /// Puts a field's diff into <paramref name="fragment"/>: a conflict with its marks, or the change (attributed by
    /// <see cref="Attribution"/>, made with <paramref name="payload"/>) and the drift marks; nothing when in sync.
    /// </summary>
    public static void Record(
        KindDiff diff,
        ChangeKind kind,
        string target,
        string field,
        string arn,
        IReadOnlyList<ObservabilityPolicy> policies,
        Func<ChangePayload> payload,
        PlanFragmentBuilder fragment)
    {
        switch (diff)
        {
            case KindDiff.Conflict conflict:
                AddConflict(kind, target, field, conflict.Reason, policies, arn, fragment);
                break;
            case KindDiff.Update update:
                var owner = Attribution(policies);
                fragment.Changes.Add(new PlannedChange(
                    owner.Name, kind, ChangeAction.Update, target, arn, update.Fields, payload(), owner.Mode == PolicyMode.Enforce));
                MarkDrifted(policies, arn, update.Fields, fragment.Book);
                break;
            case KindDiff.InSync:
                break;
            default:
                throw new InvalidOperationException($"{kind} plans no {diff.GetType().Name}");
        }
    }

    /// <summary>
    /// Why the policies in <paramref name="wanted"/> cannot all have their way with <paramref name="field"/> of
    /// <paramref name="target"/>, or null when they want the same value. Pure.
    /// </summary>
    internal static string? Disagreement(string target, string field, IEnumerable<(ObservabilityPolicy Policy, string Value)> wanted)
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
    private static void AddConflict(
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
    internal static ObservabilityPolicy Attribution(IEnumerable<ObservabilityPolicy> policies) =>
        policies
            .OrderBy(p => p.Mode == PolicyMode.Enforce ? 0 : 1)
            .ThenBy(p => p.Name, StringComparer.Ordinal)
            .First();

    /// <summary>Marks the resource drifted under every policy that wants the change, once per field.</summary>
    private static void MarkDrifted(
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
