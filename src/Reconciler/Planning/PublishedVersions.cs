using Reconciler.Policies;

namespace Reconciler.Planning;

/// <summary>
/// What a function's aliases serve: one route per (alias, version) pair it sends traffic to, or the read that failed.
/// </summary>
/// <param name="Routes">Sorted by alias, then version. Empty when the function has no alias.</param>
/// <param name="Failure">Why the aliases or versions could not be read (names the AWS call), or null.</param>
internal sealed record ObservedAliases(IReadOnlyList<AliasRoute> Routes, string? Failure = null);

/// <summary>
/// One published version an alias routes to, with the tracing mode it was published with (null when the version
/// was not found, e.g. deleted between the two listings) and the share of the alias's traffic it gets (0..1).
/// </summary>
internal sealed record AliasRoute(string AliasName, string Version, LambdaTracingMode? Tracing, double Weight);

/// <summary>
/// Lambda lets only $LATEST change: a published version keeps the TracingConfig it was published with, forever. So
/// traffic through an alias to an untraced version stays untraced after the reconciler fixes $LATEST, until someone
/// publishes again and moves the alias. This step says so, per function and policy, instead of letting the report
/// call such a function "in sync": the resource is Drifted with a reason, no change is planned (there is no write
/// that could fix it), and a notice tells the remedy.
/// </summary>
internal static class PublishedVersions
{
    /// <summary>Marks every selected function whose aliases serve a version traced otherwise than its policy wants.</summary>
    public static void Assess(IReadOnlyList<PolicySelection> selections, ICollection<PlanNotice> notices, ResourceBook book)
    {
        foreach (var selection in selections)
        {
            if (selection.Policy.Tracing.Lambda is not { } wanted)
            {
                continue;
            }

            foreach (var function in selection.Functions)
            {
                if (function.Aliases?.Failure is { } failure)
                {
                    book.MarkUnknown(selection.Policy.Name, function.Arn, $"the tracing of the versions its aliases serve could not be read ({failure})");
                    continue;
                }

                var stale = StaleRoutes(function, wanted);
                if (stale.Count == 0)
                {
                    continue;
                }

                foreach (var route in stale)
                {
                    book.MarkDrifted(selection.Policy.Name, function.Arn, Reason(route, function, wanted));
                }

                notices.Add(new PlanNotice(selection.Policy.Name, Notice(function, stale, wanted)));
            }
        }
    }

    /// <summary>The routes of <paramref name="function"/> whose version is traced otherwise than <paramref name="wanted"/>.</summary>
    public static IReadOnlyList<AliasRoute> StaleRoutes(ObservedFunction function, LambdaTracingMode wanted) =>
    [
        .. (function.Aliases?.Routes ?? [])
            .Where(route => route.Tracing is { } mode && mode != wanted && route.Weight > 0)
            .OrderBy(route => route.AliasName, StringComparer.Ordinal)
            .ThenBy(route => route.Version, StringComparer.Ordinal),
    ];

    /// <summary>"alias live -> version 7 has tracing PassThrough; …": the per-resource reason of the report.</summary>
    public static string Reason(AliasRoute route, ObservedFunction function, LambdaTracingMode wanted) =>
        $"alias {route.AliasName} -> version {route.Version}{Share(route)} has tracing {route.Tracing}; published versions cannot change; " +
        $"the next publish of $LATEST ({LatestAfterPlan(function, wanted)}) carries the fix";

    private static string Notice(ObservedFunction function, IReadOnlyList<AliasRoute> stale, LambdaTracingMode wanted)
    {
        var routes = string.Join(", ", stale.Select(route => $"alias {route.AliasName} -> version {route.Version}{Share(route)} ({route.Tracing})"));
        var aliases = string.Join(", ", stale.Select(route => route.AliasName).Distinct(StringComparer.Ordinal));
        return $"Function {function.FunctionName} serves traffic without the tracing the policy wants ({wanted}): {routes}. " +
            $"Lambda never changes a published version, so the reconciler cannot fix this. Publish a new version from $LATEST " +
            $"({LatestAfterPlan(function, wanted)}), e.g. `aws lambda publish-version --function-name {function.FunctionName}`, " +
            $"and point {aliases} at it (your next deploy does both).";
    }

    // $LATEST is what the next publish copies; say whether it is already right or is set right by this plan.
    private static string LatestAfterPlan(ObservedFunction function, LambdaTracingMode wanted) =>
        function.Tracing == wanted ? $"now {wanted}" : $"{function.Tracing} now, {wanted} once this plan is applied";

    private static string Share(AliasRoute route) =>
        route.Weight >= 1 ? string.Empty : FormattableString.Invariant($" ({route.Weight * 100:0.#}% of its traffic)");
}
