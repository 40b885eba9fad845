using Reconciler.Policies;

namespace Reconciler.Planning;

/// <summary>
/// Desired X-Ray tracing per resource, gathered over every policy that selects it. Policies that agree make one
/// change (attributed to the first enforcing policy by name, so an audit policy never blocks an enforcing one);
/// policies that disagree make a <see cref="ConflictKind.PoliciesDisagree"/> conflict and no change.
/// </summary>
internal static class TracingPlanning
{
    /// <summary>The tracing changes and conflicts of all selections.</summary>
    public static PlanFragment Plan(IReadOnlyList<PolicySelection> selections)
    {
        var fragment = new PlanFragmentBuilder();
        var (changes, book) = (fragment.Changes, fragment.Book);
        var functionWishes = selections
            .Where(s => s.Policy.Tracing.Lambda is not null)
            .SelectMany(s => s.Functions.Select(f => (Resource: f, s.Policy, Mode: s.Policy.Tracing.Lambda!.Value)))
            .GroupBy(w => w.Resource.Arn, StringComparer.Ordinal);

        foreach (var wishes in functionWishes)
        {
            var function = wishes.First().Resource;
            var wanted = wishes.Select(w => (w.Policy, Value: w.Mode.ToString())).ToList();
            if (Disagree(ChangeKind.FunctionTracing, function.FunctionName, "tracing", wanted, function.Arn, fragment))
            {
                continue;
            }

            var mode = wishes.First().Mode;
            var fields = Diffing.FunctionTracing(function.Tracing, mode);
            if (fields.Count > 0)
            {
                var owner = Attribution(wanted);
                changes.Add(new PlannedChange(
                    owner.Name, ChangeKind.FunctionTracing, ChangeAction.Update, function.FunctionName, function.Arn,
                    fields, new SetFunctionTracing(function.FunctionName, mode), owner.Mode == PolicyMode.Enforce));
                MarkDrifted(wanted, function.Arn, fields, book);
            }
        }

        var stageWishes = selections
            .Where(s => s.Policy.Tracing.ApiGateway is not null)
            .SelectMany(s => s.Stages.Select(st => (Resource: st, s.Policy, Enabled: s.Policy.Tracing.ApiGateway!.Value)))
            .GroupBy(w => w.Resource.Arn, StringComparer.Ordinal);

        foreach (var wishes in stageWishes)
        {
            var stage = wishes.First().Resource;
            var wanted = wishes.Select(w => (w.Policy, Value: FieldFormat.Boolean(w.Enabled))).ToList();
            if (Disagree(ChangeKind.StageTracing, stage.Label, "tracingEnabled", wanted, stage.Arn, fragment))
            {
                continue;
            }

            var enabled = wishes.First().Enabled;
            var fields = Diffing.StageTracing(stage.TracingEnabled, enabled);
            if (fields.Count > 0)
            {
                var owner = Attribution(wanted);
                changes.Add(new PlannedChange(
                    owner.Name, ChangeKind.StageTracing, ChangeAction.Update, stage.Label, stage.Arn,
                    fields, new SetStageTracing(stage.RestApiId, stage.StageName, enabled), owner.Mode == PolicyMode.Enforce));
                MarkDrifted(wanted, stage.Arn, fields, book);
            }
        }

        return fragment.Build();
    }

    private static bool Disagree(
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

    private static ObservabilityPolicy Attribution(List<(ObservabilityPolicy Policy, string Value)> wanted) =>
        wanted.Select(w => w.Policy)
            .OrderBy(p => p.Mode == PolicyMode.Enforce ? 0 : 1)
            .ThenBy(p => p.Name, StringComparer.Ordinal)
            .First();

    private static void MarkDrifted(
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
