using Reconciler.Planning;
using Reconciler.Policies;

namespace Reconciler.Kinds.LogRetention;

/// <summary>
/// The retention of each selected function's log group (its LoggingConfig.LogGroup, else /aws/lambda/&lt;name&gt;),
/// gathered over every policy that selects a function writing to it and diffed by <see cref="LogRetentionDiff"/>. A
/// log group the listing could not read is left alone and its functions' state is unknown; a missing one is created.
/// The change is marked on each function that writes to the group, under each policy that wants it.
/// </summary>
internal sealed class LogRetentionPlanning : IKindPlanning
{
    /// <inheritdoc />
    public PlanFragment Unobserved(PlanningContext context) => PlanFragment.Empty;

    /// <inheritdoc />
    public PlanFragment Plan(PlanningContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var fragment = new PlanFragmentBuilder();
        foreach (var group in Users(context.Selections))
        {
            var policies = group.Users.Select(user => user.Policy).DistinctBy(policy => policy.Name).ToList();
            if (!context.Observation.Slot<ObservedLogGroups>().ByName.TryGetValue(group.Name, out var observed))
            {
                foreach (var (policy, function) in group.Users)
                {
                    fragment.Book.MarkUnknown(policy.Name, function.Arn, $"log group {group.Name} could not be listed, so its retention is unknown");
                }

                continue;
            }

            var functionNames = group.Users.Select(user => user.Function.FunctionName).Distinct(StringComparer.Ordinal).ToList();
            var wanted = group.Users.Select(user => (user.Policy, user.Policy.Section<LogsSpec>().RetentionDays!.Value)).ToList();
            Record(LogRetentionDiff.Diff(group.Name, functionNames, wanted, observed), group, policies, observed, context.Options, fragment);
        }

        return fragment.Build();
    }

    private static void Record(
        KindDiff diff,
        LogGroupUsers group,
        IReadOnlyList<ObservabilityPolicy> policies,
        ObservedLogGroup? observed,
        PlanningOptions options,
        PlanFragmentBuilder fragment)
    {
        switch (diff)
        {
            case KindDiff.Conflict conflict:
                fragment.Conflicts.Add(new PlanConflict(
                    conflict.Kind, group.Name, [.. policies.Select(p => p.Name).Order(StringComparer.Ordinal)], conflict.Reason, ChangeKind.LogRetention));
                foreach (var (policy, function) in group.Users)
                {
                    fragment.Book.MarkConflict(policy.Name, function.Arn, $"policies disagree on the retention of log group {group.Name}");
                }

                break;
            case KindDiff.Create create:
                Add(group, policies, ChangeAction.Create, create.Fields, observed, options, fragment);
                break;
            case KindDiff.Update update:
                Add(group, policies, ChangeAction.Update, update.Fields, observed, options, fragment);
                break;
            case KindDiff.InSync:
                break;
            default:
                throw new InvalidOperationException($"{ChangeKind.LogRetention} plans no {diff.GetType().Name}");
        }
    }

    private static void Add(
        LogGroupUsers group,
        IReadOnlyList<ObservabilityPolicy> policies,
        ChangeAction action,
        IReadOnlyList<FieldDiff> fields,
        ObservedLogGroup? observed,
        PlanningOptions options,
        PlanFragmentBuilder fragment)
    {
        var owner = FieldAgreement.Attribution(policies);
        var days = owner.Section<LogsSpec>().RetentionDays!.Value;
        ChangePayload payload = observed is null
            ? new CreateLogGroup(group.Name, days, OwnershipMarker.Tags(options.Owner, owner.Name))
            : new SetLogRetention(group.Name, days);
        var arn = observed?.Arn ?? (options.AccountId is { } account ? Arns.LogGroup(options.Region, account, group.Name) : null);
        fragment.Changes.Add(new PlannedChange(owner.Name, ChangeKind.LogRetention, action, group.Name, arn, fields, payload, owner.Mode == PolicyMode.Enforce)
        {
            Caution = observed is null ? null : LogRetentionDiff.Caution(group.Name, observed.RetentionDays, days),
        });
        foreach (var (policy, function) in group.Users)
        {
            foreach (var field in fields)
            {
                fragment.Book.MarkDrifted(policy.Name, function.Arn, action == ChangeAction.Create
                    ? $"log group {group.Name} missing"
                    : $"log group {group.Name} {field.Field}: {field.Before} -> {field.After}");
            }
        }
    }

    /// <summary>
    /// Every log group some policy sets the retention of, with the functions (and their policies) that write to it,
    /// in log group name order.
    /// </summary>
    private static IEnumerable<LogGroupUsers> Users(IEnumerable<PolicySelection> selections) =>
        selections
            .Where(selection => selection.Policy.Section<LogsSpec>().RetentionDays is not null)
            .SelectMany(selection => selection.Functions.Select(function => (selection.Policy, Function: function)))
            .GroupBy(user => user.Function.Logging.LogGroup, StringComparer.Ordinal)
            .OrderBy(group => group.Key, StringComparer.Ordinal)
            .Select(group => new LogGroupUsers(group.Key, [.. group]));

    private sealed record LogGroupUsers(string Name, IReadOnlyList<(ObservabilityPolicy Policy, ObservedFunction Function)> Users);
}
