namespace Reconciler.Planning;

/// <summary>
/// How the reconciler marks what it owns, where reading it back is free: in an alarm's AlarmDescription (returned by
/// DescribeAlarms) and in the markdown of a dashboard's first text widget (returned by GetDashboard). Tags are set
/// too, but reading them costs a call per object, so ownership decisions use the marker only.
/// </summary>
public static class OwnershipMarker
{
    /// <summary>Value of the managed-by tag and the name used in human sentences.</summary>
    public const string ManagerName = "observability-reconciler";

    /// <summary>Key of the tag naming the manager.</summary>
    public const string ManagedByTagKey = "managed-by";

    /// <summary>Key of the tag naming the owning policy.</summary>
    public const string PolicyTagKey = "reconciler:policy";

    private const string MarkerStart = "[reconciler:policy=";

    /// <summary>The machine-readable marker: "[reconciler:policy=&lt;name&gt;]".</summary>
    public static string Marker(string policyName) => $"{MarkerStart}{policyName}]";

    /// <summary>The full alarm description: a sentence for people, then the marker.</summary>
    public static string AlarmDescription(string policyName, string purpose) =>
        $"{purpose} Managed by {ManagerName} (policy {policyName}). Edit the policy, not this alarm. {Marker(policyName)}";

    /// <summary>The tags every owned alarm carries, sorted by key.</summary>
    public static IReadOnlyList<ResourceTag> Tags(string policyName) =>
        [new(ManagedByTagKey, ManagerName), new(PolicyTagKey, policyName)];

    /// <summary>
    /// Reads the owning policy from a text carrying the marker (alarm description, dashboard markdown).
    /// The last marker wins, so a person may quote an old marker earlier in the text without confusing ownership.
    /// </summary>
    public static bool TryReadOwner(string? description, out string policyName)
    {
        policyName = string.Empty;
        if (string.IsNullOrEmpty(description))
        {
            return false;
        }

        var start = description.LastIndexOf(MarkerStart, StringComparison.Ordinal);
        if (start < 0)
        {
            return false;
        }

        var nameStart = start + MarkerStart.Length;
        var end = description.IndexOf(']', nameStart);
        if (end <= nameStart)
        {
            return false;
        }

        var name = description[nameStart..end];
        if (!name.All(IsPolicyNameChar))
        {
            return false;
        }

        policyName = name;
        return true;
    }

    /// <summary>
    /// Reads the owning policy from a dashboard body: the marker in the markdown of a text widget.
    /// False for bodies that are not JSON or carry no marker.
    /// </summary>
    public static bool TryReadDashboardOwner(string? body, out string policyName) =>
        DashboardRendering.TryReadOwner(body, out policyName);

    // Policy names are lowercase letters, digits and '-'; accepting only those keeps "[reconciler:policy=a b]"
    // typed by a person from counting as a marker.
    private static bool IsPolicyNameChar(char c) => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-';
}
