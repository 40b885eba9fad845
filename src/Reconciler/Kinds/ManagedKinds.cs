using Reconciler.Aws;
using Reconciler.Kinds.Alarms;
using Reconciler.Kinds.Dashboards;
using Reconciler.Kinds.FunctionConfiguration;
using Reconciler.Kinds.FunctionLogging;
using Reconciler.Kinds.FunctionTracing;
using Reconciler.Kinds.LogRetention;
using Reconciler.Kinds.SamplingRules;
using Reconciler.Kinds.StageTracing;
using Reconciler.Kinds.TraceGroups;
using Reconciler.Planning;
using Reconciler.Policies;
using Reconciler.Reporting;
using Reconciler.Verification.TraceArrival;

namespace Reconciler.Kinds;

/// <summary>
/// The registered kinds. Adding a kind is one declaration here, pointing at its folder (its planning step and
/// writer); nothing else switches on <see cref="ChangeKind"/>: an unregistered kind is an error, never silently
/// reported as another.
/// </summary>
internal static class ManagedKinds
{
    private static readonly KindOperation ListFunctions = new(AwsService.Lambda, "ListFunctions");
    private static readonly KindOperation ListAliases = new(AwsService.Lambda, "ListAliases");
    private static readonly KindOperation GetResources = new(AwsService.Tagging, "GetResources");
    private static readonly KindOperation GetRestApis = new(AwsService.ApiGateway, "GetRestApis");
    private static readonly KindOperation GetStages = new(AwsService.ApiGateway, "GetStages");
    private static readonly KindOperation DescribeAlarms = new(AwsService.CloudWatch, "DescribeAlarms");
    private static readonly KindOperation ListTagsForResource = new(AwsService.CloudWatch, "ListTagsForResource");
    private static readonly KindOperation CloudWatchTagResource = new(AwsService.CloudWatch, "TagResource");
    private static readonly KindOperation UpdateFunctionConfiguration = new(AwsService.Lambda, "UpdateFunctionConfiguration");
    private static readonly KindOperation PutRetentionPolicy = new(AwsService.CloudWatchLogs, "PutRetentionPolicy");
    private static readonly KindOperation XRayListTagsForResource = new(AwsService.XRay, "ListTagsForResource");

    /// <summary>Lambda TracingConfig.Mode of one function.</summary>
    public static ManagedKind FunctionTracing { get; } = new(
        ChangeKind.FunctionTracing,
        "lambda",
        EntryKind.LambdaFunction,
        PlanOrder: 0,
        ApplyStage: 0,
        new FunctionTracingPlanning(),
        FunctionConfigurationWriter.Shared,
        [new(typeof(SetFunctionTracing), [UpdateFunctionConfiguration])],
        [GetResources, ListFunctions, ListAliases]);

    /// <summary>
    /// Lambda LoggingConfig (format and levels) of one function. It shares function tracing's writer: a function
    /// drifted in both is corrected with one UpdateFunctionConfiguration.
    /// </summary>
    public static ManagedKind FunctionLogging { get; } = new(
        ChangeKind.FunctionLogging,
        "lambda",
        EntryKind.LambdaFunction,
        PlanOrder: 1,
        ApplyStage: 0,
        new FunctionLoggingPlanning(),
        FunctionConfigurationWriter.Shared,
        [new(typeof(SetFunctionLogging), [UpdateFunctionConfiguration])],
        [GetResources, ListFunctions]);

    /// <summary>tracingEnabled of one REST API stage.</summary>
    public static ManagedKind StageTracing { get; } = new(
        ChangeKind.StageTracing,
        "apigateway",
        EntryKind.ApiGatewayStage,
        PlanOrder: 2,
        ApplyStage: 0,
        new StageTracingPlanning(),
        new StageTracingWriter(),
        [new(typeof(SetStageTracing), [new(AwsService.ApiGateway, "UpdateStage")])],
        [GetResources, GetRestApis, GetStages]);

    /// <summary>
    /// The retention of one selected function's CloudWatch Logs log group, created (tagged as ours) when it does not
    /// exist yet; never deleted.
    /// </summary>
    public static ManagedKind LogRetention { get; } = new(
        ChangeKind.LogRetention,
        "log group",
        EntryKind.LogGroup,
        PlanOrder: 3,
        ApplyStage: 0,
        new LogRetentionPlanning(),
        new LogRetentionWriter(),
        [
            new(typeof(CreateLogGroup), [new(AwsService.CloudWatchLogs, "CreateLogGroup"), PutRetentionPolicy]),
            new(typeof(SetLogRetention), [PutRetentionPolicy]),
        ],
        [GetResources, ListFunctions, new(AwsService.CloudWatchLogs, "DescribeLogGroups")])
    {
        Observer = new LogGroupObservation(),
    };

    /// <summary>One CloudWatch metric alarm.</summary>
    public static ManagedKind Alarm { get; } = new(
        ChangeKind.Alarm,
        "alarm",
        EntryKind.Alarm,
        PlanOrder: 4,
        ApplyStage: 0,
        new AlarmPlanning(),
        new AlarmWriter(),
        [
            new(typeof(PutAlarm), [new(AwsService.CloudWatch, "PutMetricAlarm"), CloudWatchTagResource]),
            new(typeof(DeleteAlarm), [new(AwsService.CloudWatch, "DeleteAlarms")]),
        ],
        [DescribeAlarms, ListTagsForResource],
        DeleteBatchSize: 100);

    /// <summary>One CloudWatch dashboard.</summary>
    public static ManagedKind Dashboard { get; } = new(
        ChangeKind.Dashboard,
        "dashboard",
        EntryKind.Dashboard,
        PlanOrder: 5,
        ApplyStage: 1,
        new DashboardPlanning(),
        new DashboardWriter(),
        [new(typeof(PutDashboard), [new(AwsService.CloudWatch, "PutDashboard"), CloudWatchTagResource])],
        [new(AwsService.CloudWatch, "GetDashboard"), ListTagsForResource])
    {
        Observer = new DashboardObservation(),
        Extent = KindExtent.PolicyWide,
        WantedBy = static policy => policy.Dashboard is not null,
    };

    /// <summary>
    /// A policy's X-Ray group (spec.tracing.group), whose filter expression selects the policy's functions and stages.
    /// CreateGroup sends the ownership tags, for which IAM also checks xray:TagResource (the template grants it).
    /// </summary>
    public static ManagedKind TraceGroup { get; } = new(
        ChangeKind.TraceGroup,
        "xray group",
        EntryKind.XRayGroup,
        PlanOrder: 6,
        ApplyStage: 0,
        new TraceGroupPlanning(),
        new TraceGroupWriter(),
        [
            new(typeof(CreateTraceGroup), [new(AwsService.XRay, "CreateGroup")]),
            new(typeof(UpdateTraceGroup), [new(AwsService.XRay, "UpdateGroup")]),
            new(typeof(DeleteTraceGroup), [new(AwsService.XRay, "DeleteGroup")]),
        ],
        [new(AwsService.XRay, "GetGroups"), XRayListTagsForResource])
    {
        Observer = new TraceGroupObservation(),
        Extent = KindExtent.PolicyWide,
        WantedBy = static policy => policy.Section<TraceGroupSpec>().Wanted,
    };

    /// <summary>A policy's X-Ray sampling rule for its REST API stages (spec.tracing.sampling).</summary>
    public static ManagedKind SamplingRule { get; } = new(
        ChangeKind.SamplingRule,
        "sampling rule",
        EntryKind.SamplingRule,
        PlanOrder: 7,
        ApplyStage: 0,
        new SamplingRulePlanning(),
        new SamplingRuleWriter(),
        [
            new(typeof(CreateSamplingRule), [new(AwsService.XRay, "CreateSamplingRule")]),
            new(typeof(UpdateSamplingRule), [new(AwsService.XRay, "UpdateSamplingRule")]),
            new(typeof(DeleteSamplingRule), [new(AwsService.XRay, "DeleteSamplingRule")]),
        ],
        [new(AwsService.XRay, "GetSamplingRules"), XRayListTagsForResource])
    {
        Observer = new SamplingRuleObservation(),
        Extent = KindExtent.PolicyWide,
        WantedBy = static policy => policy.Section<SamplingSpec>().Wanted,
    };

    /// <summary>
    /// Every registered kind, in plan order, which is also the order they plan in: alarms before dashboards, whose
    /// alarm widget lists the alarms each policy owns.
    /// </summary>
    public static IReadOnlyList<ManagedKind> All { get; } = [FunctionTracing, FunctionLogging, StageTracing, LogRetention, Alarm, Dashboard, TraceGroup, SamplingRule];

    /// <summary>
    /// The policy sections kinds and checks declare for themselves, in the order their errors are reported: spec.logs
    /// (function logging and log group retention), spec.tracing.group, spec.tracing.sampling and spec.tracing.verify
    /// (the trace-arrival check).
    /// </summary>
    public static IReadOnlyList<PolicySectionReader> PolicySections { get; } =
        [new LogsSection(), new TraceGroupSection(), new SamplingSection(), new TraceVerifySection()];

    /// <summary>The kinds' own observations (<see cref="ManagedKind.Observer"/>), in registry order, each once.</summary>
    public static IReadOnlyList<KindObservation> Observations { get; } =
        [.. All.Select(kind => kind.Observer).OfType<KindObservation>().Distinct()];

    /// <summary>True when <paramref name="policy"/> wants an object rendered from its whole selection.</summary>
    public static bool WantsPolicyWideObject(ObservabilityPolicy policy) =>
        All.Any(kind => kind.Extent == KindExtent.PolicyWide && kind.WantedBy(policy));

    /// <summary>The observations of the kinds of one <see cref="KindExtent"/>, in registry order, each once.</summary>
    public static IReadOnlyList<KindObservation> ObservationsOf(KindExtent extent) =>
        [.. All.Where(kind => kind.Extent == extent).Select(kind => kind.Observer).OfType<KindObservation>().Distinct()];

    /// <summary>
    /// What every run calls whatever it manages: the account id for ARNs and reports, the report's publication, the
    /// read-only notification-path check of the topics alarms and reports use, and the read-only trace-arrival check
    /// (invocation counts and the X-Ray service graph) of policies with spec.tracing.verify.
    /// </summary>
    public static IReadOnlyList<KindOperation> RunOperations { get; } =
    [
        new(AwsService.Sts, "GetCallerIdentity"),
        new(AwsService.Sns, "Publish"),
        new(AwsService.Sns, "GetTopicAttributes"),
        new(AwsService.CloudWatch, "GetMetricData"),
        new(AwsService.XRay, "GetServiceGraph"),
    ];

    /// <summary>
    /// What the Lambda's drill event adds (`reconciler drill` without --verify-delivery, whose SQS and SNS Subscribe
    /// calls only the CLI makes): firing and restoring owned alarms, and reading their Action history.
    /// </summary>
    public static IReadOnlyList<KindOperation> DrillOperations { get; } =
        [new(AwsService.CloudWatch, "SetAlarmState"), new(AwsService.CloudWatch, "DescribeAlarmHistory")];

    /// <summary>Every AWS operation the engine can call: the kinds' reads and writes, the run's own and the drill's.</summary>
    public static IReadOnlyList<KindOperation> EngineOperations { get; } =
    [
        .. All.SelectMany(kind => kind.Reads.Concat(kind.Writes.SelectMany(write => write.Operations)))
            .Concat(RunOperations)
            .Concat(DrillOperations)
            .Distinct()
            .OrderBy(operation => operation.Service)
            .ThenBy(operation => operation.Operation, StringComparer.Ordinal),
    ];

    /// <summary>The declaration of <paramref name="kind"/>.</summary>
    public static ManagedKind Of(ChangeKind kind) =>
        All.FirstOrDefault(declared => declared.Kind == kind)
        ?? throw new ArgumentOutOfRangeException(nameof(kind), kind, "no ManagedKind is registered for this change kind");

    /// <summary>
    /// The label of entries the report shows as <paramref name="kind"/>: that of the first kind declared with it (kinds
    /// that share an entry kind share its label, which ManagedKindsTests checks).
    /// </summary>
    public static string LabelOf(EntryKind kind) =>
        All.FirstOrDefault(declared => declared.ReportKind == kind)?.Label
        ?? throw new ArgumentOutOfRangeException(nameof(kind), kind, "no ManagedKind reports entries of this kind");

    /// <summary>The AWS operation a payload is written with, as reports name it.</summary>
    public static string OperationOf(ChangePayload payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        return All.SelectMany(kind => kind.Writes).FirstOrDefault(write => write.Payload == payload.GetType())?.OperationName
            ?? throw new ArgumentOutOfRangeException(nameof(payload), payload.GetType().Name, "no ManagedKind declares a write for this payload");
    }

    /// <summary>
    /// Where a change stands in the plan and in apply order: creates and updates by <see cref="ManagedKind.PlanOrder"/>,
    /// then every delete (a renamed alarm exists under its new name before the old one goes).
    /// </summary>
    public static int PlanOrder(PlannedChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return change.Action == ChangeAction.Delete ? All.Count : Of(change.Kind).PlanOrder;
    }

    /// <summary>The apply stage of a change: its kind's stage, or the last stage for deletes.</summary>
    public static int ApplyStage(PlannedChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return change.Action == ChangeAction.Delete ? All.Max(kind => kind.ApplyStage) + 1 : Of(change.Kind).ApplyStage;
    }
}
