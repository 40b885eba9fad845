using Reconciler.Kinds;
using Reconciler.Planning;
using Reconciler.Policies;

namespace Reconciler.Watch;

/// <summary>
/// What a batch of events asks a watch run to look at: the functions and stages to observe one by one, and the
/// policies to reconcile whole, each with the events that asked for it. Pure: decided from the events and the
/// policies alone, before anything is read.
/// </summary>
/// <param name="Functions">Functions to observe, by name.</param>
/// <param name="Stages">Stages to observe (a null stage name: every stage of the API).</param>
/// <param name="WholePolicies">Policies reconciled from a whole view, as a scheduled run would.</param>
/// <param name="Skipped">Events that need nothing (an alarm or dashboard this deployment does not manage), with why.</param>
internal sealed record WatchTargets(
    IReadOnlySet<string> Functions,
    IReadOnlySet<TouchedStage> Stages,
    IReadOnlyDictionary<string, IReadOnlyList<string>> WholePolicies,
    IReadOnlyList<(ChangeEvent Event, string Reason)> Skipped)
{
    /// <summary>The targets of <paramref name="events"/> for the policies of the run.</summary>
    public static WatchTargets Of(IReadOnlyList<ChangeEvent> events, IReadOnlyList<ObservabilityPolicy> policies, string alarmNamePrefix)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(policies);
        var functions = new HashSet<string>(StringComparer.Ordinal);
        var stages = new HashSet<TouchedStage>();
        var whole = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var skipped = new List<(ChangeEvent, string)>();
        var reached = false;

        void Whole(ObservabilityPolicy policy, ChangeEvent change)
        {
            reached = true;
            if (!whole.TryGetValue(policy.Name, out var ids))
            {
                whole[policy.Name] = ids = [];
            }

            if (!ids.Contains(change.Id))
            {
                ids.Add(change.Id);
            }
        }

        foreach (var change in events)
        {
            // Whether the event led to anything to observe or reconcile (a duplicate leads to the same targets).
            reached = false;
            foreach (var touched in change.Touched)
            {
                switch (touched)
                {
                    case TouchedFunction function:
                        functions.Add(function.FunctionName);
                        reached = true;
                        if (change.Watched.Reach == EventReach.Membership)
                        {
                            // The function may join or leave a policy's dashboard or X-Ray group: those are rendered
                            // from the policy's whole selection, so such policies are reconciled whole.
                            foreach (var policy in policies.Where(p => Selects(p, ResourceType.LambdaFunction) && ManagedKinds.WantsPolicyWideObject(p)))
                            {
                                Whole(policy, change);
                            }
                        }

                        break;
                    case TouchedStage stage:
                        stages.Add(stage);
                        reached = true;
                        if (change.Watched.Reach == EventReach.Membership)
                        {
                            foreach (var policy in policies.Where(p => Selects(p, ResourceType.ApiGatewayStage) && ManagedKinds.WantsPolicyWideObject(p)))
                            {
                                Whole(policy, change);
                            }
                        }

                        break;
                    case TouchedLogGroup logGroup when LambdaLogGroup(logGroup.LogGroupName) is { } owner:
                        functions.Add(owner);
                        reached = true;
                        break;
                    case TouchedLogGroup:
                        // A custom log group: which function writes to it is known only from the functions' LoggingConfig.
                        foreach (var policy in policies.Where(p => p.Section<LogsSpec>().RetentionDays is not null))
                        {
                            Whole(policy, change);
                        }

                        break;
                    case TouchedAlarm alarm:
                        foreach (var policy in policies.Where(p => AlarmNaming.BelongsTo(alarm.AlarmName, alarmNamePrefix, p.Name)))
                        {
                            Whole(policy, change);
                        }

                        break;
                    case TouchedDashboard dashboard:
                        foreach (var policy in policies.Where(p => p.Dashboard?.Name == dashboard.DashboardName))
                        {
                            Whole(policy, change);
                        }

                        break;
                }
            }

            if (!reached)
            {
                skipped.Add((change, NothingManaged(change, alarmNamePrefix)));
            }
        }

        return new WatchTargets(
            functions,
            stages,
            whole.ToDictionary(pair => pair.Key, pair => (IReadOnlyList<string>)pair.Value, StringComparer.Ordinal),
            skipped);
    }

    /// <summary>True when nothing is to be read: every event was skipped.</summary>
    public bool IsEmpty => Functions.Count == 0 && Stages.Count == 0 && WholePolicies.Count == 0;

    /// <summary>"/aws/lambda/orders-api" → "orders-api"; null for other log groups.</summary>
    internal static string? LambdaLogGroup(string logGroupName) =>
        logGroupName.StartsWith("/aws/lambda/", StringComparison.Ordinal) && logGroupName.Length > "/aws/lambda/".Length
            ? logGroupName["/aws/lambda/".Length..]
            : null;

    private static bool Selects(ObservabilityPolicy policy, ResourceType type) => policy.Selector.ResourceTypes.Contains(type);

    private static string NothingManaged(ChangeEvent change, string prefix) => (change.Touched.Count == 0 ? null : change.Touched[0]) switch
    {
        TouchedAlarm alarm => $"alarm {alarm.AlarmName} is not named for any loaded policy of this deployment (its alarms start with '{prefix}-<policy>-')",
        TouchedDashboard dashboard => $"dashboard {dashboard.DashboardName} is no loaded policy's dashboard",
        TouchedLogGroup logGroup => $"log group {logGroup.LogGroupName} is not a function's default log group and no loaded policy sets a retention",
        _ => "it names nothing this deployment manages",
    };
}
