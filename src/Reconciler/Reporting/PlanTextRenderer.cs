using System.Text;
using Reconciler.Planning;
using Reconciler.Verification;

namespace Reconciler.Reporting;

/// <summary>
/// Renders a plan the way `terraform plan` does: one line per change with its fields, conflicts marked "!", and a
/// closing "Plan: 2 to create, 3 to update, 1 to delete, 1 conflict." line. Pure.
/// </summary>
internal static class PlanTextRenderer
{
    /// <summary>The plan as text, grouped by policy.</summary>
    /// <param name="readFailures">
    /// Parts of the account that could not be read. They are listed, and the summary says the plan is incomplete
    /// rather than "No changes": a plan made from a partial view must never read as a clean bill of health.
    /// </param>
    /// <param name="warnings">What the run's read-only checks found (notification paths): listed before the summary.</param>
    public static string Render(Plan plan, TextStyle? style = null, IReadOnlyList<string>? readFailures = null, IReadOnlyList<RunWarning>? warnings = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        style ??= TextStyle.Plain;
        var text = new StringBuilder();
        var policies = plan.Changes.Select(c => c.PolicyName)
            .Concat(plan.Resources.Select(r => r.PolicyName))
            .Concat(plan.Conflicts.SelectMany(c => c.Policies))
            .Concat(plan.Notices.Select(n => n.PolicyName))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);

        foreach (var policy in policies)
        {
            text.Append(style.Bold($"Policy {policy}")).Append('\n');
            var changes = plan.Changes.Where(c => c.PolicyName == policy)
                .OrderBy(c => RunReportBuilder.KindOf(c.Kind))
                .ThenBy(c => c.Target, StringComparer.Ordinal);
            foreach (var change in changes)
            {
                ChangeLines.Append(
                    text,
                    "  ",
                    RunReportBuilder.ActionOf(change.Action),
                    RunReportBuilder.KindOf(change.Kind),
                    change.Target,
                    [.. change.Fields.Select(f => new ReportFieldChange(f.Field, f.Before, f.After))],
                    change.Enforced ? null : "audit: not applied",
                    AlarmSummary.For(change),
                    style);
                ChangeLines.AppendCaution(text, change.Caution, style);
            }

            foreach (var conflict in plan.Conflicts.Where(c => c.Policies.Contains(policy)).OrderBy(c => c.Target, StringComparer.Ordinal))
            {
                text.Append($"  {style.Magenta("!")} conflict {conflict.Target}\n");
                ChangeLines.AppendWrapped(text, "      ", conflict.Reason);
            }

            foreach (var notice in plan.Notices.Where(n => n.PolicyName == policy).OrderBy(n => n.Message, StringComparer.Ordinal))
            {
                ChangeLines.AppendWrapped(text, "  note: ", notice.Message);
            }

            var resources = plan.Resources.Where(r => r.PolicyName == policy).ToList();
            var inSync = resources.Count(r => r.State == ResourceState.InSync);
            var excluded = resources.Count(r => r.State == ResourceState.Excluded);
            var unknown = resources.Count(r => r.State == ResourceState.Unknown);
            text.Append($"  {ChangeLines.Count(resources.Count, "resource", "resources")} selected: {inSync} in sync, {(unknown > 0 ? $"{unknown} unknown (not fully read), " : string.Empty)}{excluded} excluded\n\n");
        }

        readFailures ??= [];
        foreach (var failure in readFailures)
        {
            ChangeLines.AppendWrapped(text, $"{style.Red("!")} ", failure, "    ");
        }

        if (warnings is { Count: > 0 })
        {
            ChangeLines.AppendWrapped(text, string.Empty, $"Warnings ({warnings.Count}): what would keep what is configured from working (alarms or reports reaching no one, traces not arriving); nothing is changed for them");
            WarningLines.Append(text, warnings, style, "  ");
            text.Append('\n');
        }

        AppendSummary(text, plan, readFailures.Count);
        return text.ToString();
    }

    private static void AppendSummary(StringBuilder text, Plan plan, int readFailures)
    {
        if (readFailures > 0)
        {
            text.Append($"Incomplete plan: {ChangeLines.Count(readFailures, "read", "reads")} of the account failed (above), so resources there were not compared and nothing there is pruned.\n");
            if (plan.InSync)
            {
                return;
            }
        }

        if (plan.InSync)
        {
            var count = plan.Resources.Count(r => r.State == ResourceState.InSync);
            text.Append($"No changes. {ChangeLines.Count(count, "resource matches its policy", "resources match their policies")}.\n");
            return;
        }

        var create = plan.Changes.Count(c => c.Action == ChangeAction.Create);
        var update = plan.Changes.Count(c => c.Action == ChangeAction.Update);
        var delete = plan.Changes.Count(c => c.Action == ChangeAction.Delete);
        text.Append($"Plan: {create} to create, {update} to update, {delete} to delete");
        if (plan.Conflicts.Count > 0)
        {
            text.Append(", ").Append(ChangeLines.Count(plan.Conflicts.Count, "conflict", "conflicts"));
        }

        text.Append(".\n");
        var audit = plan.Changes.Count(c => !c.Enforced);
        if (audit > 0)
        {
            text.Append($"{ChangeLines.Count(audit, "change belongs", "changes belong")} to audit-mode policies and will not be applied.\n");
        }

        if (plan.Conflicts.Count > 0)
        {
            text.Append("Conflicts are never applied: resolve them in the policy or the account, then plan again.\n");
        }
    }
}
