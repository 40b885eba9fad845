using System.Globalization;

namespace Reconciler.Reconciliation;

/// <summary>Correlation ids for runs and drills outside Lambda (inside, the request id is the run id).</summary>
internal static class RunIds
{
    /// <summary>
    /// "run-20261125T120501Z-3f9a1c" (or "drill-…" with <paramref name="kind"/> "drill"): sortable by time, unique
    /// enough to grep logs and reports by.
    /// </summary>
    public static string New(TimeProvider time, string kind = "run") =>
        string.Create(CultureInfo.InvariantCulture, $"{kind}-{time.GetUtcNow():yyyyMMdd'T'HHmmss'Z'}-{Guid.NewGuid().ToString("N")[..6]}");
}
