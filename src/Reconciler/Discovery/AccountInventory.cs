using System.Collections.Concurrent;
using Reconciler.Aws;
using Reconciler.Planning;

namespace Reconciler.Discovery;

/// <summary>
/// One run's view of the account's functions, REST APIs and stages, listed at most once each however many policies
/// ask: ListFunctions by the page (50 entries and their TracingConfig a call), GetRestApis by the page, GetStages once
/// per REST API that some policy selects.
/// </summary>
/// <remarks>
/// With <paramref name="includePublishedVersions"/> (a policy sets Lambda tracing) ListFunctions lists every published
/// version too (FunctionVersion=ALL): a function with published versions takes one entry per version on the pages,
/// and in exchange discovery knows, without a call per function, which functions keep a version traced otherwise than
/// $LATEST, the only ones whose aliases need reading. Every listing shares <paramref name="cancellationToken"/>, the
/// run's own.
/// </remarks>
internal sealed class AccountInventory(IAccountReader aws, bool includePublishedVersions, CancellationToken cancellationToken)
{
    private readonly Lazy<Task<Listing<IReadOnlyDictionary<string, ListedFunction>>>> functions = new(
        () => Listing<IReadOnlyDictionary<string, ListedFunction>>.CaptureAsync(
            async ct =>
            {
                var entries = new List<FunctionConfiguration>();
                await foreach (var entry in aws.ListFunctionsAsync(includePublishedVersions, ct))
                {
                    entries.Add(entry);
                }

                return ListedFunction.Group(entries);
            },
            new Dictionary<string, ListedFunction>(),
            "Lambda ListFunctions",
            cancellationToken));

    private readonly Lazy<Task<Listing<IReadOnlyDictionary<string, RestApi>>>> restApis = new(
        () => Listing<IReadOnlyDictionary<string, RestApi>>.CaptureAsync(
            async ct =>
            {
                var byId = new Dictionary<string, RestApi>(StringComparer.Ordinal);
                await foreach (var api in aws.GetRestApisAsync(ct))
                {
                    byId[api.Id] = api;
                }

                return byId;
            },
            new Dictionary<string, RestApi>(),
            "API Gateway GetRestApis",
            cancellationToken));

    private readonly ConcurrentDictionary<string, Lazy<Task<Listing<IReadOnlyList<Stage>>>>> stages = new(StringComparer.Ordinal);

    private readonly ConcurrentDictionary<string, Lazy<Task<ObservedAliases>>> aliases = new(StringComparer.Ordinal);

    /// <summary>Every function in the region, by name, with its published versions when they were listed.</summary>
    public Task<Listing<IReadOnlyDictionary<string, ListedFunction>>> FunctionsAsync() => functions.Value;

    /// <summary>Every REST API in the region, by id.</summary>
    public Task<Listing<IReadOnlyDictionary<string, RestApi>>> RestApisAsync() => restApis.Value;

    /// <summary>What one function's aliases serve, read at most once a run however many policies select it.</summary>
    public Task<ObservedAliases> AliasesAsync(ListedFunction function) =>
        aliases.GetOrAdd(function.Latest.FunctionName, name => new Lazy<Task<ObservedAliases>>(
            () => AliasReader.ReadAsync(aws, name, function.PublishedTracing, cancellationToken))).Value;

    /// <summary>The stages of one REST API.</summary>
    public Task<Listing<IReadOnlyList<Stage>>> StagesAsync(string restApiId) =>
        stages.GetOrAdd(restApiId, id => new Lazy<Task<Listing<IReadOnlyList<Stage>>>>(
            () => Listing<IReadOnlyList<Stage>>.CaptureAsync(
                ct => aws.GetStagesAsync(id, ct),
                [],
                $"API Gateway GetStages of REST API {id}",
                cancellationToken))).Value;
}
