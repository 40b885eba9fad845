using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;

namespace Reconciler.Aws.Http;

/// <summary>Creates AWSSDK.Core's SigV4 handler the way the transport uses it (service name set per request).</summary>
internal static class SigningHandlerFactory
{
    /// <summary>The request option that names the signing service of one request.</summary>
    public static HttpRequestOptionsKey<string> ServiceKey { get; } = new(SigV4SigningHandler.ServiceOptionKey);

    /// <param name="signedAt">A fixed signing time for tests; null signs with the current time.</param>
    public static SigV4SigningHandler Create(AWSCredentials credentials, string region, string defaultService, HttpMessageHandler inner, DateTime? signedAt = null) =>
        new(
            new AWSSigV4Parameters
            {
                Credentials = credentials,
                Region = RegionEndpoint.GetBySystemName(region),
                Service = defaultService,
                SignedAt = signedAt,
            },
            inner);
}
