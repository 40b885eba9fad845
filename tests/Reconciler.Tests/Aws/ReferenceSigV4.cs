using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Reconciler.Tests.Aws;

/// <summary>The SigV4 algorithm written out from the AWS documentation, to check the published test vector.</summary>
internal static class ReferenceSigV4
{
    public static string Sign(
        string method,
        string path,
        string query,
        IReadOnlyList<(string Name, string Value)> headers,
        string payloadHash,
        DateTime time,
        string region,
        string service,
        string secretKey)
    {
        var sorted = headers.OrderBy(h => h.Name, StringComparer.Ordinal).ToList();
        var canonicalHeaders = string.Concat(sorted.Select(h => $"{h.Name}:{h.Value.Trim()}\n"));
        var signedHeaders = string.Join(';', sorted.Select(h => h.Name));
        var canonicalRequest = $"{method}\n{path}\n{query}\n{canonicalHeaders}\n{signedHeaders}\n{payloadHash}";
        var date = time.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var scope = $"{date}/{region}/{service}/aws4_request";
        var stringToSign = $"AWS4-HMAC-SHA256\n{time.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}\n{scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)))}";
        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + secretKey), date);
        key = Hmac(key, region);
        key = Hmac(key, service);
        key = Hmac(key, "aws4_request");
        return Hex(Hmac(key, stringToSign));
    }

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
