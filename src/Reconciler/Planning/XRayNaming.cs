using System.Security.Cryptography;
using System.Text;

namespace Reconciler.Planning;

/// <summary>
/// Names of the X-Ray groups and sampling rules a deployment owns: <c>&lt;owner&gt;-&lt;policy&gt;</c>, 1 to 32
/// characters (X-Ray's limit for both, CreateGroup and CreateSamplingRule in the API reference). Each part keeps only
/// <c>A-Z a-z 0-9 _ -</c>; any other character becomes '_'. A longer name keeps its first 25 characters, then '-' and
/// the first 6 hex digits of the SHA-256 of the full name: stable from run to run, distinct for distinct long names.
/// </summary>
internal static class XRayNaming
{
    /// <summary>X-Ray's maximum group and sampling rule name length.</summary>
    public const int MaxLength = 32;

    private const int HashLength = 6;

    /// <summary>The name of the group or rule a policy's deployment owns.</summary>
    public static string For(string owner, string policyName)
    {
        var full = $"{Clean(owner)}-{Clean(policyName)}";
        if (full.Length <= MaxLength)
        {
            return full;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(full)))[..HashLength];
        return string.Concat(full.AsSpan(0, MaxLength - HashLength - 1), "-", hash);
    }

    /// <summary>
    /// The start every name this deployment owns shares ("&lt;owner&gt;-", cut to fit): only groups and rules whose
    /// names start with it are asked for their tags.
    /// </summary>
    public static string Prefix(string owner)
    {
        var prefix = Clean(owner) + "-";
        return prefix.Length <= MaxLength - HashLength - 1 ? prefix : prefix[..(MaxLength - HashLength - 1)];
    }

    private static string Clean(string part)
    {
        var builder = new StringBuilder(part.Length);
        foreach (var c in part)
        {
            builder.Append(c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '-' ? c : '_');
        }

        return builder.ToString();
    }
}
