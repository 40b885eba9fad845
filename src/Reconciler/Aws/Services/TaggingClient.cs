using System.Runtime.CompilerServices;
using Reconciler.Aws.Http;

namespace Reconciler.Aws.Services;

/// <summary>Resource Groups Tagging API over JSON 1.1.</summary>
internal sealed class TaggingClient(AwsTransport transport) : ITaggingClient
{
    private static readonly AwsOperation GetResources = new(AwsServiceCatalog.Tagging, "GetResources", AwsOperationGroups.Tagging, false);

    public async IAsyncEnumerable<ResourceTagMapping> GetResourcesAsync(
        GetResourcesRequest request,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ResourceArns is { } arns && (arns.Count is 0 or > 100 || request.TagFilters.Count > 0 || request.ResourceTypeFilters.Count > 0))
        {
            throw new ArgumentException("ResourceARNList takes 1 to 100 ARNs and no tag or resource type filter (AWS refuses the mix with InvalidParameterException).", nameof(request));
        }

        string? paginationToken = null;
        do
        {
            // With ResourceARNList AWS answers in one page and refuses any pagination member.
            var body = request.ResourceArns is { } named
                ? new TaggingGetResourcesRequestJson(null, null, null, null) { ResourceArnList = named }
                : new TaggingGetResourcesRequestJson(
                    request.TagFilters.Count == 0 ? null : [.. request.TagFilters.Select(f => new TaggingTagFilterJson(f.Key, f.Values.Count == 0 ? null : f.Values))],
                    request.ResourceTypeFilters.Count == 0 ? null : request.ResourceTypeFilters,
                    request.ResourcesPerPage,
                    paginationToken);
            var response = await transport.SendAsync(
                GetResources,
                baseUrl => JsonRpc.Request(baseUrl, "ResourceGroupsTaggingAPI_20170126.GetResources", JsonContent.Create(body, AwsJsonContext.Default.TaggingGetResourcesRequestJson, "application/x-amz-json-1.1")),
                cancellationToken);
            var page = JsonContent.Parse(response.Body, AwsJsonContext.Default.TaggingGetResourcesResponseJson, "tagging", GetResources.Name);
            foreach (var resource in page.ResourceTagMappingList ?? [])
            {
                var tags = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var tag in resource.Tags ?? [])
                {
                    tags[tag.Key] = tag.Value;
                }

                yield return new ResourceTagMapping(resource.ResourceArn, tags);
            }

            paginationToken = request.ResourceArns is null && !string.IsNullOrEmpty(page.PaginationToken) ? page.PaginationToken : null;
        }
        while (paginationToken is not null);
    }
}

/// <summary>POST / with X-Amz-Target: the JSON 1.0/1.1 RPC protocol.</summary>
internal static class JsonRpc
{
    public static HttpRequestMessage Request(string baseUrl, string target, HttpContent content)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, baseUrl + "/") { Content = content };
        request.Headers.TryAddWithoutValidation("X-Amz-Target", target);
        return request;
    }
}
