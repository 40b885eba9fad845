using System.Text.RegularExpressions;

namespace Reconciler.Telemetry;

/// <summary>
/// Keeps credentials out of log lines. A field whose name looks secret is replaced whole; in any other text, AWS
/// access key ids and SigV4 credential scopes are masked, because exception messages and URLs can carry them.
/// </summary>
internal static partial class SecretRedactor
{
    /// <summary>What replaces a redacted value.</summary>
    public const string Mask = "[redacted]";

    // Substrings of field names that hold secrets in AWS, HTTP and common configuration. Matching is loose on
    // purpose: redacting a harmless "NextToken" costs nothing, printing a session token costs a lot.
    private static readonly string[] SecretNameParts =
    [
        "password", "passwd", "secret", "token", "credential", "apikey", "api_key", "api-key", "authorization",
        "signature", "privatekey", "private_key", "accesskey", "access_key", "sessionkey", "cookie",
    ];

    /// <summary>True when a field called <paramref name="name"/> must never be logged with its value.</summary>
    public static bool IsSecretName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var part in SecretNameParts)
        {
            if (name.Contains(part, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><paramref name="text"/> with anything that looks like a credential masked.</summary>
    public static string RedactText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return SecretLooking().Replace(text, Mask);
    }

    /// <summary>True when <paramref name="text"/> holds something that looks like a credential.</summary>
    public static bool LooksSecret(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return SecretLooking().IsMatch(text);
    }

    // AKIA/ASIA… are long-term and temporary access key ids; "Credential=…" is the SigV4 Authorization header's scope;
    // "X-Amz-Security-Token=…" and "X-Amz-Signature=…" appear in presigned URLs.
    [GeneratedRegex(
        @"(?-i:\b(?:AKIA|ASIA)[A-Z0-9]{16}\b)|Credential=[^,\s]+|X-Amz-(?:Security-Token|Signature|Credential)=[^&\s]+",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex SecretLooking();
}
