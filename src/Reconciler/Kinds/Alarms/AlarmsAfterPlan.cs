using Reconciler.Planning;

namespace Reconciler.Kinds.Alarms;

/// <summary>
/// The alarms this deployment owns as they stand once a plan is applied: the observed owned alarms, with the plan's
/// puts replacing them and its deletes removing them, plus the alarms it creates. Pure; what the read-only checks
/// (notification paths) look at, so a plan warns before its apply writes.
/// </summary>
internal static class AlarmsAfterPlan
{
    /// <summary>By alarm name: the owning policy and the definition.</summary>
    public static IReadOnlyDictionary<string, (string Policy, AlarmDefinition Alarm)> Of(Observation observation, Plan plan, string owner)
    {
        var alarms = new Dictionary<string, (string Policy, AlarmDefinition Alarm)>(StringComparer.Ordinal);
        foreach (var observed in observation.Alarms.Values)
        {
            if (Ownership.OfAlarm(observed, owner, out var claim) is Standing.Ours or Standing.OursLegacy)
            {
                alarms[observed.AlarmName] = (claim.PolicyName, observed);
            }
        }

        foreach (var change in plan.Changes)
        {
            switch (change.Payload)
            {
                case PutAlarm put:
                    alarms[put.Alarm.AlarmName] = (change.PolicyName, put.Alarm);
                    break;
                case DeleteAlarm delete:
                    alarms.Remove(delete.AlarmName);
                    break;
            }
        }

        return alarms;
    }
}
