using System.Globalization;

namespace Reconciler.Drill;

/// <summary>Drill run ids: "drill-20261125T120501Z-3f9a1c", sortable by time.</summary>
internal static class DrillIds
{
    /// <summary>A new id.</summary>
    public static string New(TimeProvider time) =>
        string.Create(CultureInfo.InvariantCulture, $"drill-{time.GetUtcNow():yyyyMMdd'T'HHmmss'Z'}-{Guid.NewGuid().ToString("N")[..6]}");
}
