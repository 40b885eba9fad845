using System.Security.Cryptography;
using System.Text;

namespace Reconciler.Planning;

/// <summary>
/// Stable alarm names: <c>&lt;prefix&gt;-&lt;policy&gt;-&lt;resource&gt;-&lt;rule&gt;</c>, never the threshold, so a
/// threshold change updates the alarm in place instead of leaving an orphan.
/// <list type="bullet">
/// <item>A function renders as its name (<c>ManageProjects</c>).</item>
/// <item>A REST API stage renders as <c>&lt;apiName&gt;/&lt;stage&gt;</c> (<c>ProjectManagementAPI/prod</c>), the same
/// spelling exclusions use. Lambda function names cannot contain '/', and a '/' inside an API name is replaced (see
/// below), so exactly one '/' means "stage" and none means "function": a function named "api-prod" and the stage
/// "prod" of API "api" can never share a name.</item>
/// <item>Each part keeps only <c>A-Z a-z 0-9 . _ -</c> (all allowed by CloudWatch, safe in ARNs, URLs and
/// dashboard JSON); any other character becomes '_'. Two names made equal by this are reported as a
/// <see cref="ConflictKind.NameCollision"/>, never merged.</item>
/// <item>Names longer than 255 characters (CloudWatch's limit) keep their first 246 characters, then '-' and the
/// first 8 hex digits of the SHA-256 of the full name: stable from run to run, distinct for distinct long names.</item>
/// </list>
/// </summary>
internal static class AlarmNaming
{
    /// <summary>CloudWatch's maximum alarm name length.</summary>
    public const int MaxLength = 255;

    private const int HashLength = 8;

    /// <summary>The name of a function's alarm.</summary>
    public static string ForFunction(string prefix, string policyName, string functionName, string ruleName) =>
        Compose(prefix, policyName, Clean(functionName), ruleName);

    /// <summary>The name of a REST API stage's alarm.</summary>
    public static string ForStage(string prefix, string policyName, string apiName, string stageName, string ruleName) =>
        Compose(prefix, policyName, Clean(apiName) + "/" + Clean(stageName), ruleName);

    /// <summary>
    /// True when <paramref name="alarmName"/> is one this deployment names for <paramref name="policyName"/>: it starts
    /// with "&lt;prefix&gt;-&lt;policy&gt;-". Used for markers that do not name their deployment.
    /// </summary>
    public static bool BelongsTo(string alarmName, string prefix, string policyName) =>
        alarmName.StartsWith($"{Clean(prefix)}-{Clean(policyName)}-", StringComparison.Ordinal);

    /// <summary>Shortens <paramref name="fullName"/> to <see cref="MaxLength"/> with a stable hash suffix if needed.</summary>
    public static string Truncate(string fullName)
    {
        if (fullName.Length <= MaxLength)
        {
            return fullName;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(fullName)))[..HashLength];
        return string.Concat(fullName.AsSpan(0, MaxLength - HashLength - 1), "-", hash);
    }

    private static string Compose(string prefix, string policyName, string resource, string ruleName) =>
        Truncate($"{Clean(prefix)}-{Clean(policyName)}-{resource}-{Clean(ruleName)}");

    private static string Clean(string part)
    {
        var builder = new StringBuilder(part.Length);
        foreach (var c in part)
        {
            builder.Append(c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '_' or '-' ? c : '_');
        }

        return builder.ToString();
    }
}
