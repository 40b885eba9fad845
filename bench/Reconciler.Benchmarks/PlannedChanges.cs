using System.Globalization;
using Reconciler.Planning;

namespace Reconciler.Benchmarks;

/// <summary>How many changes a plan holds per kind and action ("LogRetention Create 100"), sorted, for the output.</summary>
internal static class PlannedChanges
{
    public static IReadOnlyList<string> ByKind(IEnumerable<PlannedChange> changes) =>
        [.. changes
            .GroupBy(change => (change.Kind, change.Action))
            .OrderBy(group => group.Key.Kind.ToString(), StringComparer.Ordinal)
            .ThenBy(group => group.Key.Action.ToString(), StringComparer.Ordinal)
            .Select(group => string.Create(CultureInfo.InvariantCulture, $"{group.Key.Kind} {group.Key.Action} {group.Count()}"))];
}
