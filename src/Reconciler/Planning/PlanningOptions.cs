namespace Reconciler.Planning;

/// <summary>
/// The few facts about the run the pure planner cannot learn from policies or observation.
/// </summary>
/// <param name="AlarmNamePrefix">
/// First segment of every managed alarm name (see <see cref="AlarmNaming"/>); observation lists alarms with it.
/// <see cref="DefaultAlarmNamePrefix"/> unless the operator chose another.
/// </param>
/// <param name="Region">The Region dashboards graph metrics from and alarm ARNs name.</param>
/// <param name="AccountId">
/// The account alarm ARNs name. The engine always passes it (from STS); when null, alarm-status widgets cannot list
/// alarm ARNs and the plan says so in a notice.
/// </param>
public sealed record PlanningOptions(string AlarmNamePrefix, string Region, string? AccountId)
{
    /// <summary>The alarm name prefix used unless the operator chose another: "reconciler".</summary>
    public const string DefaultAlarmNamePrefix = "reconciler";

    /// <summary>Options with the default alarm name prefix.</summary>
    public static PlanningOptions ForAccount(string region, string? accountId) =>
        new(DefaultAlarmNamePrefix, region, accountId);
}
