using Reconciler.Kinds;
using Reconciler.Kinds.Alarms;
using Reconciler.Kinds.Dashboards;
using Reconciler.Planning;
using static Reconciler.Tests.Planning.PlanningFixtures;

namespace Reconciler.Tests.Kinds;

public class KindPlanningTests
{
    private static PlanningContext Context()
    {
        var policy = Policy();
        var observation = Observe();
        return new PlanningContext([Scoping.Select(policy, observation.Scopes[0])], observation, Options);
    }

    [Fact]
    public void Plan_DashboardsBeforeAlarms_ThrowsInsteadOfRenderingAnAlarmWidgetWithoutAlarms()
    {
        var context = Context();

        var error = Assert.Throws<InvalidOperationException>(() => new DashboardPlanning().Plan(context));

        Assert.Contains("must come after alarms", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_AlarmKind_FillsTheOwnedAlarmsTheDashboardKindLists()
    {
        var context = Context();

        var alarms = new AlarmPlanning().Plan(context);
        var dashboards = new DashboardPlanning().Plan(context);

        var created = alarms.Changes.Where(c => c.Action == ChangeAction.Create).Select(c => c.Target).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(created);
        Assert.Equal(created, context.OwnedAlarms[PolicyName].Order(StringComparer.Ordinal));
        var body = ((PutDashboard)Assert.Single(dashboards.Changes).Payload).Body;
        Assert.All(created, name => Assert.Contains($":alarm:{name}\"", body, StringComparison.Ordinal));
    }

    [Fact]
    public void OwnedAlarms_SetTwice_Throws()
    {
        var context = Context();
        context.OwnedAlarms = new Dictionary<string, IReadOnlyList<string>>();

        Assert.Throws<InvalidOperationException>(() => context.OwnedAlarms = new Dictionary<string, IReadOnlyList<string>>());
    }

    [Fact]
    public void All_RegistryOrder_IsPlanOrderWithAlarmsBeforeDashboards()
    {
        var order = ManagedKinds.All.Select(kind => kind.PlanOrder).ToList();

        Assert.Equal(order.Order(), order);
        Assert.True(
            ManagedKinds.All.ToList().IndexOf(ManagedKinds.Alarm) < ManagedKinds.All.ToList().IndexOf(ManagedKinds.Dashboard),
            "dashboards list the alarms each policy owns, so alarms must plan first");
    }
}
