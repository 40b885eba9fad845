namespace Reconciler.Planning;

/// <summary>
/// How the reconciler marks what it owns. The marker is written where reading it back is free (an alarm's
/// AlarmDescription, returned by DescribeAlarms; the markdown of a dashboard's text widget, returned by GetDashboard),
/// and the same claim is written as tags. The marker names the deployment (its owner id, the alarm name prefix) and
/// the policy, so two deployments whose prefixes overlap ("reconciler" and "reconciler-eu") never take each other's
/// objects for their own. Text can be copied by hand, tags rarely are: before an owned object is updated or deleted,
/// its tags must carry the same claim (see <see cref="OwnershipProof"/>).
/// </summary>
internal static class OwnershipMarker
{
    /// <summary>Value of the managed-by tag and the name used in human sentences.</summary>
    public const string ManagerName = "observability-reconciler";

    /// <summary>Key of the tag naming the manager.</summary>
    public const string ManagedByTagKey = "managed-by";

    /// <summary>Key of the tag naming the owning deployment (its owner id).</summary>
    public const string OwnerTagKey = "reconciler:owner";

    /// <summary>Key of the tag naming the owning policy.</summary>
    public const string PolicyTagKey = "reconciler:policy";

    private const string MarkerStart = "[reconciler:";
    private const string OwnerField = "owner=";
    private const string PolicyField = "policy=";

    /// <summary>The machine-readable marker: "[reconciler:owner=&lt;owner&gt;;policy=&lt;name&gt;]".</summary>
    public static string Marker(string owner, string policyName) => $"{MarkerStart}{OwnerField}{owner};{PolicyField}{policyName}]";

    /// <summary>CloudWatch's limit on AlarmDescription (PutMetricAlarm refuses longer ones with a ValidationError).</summary>
    public const int MaxAlarmDescriptionLength = 1024;

    /// <summary>
    /// The full alarm description: a sentence for people, then the marker. A purpose that would push it past
    /// <see cref="MaxAlarmDescriptionLength"/> (a very long API or stage name) is shortened; the marker never is.
    /// </summary>
    public static string AlarmDescription(string owner, string policyName, string purpose)
    {
        var rest = $" Managed by {ManagerName} (deployment {owner}, policy {policyName}). Edit the policy, not this alarm. {Marker(owner, policyName)}";
        var room = MaxAlarmDescriptionLength - rest.Length;
        if (purpose.Length > room)
        {
            purpose = string.Concat(purpose.AsSpan(0, Math.Max(0, room - 3)), "...");
        }

        return purpose + rest;
    }

    /// <summary>The tags every owned object carries, sorted by key.</summary>
    public static IReadOnlyList<ResourceTag> Tags(string owner, string policyName) =>
        [new(ManagedByTagKey, ManagerName), new(OwnerTagKey, owner), new(PolicyTagKey, policyName)];

    /// <summary>
    /// Reads the claim from a text carrying the marker (alarm description, dashboard markdown). The last marker wins,
    /// so a person may quote an old marker earlier in the text without confusing ownership. Markers written before
    /// ownership named the deployment ("[reconciler:policy=&lt;name&gt;]") read as a claim with no owner.
    /// </summary>
    public static bool TryRead(string? text, out OwnershipClaim claim)
    {
        claim = new OwnershipClaim(string.Empty, null);
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var start = text.LastIndexOf(MarkerStart, StringComparison.Ordinal);
        if (start < 0)
        {
            return false;
        }

        var fieldsStart = start + MarkerStart.Length;
        var end = text.IndexOf(']', fieldsStart);
        if (end <= fieldsStart)
        {
            return false;
        }

        string? owner = null;
        string? policy = null;
        foreach (var field in text[fieldsStart..end].Split(';'))
        {
            if (field.StartsWith(OwnerField, StringComparison.Ordinal) && owner is null)
            {
                owner = field[OwnerField.Length..];
            }
            else if (field.StartsWith(PolicyField, StringComparison.Ordinal) && policy is null)
            {
                policy = field[PolicyField.Length..];
            }
            else
            {
                return false;
            }
        }

        if (policy is not { Length: > 0 } || !policy.All(IsPolicyNameChar) || (owner is not null && (owner.Length == 0 || !owner.All(IsOwnerChar))))
        {
            return false;
        }

        claim = new OwnershipClaim(policy, owner);
        return true;
    }

    /// <summary>Reads the owning policy from a marker text, whichever deployment wrote it.</summary>
    public static bool TryReadOwner(string? text, out string policyName)
    {
        var found = TryRead(text, out var claim);
        policyName = claim.PolicyName;
        return found;
    }

    /// <summary>
    /// Reads the owning policy from a dashboard body: the marker in the markdown of a text widget.
    /// False for bodies that are not JSON or carry no marker.
    /// </summary>
    public static bool TryReadDashboardOwner(string? body, out string policyName)
    {
        var found = DashboardRendering.TryReadClaim(body, out var claim);
        policyName = claim.PolicyName;
        return found;
    }

    // Policy names are lowercase letters, digits and '-'; accepting only those keeps "[reconciler:policy=a b]"
    // typed by a person from counting as a marker.
    private static bool IsPolicyNameChar(char c) => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-';

    // Owner ids are alarm name prefixes: the characters alarm names keep (see AlarmNaming).
    private static bool IsOwnerChar(char c) => c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '_' or '-';
}

/// <summary>
/// Who a marker says owns an object: a policy, and the deployment (owner id) that wrote it. <see cref="Owner"/> is
/// null for markers written before ownership named the deployment.
/// </summary>
internal sealed record OwnershipClaim(string PolicyName, string? Owner)
{
    /// <summary>True for a marker of an earlier version, which did not name its deployment.</summary>
    public bool IsLegacy => Owner is null;
}
