using Reconciler.Aws;
using Reconciler.Planning;
using Reconciler.Policies;

namespace Reconciler.Discovery;

/// <summary>
/// Finds the resources a policy selects and observes their tracing settings.
/// The rule for stages: a stage is in scope when its own tags match the selector, or when its REST API's tags do
/// (then every stage of that API is). Its tags, for exclusions, are the API's with the stage's own on top.
/// </summary>
internal sealed class ScopeDiscovery(IAccountReader aws, AccountInventory inventory, string region)
{
    /// <summary>Discovers one policy's scope. Never throws for AWS errors: a failure marks the scope incomplete.</summary>
    public async Task<DiscoveredScope> DiscoverAsync(ObservabilityPolicy policy, CancellationToken cancellationToken)
    {
        var selector = policy.Selector;
        var tagged = await Listing<IReadOnlyList<ResourceTagMapping>>.CaptureAsync(
            async ct =>
            {
                var request = SelectorQuery.For(selector);
                var found = new List<ResourceTagMapping>();
                await foreach (var mapping in aws.GetResourcesAsync(request, ct))
                {
                    found.Add(mapping);
                }

                return found;
            },
            [],
            "Tagging GetResources",
            cancellationToken);

        var failures = new List<ObservationFailure>();
        if (!tagged.Complete)
        {
            failures.Add(tagged.Failure!);
        }

        var candidates = Candidates.From(tagged.Items, selector);
        var functions = selector.ResourceTypes.Contains(ResourceType.LambdaFunction)
            ? await ObserveFunctionsAsync(candidates, selector.MatchAll, policy.Tracing.Lambda, failures)
            : [];
        var stages = selector.ResourceTypes.Contains(ResourceType.ApiGatewayStage)
            ? await ObserveStagesAsync(candidates, selector.MatchAll, failures)
            : [];

        return new DiscoveredScope(new PolicyScope(
            policy.Name,
            functions,
            stages,
            Complete: failures.Count == 0,
            IncompleteReason: failures.Count == 0 ? null : string.Join("; ", failures.Select(failure => failure.Message).Distinct())),
            failures);
    }

    private async Task<IReadOnlyList<ObservedFunction>> ObserveFunctionsAsync(
        Candidates candidates, bool matchAll, LambdaTracingMode? wantedTracing, List<ObservationFailure> failures)
    {
        var listed = await inventory.FunctionsAsync();
        if (!listed.Complete)
        {
            failures.Add(listed.Failure!);
        }

        // With matchAll the tagging API cannot be the source (it never returns untagged resources), so every listed
        // function is a candidate and the tagging results only supply tags.
        var names = matchAll ? listed.Items.Keys : candidates.Functions.Keys;
        var observed = new List<Task<ObservedFunction>>();
        foreach (var name in names)
        {
            // A function the tagging API still reports but ListFunctions no longer has was just deleted: skip it.
            if (listed.Items.TryGetValue(name, out var function))
            {
                var tags = candidates.Functions.GetValueOrDefault(name) ?? EmptyTags;
                observed.Add(ObserveFunctionAsync(function, tags, wantedTracing));
            }
        }

        // Started together: the client's per-group rate limiter paces the alias reads, so this is as fast as Lambda's
        // quota allows.
        return [.. (await Task.WhenAll(observed)).OrderBy(function => function.FunctionName, StringComparer.Ordinal)];
    }

    /// <summary>
    /// A function's LoggingConfig with Lambda's defaults filled in: a function created before Lambda had LoggingConfig
    /// (or an answer without it) logs Text to /aws/lambda/&lt;name&gt;.
    /// </summary>
    internal static ObservedLogging LoggingOf(FunctionConfiguration function)
    {
        var defaults = ObservedLogging.DefaultFor(function.FunctionName);
        return function.LoggingConfig is not { } config
            ? defaults
            : new ObservedLogging(
                config.LogFormat ?? defaults.Format,
                config.ApplicationLogLevel,
                config.SystemLogLevel,
                string.IsNullOrEmpty(config.LogGroup) ? defaults.LogGroup : config.LogGroup);
    }

    /// <summary>
    /// One function, with what its aliases serve when that can differ from <paramref name="wantedTracing"/>: only a
    /// published version traced otherwise can (Lambda never changes a published version; an alias to $LATEST follows
    /// the tracing this run sets), so the aliases are read exactly for the functions that keep such a version, in
    /// every run while they keep it, and never for the others.
    /// </summary>
    private async Task<ObservedFunction> ObserveFunctionAsync(
        ListedFunction function, IReadOnlyDictionary<string, string> tags, LambdaTracingMode? wantedTracing)
    {
        var observed = new ObservedFunction(
            function.Latest.FunctionName,
            function.Latest.FunctionArn,
            AliasReader.ParseTracing(function.Latest.TracingMode),
            tags)
        {
            Logging = LoggingOf(function.Latest),
            LastModified = LambdaTimestamps.Parse(function.Latest.LastModified),
        };
        var keepsOtherTracing = wantedTracing is { } wanted
            && function.PublishedTracing.Values.Any(mode => AliasReader.ParseTracing(mode) != wanted);
        return keepsOtherTracing ? observed with { Aliases = await inventory.AliasesAsync(function) } : observed;
    }

    private async Task<IReadOnlyList<ObservedStage>> ObserveStagesAsync(Candidates candidates, bool matchAll, List<ObservationFailure> failures)
    {
        var apis = await inventory.RestApisAsync();
        if (!apis.Complete)
        {
            failures.Add(apis.Failure!);
        }

        var apiIds = matchAll
            ? apis.Items.Keys.ToHashSet(StringComparer.Ordinal)
            : candidates.WholeApis.Concat(candidates.Stages.Select(stage => stage.RestApiId)).ToHashSet(StringComparer.Ordinal);

        var observed = new List<ObservedStage>();
        foreach (var apiId in apiIds.Order(StringComparer.Ordinal))
        {
            if (!apis.Items.TryGetValue(apiId, out var api))
            {
                continue; // deleted since the tagging API indexed it
            }

            var stages = await inventory.StagesAsync(apiId);
            if (!stages.Complete)
            {
                failures.Add(stages.Failure!);
                continue;
            }

            var wholeApi = matchAll || candidates.WholeApis.Contains(apiId);
            foreach (var stage in stages.Items)
            {
                if (wholeApi || candidates.Stages.Contains(new StageKey(apiId, stage.StageName)))
                {
                    observed.Add(new ObservedStage(
                        api.Id,
                        api.Name,
                        stage.StageName,
                        Arns.Stage(region, api.Id, stage.StageName),
                        stage.TracingEnabled,
                        MergeTags(api.Tags, stage.Tags))
                    {
                        LastModified = stage.LastUpdatedDate,
                    });
                }
            }
        }

        var sharedNames = apis.Items.Values.GroupBy(api => api.Name, StringComparer.Ordinal)
            .Where(group => group.Count() > 1)
            .Select(group => group.Key)
            .ToHashSet(StringComparer.Ordinal);
        return [.. observed
            .Select(stage => sharedNames.Contains(stage.ApiName) ? stage with { ApiNameShared = true } : stage)
            .OrderBy(stage => stage.DisplayName, StringComparer.Ordinal)
            .ThenBy(stage => stage.RestApiId, StringComparer.Ordinal)];
    }

    private static Dictionary<string, string> MergeTags(IReadOnlyDictionary<string, string> api, IReadOnlyDictionary<string, string> stage)
    {
        var merged = new Dictionary<string, string>(api, StringComparer.Ordinal);
        foreach (var (key, value) in stage)
        {
            merged[key] = value;
        }

        return merged;
    }

    private static readonly IReadOnlyDictionary<string, string> EmptyTags = new Dictionary<string, string>();

    private readonly record struct StageKey(string RestApiId, string StageName);

    /// <summary>What the tagging API returned, sorted into functions, whole REST APIs and single stages.</summary>
    private sealed record Candidates(
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Functions,
        IReadOnlySet<string> WholeApis,
        IReadOnlySet<StageKey> Stages)
    {
        public static Candidates From(IReadOnlyList<ResourceTagMapping> mappings, ResourceSelector selector)
        {
            var functions = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
            var apis = new HashSet<string>(StringComparer.Ordinal);
            var stages = new HashSet<StageKey>();
            foreach (var mapping in mappings)
            {
                // Re-check the tags: the selection must not depend on the server filtering exactly as we asked.
                if (!SelectorQuery.Matches(selector, mapping.Tags))
                {
                    continue;
                }

                switch (ResourceArn.Parse(mapping.ResourceArn))
                {
                    case FunctionArn function:
                        functions[function.FunctionName] = mapping.Tags;
                        break;
                    case RestApiArn api:
                        apis.Add(api.RestApiId);
                        break;
                    case StageArn stage:
                        stages.Add(new StageKey(stage.RestApiId, stage.StageName));
                        break;
                }
            }

            return new Candidates(functions, apis, stages);
        }
    }
}

/// <summary>A policy's scope and the failures that made it incomplete (empty when complete).</summary>
internal sealed record DiscoveredScope(PolicyScope Scope, IReadOnlyList<ObservationFailure> Failures);
