using Reconciler.Aws.Http;

namespace Reconciler.Aws.Services;

/// <summary>STS over the query protocol (Version 2011-06-15).</summary>
internal sealed class StsClient(AwsTransport transport) : IStsClient
{
    private static readonly AwsOperation GetCallerIdentity = new(AwsServiceCatalog.Sts, "GetCallerIdentity", null, false);

    public async Task<CallerIdentity> GetCallerIdentityAsync(CancellationToken cancellationToken)
    {
        var parameters = new QueryParameters(GetCallerIdentity.Name, "2011-06-15");
        var response = await transport.SendAsync(GetCallerIdentity, parameters.ToRequest, cancellationToken);
        var result = QueryXml.ParseResult(response.Body, "sts", GetCallerIdentity.Name);
        return new CallerIdentity(result.Text("Account") ?? string.Empty, result.Text("Arn") ?? string.Empty, result.Text("UserId") ?? string.Empty);
    }
}
