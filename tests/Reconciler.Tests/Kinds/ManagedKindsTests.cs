using Reconciler.Kinds;
using Reconciler.Kinds.Alarms;
using Reconciler.Planning;
using Reconciler.Reporting;

namespace Reconciler.Tests.Kinds;

public class ManagedKindsTests
{
    [Fact]
    public void All_EveryChangeKind_IsRegisteredOnce()
    {
        Assert.Equal(Enum.GetValues<ChangeKind>().Order(), ManagedKinds.All.Select(kind => kind.Kind).Order());
        Assert.Equal(Enum.GetValues<EntryKind>().Order(), ManagedKinds.All.Select(kind => kind.ReportKind).Distinct().Order());
    }

    [Fact]
    public void All_KindsSharingAnEntryKind_ShareItsLabelAndNoOtherKindUsesIt()
    {
        // Function tracing and function logging are both changes of a function's entry, printed "lambda <name>".
        var labels = ManagedKinds.All.GroupBy(kind => kind.ReportKind).ToDictionary(group => group.Key, group => group.Select(kind => kind.Label).Distinct().ToList());

        Assert.All(labels, pair => Assert.Single(pair.Value));
        Assert.Equal(labels.Count, labels.Values.Select(label => label[0]).Distinct().Count());
        Assert.Equal("log group", ManagedKinds.LabelOf(EntryKind.LogGroup));
    }

    [Fact]
    public void All_KindsThatShareAWriter_AreInOneApplyStage()
    {
        // The applier makes one stream per writer and stage; a shared writer split over stages would write one
        // function twice.
        Assert.All(ManagedKinds.All.GroupBy(kind => kind.Writer), group => Assert.Single(group.Select(kind => kind.ApplyStage).Distinct()));
        Assert.Same(ManagedKinds.FunctionTracing.Writer, ManagedKinds.FunctionLogging.Writer);
    }

    [Fact]
    public void OperationOf_EveryPayloadType_IsDeclaredByExactlyOneKind()
    {
        var payloads = typeof(ChangePayload).Assembly.GetTypes().Where(type => type.IsSubclassOf(typeof(ChangePayload)) && !type.IsAbstract).ToList();

        Assert.NotEmpty(payloads);
        Assert.All(payloads, payload => Assert.Single(ManagedKinds.All.SelectMany(kind => kind.Writes), write => write.Payload == payload));
        Assert.Equal("PutMetricAlarm", ManagedKinds.OperationOf(new PutAlarm(new AlarmDefinition { AlarmName = "a", ComparisonOperator = "GreaterThanThreshold" })));
        Assert.Equal("DeleteAlarms", ManagedKinds.OperationOf(new DeleteAlarm("a")));
    }

    [Fact]
    public void Of_UnregisteredKind_ThrowsInsteadOfReportingAnotherKind()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ManagedKinds.Of((ChangeKind)99));
        Assert.Throws<ArgumentOutOfRangeException>(() => ManagedKinds.LabelOf((EntryKind)99));
    }

    [Theory]
    [InlineData(nameof(ChangeKind.FunctionTracing), nameof(ChangeAction.Update), 0, 0)]
    [InlineData(nameof(ChangeKind.FunctionLogging), nameof(ChangeAction.Update), 1, 0)]
    [InlineData(nameof(ChangeKind.StageTracing), nameof(ChangeAction.Update), 2, 0)]
    [InlineData(nameof(ChangeKind.LogRetention), nameof(ChangeAction.Create), 3, 0)]
    [InlineData(nameof(ChangeKind.Alarm), nameof(ChangeAction.Create), 4, 0)]
    [InlineData(nameof(ChangeKind.Dashboard), nameof(ChangeAction.Update), 5, 1)]
    [InlineData(nameof(ChangeKind.TraceGroup), nameof(ChangeAction.Create), 6, 0)]
    [InlineData(nameof(ChangeKind.SamplingRule), nameof(ChangeAction.Update), 7, 0)]
    [InlineData(nameof(ChangeKind.Alarm), nameof(ChangeAction.Delete), 8, 2)]
    [InlineData(nameof(ChangeKind.TraceGroup), nameof(ChangeAction.Delete), 8, 2)]
    public void PlanOrderAndApplyStage_Change_FollowTheDeclarations(string kindName, string actionName, int wantOrder, int wantStage)
    {
        var (kind, action) = (Enum.Parse<ChangeKind>(kindName), Enum.Parse<ChangeAction>(actionName));
        var change = new PlannedChange("p", kind, action, "t", null, [], new DeleteAlarm("t"), true);

        Assert.Equal((wantOrder, wantStage), (ManagedKinds.PlanOrder(change), ManagedKinds.ApplyStage(change)));
    }

    [Fact]
    public void EngineOperations_Always_IncludeEveryKindsReadsAndWritesSortedWithoutDuplicates()
    {
        var operations = ManagedKinds.EngineOperations;

        Assert.Equal(operations.Count, operations.Distinct().Count());
        Assert.Contains(new KindOperation(Reconciler.Aws.AwsService.CloudWatch, "ListTagsForResource"), operations);
        Assert.Contains(new KindOperation(Reconciler.Aws.AwsService.Lambda, "UpdateFunctionConfiguration"), operations);
        Assert.DoesNotContain(operations, operation => operation.Operation is "GetFunctionConfiguration" or "ListDashboards");
    }
}
