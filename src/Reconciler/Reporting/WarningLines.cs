using System.Text;
using Reconciler.Verification;

namespace Reconciler.Reporting;

/// <summary>How plans and text reports print a <see cref="RunWarning"/>: what it is about, the cause, the remedy.</summary>
internal static class WarningLines
{
    // A person reads the first few names; the JSON report lists more, and the count is always exact.
    private const int ShownByName = 5;

    /// <summary>Appends one block per warning: "? topic ARN (policy …; alarms …)", then the cause and the remedy.</summary>
    public static void Append(StringBuilder text, IReadOnlyList<RunWarning> warnings, TextStyle style, string indent = "")
    {
        foreach (var warning in warnings)
        {
            var used = warning.ResourceCount switch
            {
                0 => string.Empty,
                <= ShownByName => $"; {warning.ResourcesAre} {string.Join(", ", warning.Resources)}",
                _ => $"; {warning.ResourcesAre} {string.Join(", ", warning.Resources.Take(ShownByName))} and {warning.ResourceCount - ShownByName} more",
            };
            ChangeLines.AppendWrapped(text, $"{indent}{style.Yellow("?")} ", $"{warning.Subject} (policy {string.Join(", ", warning.Policies)}{used})", indent + "    ");
            ChangeLines.AppendWrapped(text, indent + "    ", warning.Cause, indent + "    ");
            ChangeLines.AppendWrapped(text, indent + "    fix: ", warning.Remedy, indent + "    ");
        }
    }
}
