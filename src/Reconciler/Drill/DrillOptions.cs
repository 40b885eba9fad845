namespace Reconciler.Drill;

/// <summary>How a drill waits.</summary>
/// <param name="Timeout">
/// How long after firing an alarm the drill waits for CloudWatch's Action history items (and, with --verify-delivery,
/// the messages) before it calls an action unknown.
/// </param>
/// <param name="PollInterval">
/// The pause between two DescribeAlarmHistory reads of one alarm. CloudWatch runs an alarm's actions within seconds of
/// the state change; 5 s keeps a drill of a few alarms short and, with <paramref name="MaxConcurrentAlarms"/>, the
/// reads of many alarms within DescribeAlarmHistory's 3 per second.
/// </param>
/// <param name="MaxConcurrentAlarms">
/// How many alarms are in flight (fired, not yet restored) at once. 15 alarms read every 5 s are 3 reads a second,
/// DescribeAlarmHistory's quota; SetAlarmState's 3 per second (a fire and a restore per alarm) is the other bound, so
/// 200 alarms take about 200 × 2 / 3 ≈ 135 s, not 200 timeouts.
/// </param>
internal sealed record DrillOptions(TimeSpan Timeout, TimeSpan PollInterval, int MaxConcurrentAlarms = 15)
{
    /// <summary>The default --timeout: 120 s.</summary>
    public const int DefaultTimeoutSeconds = 120;

    /// <summary>The longest --timeout: a drill that waits longer than 15 minutes for CloudWatch has found its answer.</summary>
    public const int MaxTimeoutSeconds = 900;

    /// <summary>The defaults for real AWS.</summary>
    public static DrillOptions Default { get; } = new(TimeSpan.FromSeconds(DefaultTimeoutSeconds), TimeSpan.FromSeconds(5));
}
