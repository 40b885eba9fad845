using Reconciler.Aws;
using Reconciler.Discovery;
using Reconciler.Kinds;
using Reconciler.Planning;
using Reconciler.Policies;

namespace Reconciler.Watch;

/// <summary>
/// What a watch run observed: an <see cref="Observation"/> the ordinary planner reads, the policies it holds only in
/// part, and which policies each touched resource concerns (to tell which events a failure belongs to).
/// </summary>
/// <param name="Focused">The policies observed only for the touched resources (<see cref="PlanningOptions.FocusedPolicies"/>).</param>
/// <param name="Concerned">Per touched resource, the policies that select it or own an alarm for it.</param>
internal sealed record FocusedObservation(
    CollectedObservation Collected,
    IReadOnlySet<string> Focused,
    IReadOnlyDictionary<TouchedResource, IReadOnlySet<string>> Concerned);

/// <summary>
/// Observes what a batch of events touched, and no more: each named function (GetFunctionConfiguration, and its tags
/// from one GetResources with ResourceARNList per 100), each named stage (GetRestApis, GetStages of its API), the
/// alarms that could be theirs by name (DescribeAlarms with AlarmNames), and the per-resource kinds' own reads over
/// just those resources. Policies <see cref="WatchTargets.WholePolicies"/> names are discovered whole, as a
/// scheduled run does. A resource is "gone" only when AWS says so (ResourceNotFoundException, or a complete listing
/// without it); any other failure leaves the focused scopes incomplete, so nothing is pruned on the strength of it.
/// </summary>
internal sealed class FocusedObservationCollector(IAccountReader aws, string region, string alarmNamePrefix)
{
    private const int ArnsPerTagRead = 100;
    private const int NamesPerAlarmRead = 100;

    /// <summary>Observes <paramref name="targets"/> for <paramref name="policies"/> (the run's policies).</summary>
    public async Task<FocusedObservation> CollectAsync(IReadOnlyList<ObservabilityPolicy> policies, WatchTargets targets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(policies);
        ArgumentNullException.ThrowIfNull(targets);
        var failures = new List<(string? PolicyName, ObservationFailure Failure)>();
        var whole = policies.Where(policy => targets.WholePolicies.ContainsKey(policy.Name)).ToList();
        var focused = policies.Where(policy => !targets.WholePolicies.ContainsKey(policy.Name)).ToList();
        var inventory = new AccountInventory(aws, whole.Any(policy => policy.Tracing.Lambda is not null), cancellationToken);

        var scopes = new List<PolicyScope>();
        var discovery = new ScopeDiscovery(aws, inventory, region);
        foreach (var policy in whole)
        {
            var discovered = await discovery.DiscoverAsync(policy, cancellationToken);
            scopes.Add(discovered.Scope);
            failures.AddRange(discovered.Failures.Select(failure => ((string?)policy.Name, failure)));
        }

        var functions = await ReadFunctionsAsync(targets.Functions, cancellationToken);
        var stages = await ReadStagesAsync(inventory, targets.Stages);
        var readFailures = functions.Failures.Concat(stages.Failures).ToList();
        failures.AddRange(readFailures.Select(failure => ((string?)null, failure)));
        var incomplete = readFailures.Count == 0 ? null : string.Join("; ", readFailures.Select(failure => failure.Message).Distinct());
        scopes.AddRange(focused.Select(policy => FocusedScope(policy, functions.Present, stages.Present, incomplete)));

        var names = AlarmNamesByPolicy(policies, targets.Functions, stages.Named);
        var alarms = await ReadAlarmsAsync(names, whole, cancellationToken);
        if (alarms.Failure is { } alarmFailure)
        {
            failures.Add((null, alarmFailure));
        }

        var kept = KeepAlarms(alarms.Items, names, whole);
        var observation = new Observation(scopes, kept, alarms.Complete);
        observation = await ObserveKindsAsync(observation, policies, whole, scopes, failures, cancellationToken);
        return new FocusedObservation(
            new CollectedObservation(observation, failures),
            focused.Select(policy => policy.Name).ToHashSet(StringComparer.Ordinal),
            Concerned(scopes, names, kept));
    }

    private async Task<Observation> ObserveKindsAsync(
        Observation observation,
        IReadOnlyList<ObservabilityPolicy> policies,
        List<ObservabilityPolicy> whole,
        IReadOnlyList<PolicyScope> scopes,
        List<(string? PolicyName, ObservationFailure Failure)> failures,
        CancellationToken cancellationToken)
    {
        // Per-resource kinds read for every scope (the focused ones hold only the touched resources); policy-wide
        // kinds only for the policies reconciled whole, the only ones they plan.
        var perResource = new ObservationRequest(aws, policies, scopes, region, alarmNamePrefix);
        foreach (var kindObservation in ManagedKinds.ObservationsOf(KindExtent.PerResource))
        {
            var observed = await kindObservation.ObserveAsync(perResource, cancellationToken);
            observation = observation with { Slots = observed.Fill(observation.Slots) };
            failures.AddRange(observed.Failures);
        }

        if (whole.Count > 0)
        {
            var wholeNames = whole.Select(policy => policy.Name).ToHashSet(StringComparer.Ordinal);
            var policyWide = new ObservationRequest(aws, whole, [.. scopes.Where(scope => wholeNames.Contains(scope.PolicyName))], region, alarmNamePrefix);
            foreach (var kindObservation in ManagedKinds.ObservationsOf(KindExtent.PolicyWide))
            {
                var observed = await kindObservation.ObserveAsync(policyWide, cancellationToken);
                observation = observation with { Slots = observed.Fill(observation.Slots) };
                failures.AddRange(observed.Failures);
            }
        }

        return observation;
    }

    private async Task<FunctionReads> ReadFunctionsAsync(IReadOnlySet<string> names, CancellationToken cancellationToken)
    {
        var failures = new List<ObservationFailure>();
        var reads = await Task.WhenAll(names.Order(StringComparer.Ordinal).Select(async name =>
        {
            try
            {
                return (Name: name, Configuration: (FunctionConfiguration?)await aws.GetFunctionConfigurationAsync(name, cancellationToken), Failure: (ObservationFailure?)null);
            }
            catch (AwsServiceException error) when (error.ErrorCode == "ResourceNotFoundException")
            {
                return (name, null, null); // gone: AWS says so
            }
            catch (AwsServiceException error)
            {
                return (name, null, new ObservationFailure("Lambda GetFunctionConfiguration", $"Lambda GetFunctionConfiguration of {name} failed: {error.ErrorCode}: {error.ErrorMessage}", error.Service, error.Operation, error.ErrorCode));
            }
        }));
        failures.AddRange(reads.Select(read => read.Failure).OfType<ObservationFailure>());
        var present = reads.Where(read => read.Configuration is not null).Select(read => read.Configuration!).ToList();

        // Tags from the tagging API, as discovery reads them: a function it does not return has no tags.
        var tags = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var chunk in present.Select(function => function.FunctionArn).Chunk(ArnsPerTagRead))
        {
            var tagged = await Listing<List<ResourceTagMapping>>.CaptureAsync(
                async ct =>
                {
                    var found = new List<ResourceTagMapping>();
                    await foreach (var mapping in aws.GetResourcesAsync(GetResourcesRequest.ForArns(chunk), ct))
                    {
                        found.Add(mapping);
                    }

                    return found;
                },
                [],
                "Tagging GetResources",
                cancellationToken);
            if (tagged.Failure is { } failure)
            {
                failures.Add(failure);
            }

            foreach (var mapping in tagged.Items)
            {
                tags[mapping.ResourceArn] = mapping.Tags;
            }
        }

        var observed = present.Select(function => new ObservedFunction(
            function.FunctionName,
            function.FunctionArn,
            AliasReader.ParseTracing(function.TracingMode),
            tags.GetValueOrDefault(function.FunctionArn) ?? EmptyTags)
        {
            Logging = ScopeDiscovery.LoggingOf(function),
            LastModified = LambdaTimestamps.Parse(function.LastModified),
        }).ToList();
        return new FunctionReads(observed, failures);
    }

    private async Task<StageReads> ReadStagesAsync(AccountInventory inventory, IReadOnlySet<TouchedStage> touched)
    {
        var failures = new List<ObservationFailure>();
        var present = new List<(ObservedStage Stage, IReadOnlyDictionary<string, string> ApiTags, IReadOnlyDictionary<string, string> StageTags)>();
        var named = new List<(string ApiName, string StageName)>();
        if (touched.Count == 0)
        {
            return new StageReads(present, named, failures);
        }

        var apis = await inventory.RestApisAsync();
        if (apis.Failure is { } apiFailure)
        {
            failures.Add(apiFailure);
        }

        foreach (var apiTouches in touched.GroupBy(stage => stage.RestApiId).OrderBy(group => group.Key, StringComparer.Ordinal))
        {
            if (!apis.Items.TryGetValue(apiTouches.Key, out var api))
            {
                continue; // deleted (a complete listing without it), or unknown because the listing failed (then incomplete)
            }

            var stages = await inventory.StagesAsync(api.Id);
            if (stages.Failure is { } stageFailure)
            {
                failures.Add(stageFailure);
                continue;
            }

            var wanted = apiTouches.Any(stage => stage.StageName is null)
                ? null
                : apiTouches.Select(stage => stage.StageName!).ToHashSet(StringComparer.Ordinal);
            named.AddRange((wanted ?? stages.Items.Select(stage => stage.StageName)).Select(stageName => (api.Name, stageName)));
            var shared = apis.Items.Values.Count(other => other.Name == api.Name) > 1;
            foreach (var stage in stages.Items.Where(stage => wanted?.Contains(stage.StageName) ?? true))
            {
                var merged = new Dictionary<string, string>(api.Tags, StringComparer.Ordinal);
                foreach (var (key, value) in stage.Tags)
                {
                    merged[key] = value;
                }

                present.Add((
                    new ObservedStage(api.Id, api.Name, stage.StageName, Arns.Stage(region, api.Id, stage.StageName), stage.TracingEnabled, merged)
                    {
                        LastModified = stage.LastUpdatedDate,
                        ApiNameShared = shared,
                    },
                    api.Tags,
                    stage.Tags));
            }
        }

        return new StageReads(present, named, failures);
    }

    /// <summary>
    /// A focused policy's scope: the touched functions and stages its selector matches, by the rules discovery uses
    /// (a stage matches by its own tags or its API's). Complete unless a read of a touched resource failed.
    /// </summary>
    private static PolicyScope FocusedScope(
        ObservabilityPolicy policy,
        IReadOnlyList<ObservedFunction> functions,
        IReadOnlyList<(ObservedStage Stage, IReadOnlyDictionary<string, string> ApiTags, IReadOnlyDictionary<string, string> StageTags)> stages,
        string? incomplete)
    {
        var selector = policy.Selector;
        var selectedFunctions = selector.ResourceTypes.Contains(ResourceType.LambdaFunction)
            ? functions.Where(function => selector.MatchAll || SelectorQuery.Matches(selector, function.Tags)).ToList()
            : [];
        var selectedStages = selector.ResourceTypes.Contains(ResourceType.ApiGatewayStage)
            ? stages.Where(stage => selector.MatchAll || SelectorQuery.Matches(selector, stage.StageTags) || SelectorQuery.Matches(selector, stage.ApiTags))
                .Select(stage => stage.Stage)
                .ToList()
            : [];
        return new PolicyScope(policy.Name, selectedFunctions, selectedStages, Complete: incomplete is null, incomplete);
    }

    /// <summary>
    /// Every alarm name each policy would give the touched resources, whether it selects them now or not: so an alarm
    /// of a function that left a policy (or was deleted) is seen, and pruned by the ordinary rules.
    /// </summary>
    private Dictionary<string, Dictionary<string, TouchedResource>> AlarmNamesByPolicy(
        IReadOnlyList<ObservabilityPolicy> policies, IReadOnlySet<string> functions, IReadOnlyList<(string ApiName, string StageName)> stages)
    {
        var byPolicy = new Dictionary<string, Dictionary<string, TouchedResource>>(StringComparer.Ordinal);
        foreach (var policy in policies)
        {
            var names = new Dictionary<string, TouchedResource>(StringComparer.Ordinal);
            foreach (var function in functions)
            {
                foreach (var rule in policy.Alarms.Lambda)
                {
                    names[AlarmNaming.ForFunction(alarmNamePrefix, policy.Name, function, rule.Name)] = new TouchedFunction(function);
                }
            }

            foreach (var (apiName, stageName) in stages)
            {
                foreach (var rule in policy.Alarms.ApiGateway)
                {
                    names[AlarmNaming.ForStage(alarmNamePrefix, policy.Name, apiName, stageName, rule.Name)] = new TouchedStageName(apiName, stageName);
                }
            }

            byPolicy[policy.Name] = names;
        }

        return byPolicy;
    }

    private async Task<Listing<IReadOnlyDictionary<string, AlarmDefinition>>> ReadAlarmsAsync(
        Dictionary<string, Dictionary<string, TouchedResource>> names, List<ObservabilityPolicy> whole, CancellationToken cancellationToken)
    {
        var all = names.Values.SelectMany(byName => byName.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return await Listing<IReadOnlyDictionary<string, AlarmDefinition>>.CaptureAsync(
            async ct =>
            {
                var byName = new Dictionary<string, AlarmDefinition>(StringComparer.Ordinal);
                // A policy reconciled whole needs all its alarms: list by the prefix, as a scheduled run does.
                var requests = whole.Count > 0
                    ? [new DescribeAlarmsRequest(AlarmNamePrefix: alarmNamePrefix + "-")]
                    : all.Chunk(NamesPerAlarmRead).Select(chunk => new DescribeAlarmsRequest(AlarmNames: chunk)).ToList();
                foreach (var request in requests)
                {
                    await foreach (var alarm in aws.DescribeAlarmsAsync(request, ct))
                    {
                        byName[alarm.AlarmName] = AlarmMapping.ToDefinition(alarm);
                    }
                }

                return byName;
            },
            new Dictionary<string, AlarmDefinition>(),
            "CloudWatch DescribeAlarms",
            cancellationToken);
    }

    /// <summary>
    /// The alarms the plan may see: those of the policies reconciled whole, and the ones named for a touched resource
    /// by the very policy whose marker they carry (or carrying none: a foreign alarm with a wanted name is a conflict
    /// the planner must see). Nothing else, because an alarm a focused policy sees but does not render would be pruned.
    /// </summary>
    private Dictionary<string, AlarmDefinition> KeepAlarms(
        IReadOnlyDictionary<string, AlarmDefinition> alarms,
        Dictionary<string, Dictionary<string, TouchedResource>> names,
        List<ObservabilityPolicy> whole)
    {
        var wholeNames = whole.Select(policy => policy.Name).ToHashSet(StringComparer.Ordinal);
        var kept = new Dictionary<string, AlarmDefinition>(StringComparer.Ordinal);
        foreach (var (name, alarm) in alarms)
        {
            var marked = OwnershipMarker.TryRead(alarm.AlarmDescription, out var claim);
            var keep = marked
                ? wholeNames.Contains(claim.PolicyName) || (names.TryGetValue(claim.PolicyName, out var named) && named.ContainsKey(name))
                : names.Values.Any(byName => byName.ContainsKey(name)) || wholeNames.Any(policy => AlarmNaming.BelongsTo(name, alarmNamePrefix, policy));
            if (keep)
            {
                kept[name] = alarm;
            }
        }

        return kept;
    }

    private static Dictionary<TouchedResource, IReadOnlySet<string>> Concerned(
        IReadOnlyList<PolicyScope> scopes, Dictionary<string, Dictionary<string, TouchedResource>> names, Dictionary<string, AlarmDefinition> kept)
    {
        var concerned = new Dictionary<TouchedResource, HashSet<string>>();
        void Add(TouchedResource resource, string policy)
        {
            if (!concerned.TryGetValue(resource, out var set))
            {
                concerned[resource] = set = new HashSet<string>(StringComparer.Ordinal);
            }

            set.Add(policy);
        }

        foreach (var scope in scopes)
        {
            foreach (var function in scope.Functions)
            {
                Add(new TouchedFunction(function.FunctionName), scope.PolicyName);
            }

            foreach (var stage in scope.Stages)
            {
                Add(new TouchedStage(stage.RestApiId, stage.StageName), scope.PolicyName);
                Add(new TouchedStage(stage.RestApiId, null), scope.PolicyName);
                Add(new TouchedStageName(stage.ApiName, stage.StageName), scope.PolicyName);
            }
        }

        foreach (var (policy, byName) in names)
        {
            foreach (var (name, resource) in byName.Where(pair => kept.ContainsKey(pair.Key)))
            {
                Add(resource, policy);
            }
        }

        return concerned.ToDictionary(pair => pair.Key, pair => (IReadOnlySet<string>)pair.Value);
    }

    private static readonly IReadOnlyDictionary<string, string> EmptyTags = new Dictionary<string, string>();

    private sealed record FunctionReads(IReadOnlyList<ObservedFunction> Present, IReadOnlyList<ObservationFailure> Failures);

    private sealed record StageReads(
        IReadOnlyList<(ObservedStage Stage, IReadOnlyDictionary<string, string> ApiTags, IReadOnlyDictionary<string, string> StageTags)> Present,
        IReadOnlyList<(string ApiName, string StageName)> Named,
        IReadOnlyList<ObservationFailure> Failures);
}

/// <summary>A stage by its API's name, as alarm names spell it (a touched stage's alarms are found by it).</summary>
internal sealed record TouchedStageName(string ApiName, string StageName) : TouchedResource;
