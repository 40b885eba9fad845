using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Reconciler.Watch;
using YamlDotNet.RepresentationModel;
using static Reconciler.IntegrationTests.Lambda.TemplateYaml;

namespace Reconciler.IntegrationTests.Lambda;

/// <summary>
/// template.yaml's watch mode (docs/lambda.md, "Watch mode"): the EventBridge rule's pattern is
/// <see cref="WatchedEvents.EventPattern"/>, only that rule may send to the queue, the function may only poll that
/// queue, the event source mapping and queue settings fit together, and every watch resource exists only when
/// WatchMode is "true", which it is not by default.
/// </summary>
public sealed class WatchTemplateTests
{
    private static readonly string[] WatchResources =
    [
        "WatchRule",
        "WatchQueue",
        "WatchDeadLetterQueue",
        "WatchQueuePolicy",
        "WatchQueueConsumer",
        "WatchEventSourceMapping",
        "WatchDeadLetterAlarm",
    ];

    // SQS's largest VisibilityTimeout, 12 hours.
    private const int MaxVisibilityTimeout = 43_200;

    // SQS's default MessageRetentionPeriod, 4 days, when a queue does not set one.
    private const int DefaultRetention = 345_600;

    [Fact]
    public void WatchRule_EventPattern_IsExactlyWatchedEventsEventPattern()
    {
        var rule = Resource("WatchRule");
        Assert.Equal("AWS::Events::Rule", Scalar(Child(rule, "Type")));

        var pattern = CompactJson(Child(Child(rule, "Properties"), "EventPattern"));

        // Same members in the same order: the rule delivers exactly what ChangeEventReader looks up.
        Assert.Equal(WatchedEvents.EventPattern(), pattern);
    }

    [Fact]
    public void WatchRule_TargetsOnlyTheWatchQueue()
    {
        var properties = Child(Resource("WatchRule"), "Properties");
        Assert.Equal("ENABLED", Scalar(Child(properties, "State")));
        // The default bus, where CloudTrail's management events arrive.
        Assert.Null(TryChild(properties, "EventBusName"));
        Assert.Null(TryChild(properties, "ScheduleExpression"));

        var target = Assert.Single(((YamlSequenceNode)Child(properties, "Targets")).Children);
        Assert.Equal("WatchQueue.Arn", GetAtt(Child(target, "Arn")));
        Assert.Null(TryChild(target, "Input"));
        Assert.Null(TryChild(target, "InputPath"));
        Assert.Null(TryChild(target, "InputTransformer"));
    }

    [Fact]
    public void WatchQueuePolicy_OnlyEventBridgeForTheWatchRule_MaySend()
    {
        var properties = Child(Resource("WatchQueuePolicy"), "Properties");
        Assert.Equal("AWS::SQS::QueuePolicy", Scalar(Child(Resource("WatchQueuePolicy"), "Type")));
        Assert.Equal("WatchQueue", Ref(Assert.Single(((YamlSequenceNode)Child(properties, "Queues")).Children)));

        var statement = Assert.Single(((YamlSequenceNode)Child(Child(properties, "PolicyDocument"), "Statement")).Children);
        Assert.Equal("Allow", Scalar(Child(statement, "Effect")));
        Assert.Null(TryChild(statement, "NotPrincipal"));
        Assert.Null(TryChild(statement, "NotAction"));
        var principal = (YamlMappingNode)Child(statement, "Principal");
        Assert.Equal(["Service"], principal.Children.Keys.Select(Scalar));
        Assert.Equal(["events.amazonaws.com"], Values(Child(principal, "Service")));
        Assert.Equal(["sqs:SendMessage"], Values(Child(statement, "Action")));
        Assert.Equal("WatchQueue.Arn", GetAtt(Child(statement, "Resource")));

        // Any rule of any account can name the queue as a target; aws:SourceArn confines it to this stack's rule.
        var condition = (YamlMappingNode)Child(statement, "Condition");
        Assert.Equal(["ArnEquals"], condition.Children.Keys.Select(Scalar));
        var arnEquals = (YamlMappingNode)Child(condition, "ArnEquals");
        Assert.Equal(["aws:SourceArn"], arnEquals.Children.Keys.Select(Scalar));
        Assert.Equal("WatchRule.Arn", GetAtt(Child(arnEquals, "aws:SourceArn")));
    }

    [Fact]
    public void WatchQueueConsumer_GrantsOnlyPolling_OnlyOnTheWatchQueue()
    {
        var consumer = Resource("WatchQueueConsumer");
        Assert.Equal("AWS::IAM::RolePolicy", Scalar(Child(consumer, "Type")));
        var properties = Child(consumer, "Properties");
        Assert.Equal("ReconcilerFunctionRole", Ref(Child(properties, "RoleName")));

        var statements = ((YamlSequenceNode)Child(Child(properties, "PolicyDocument"), "Statement")).Children;
        Assert.All(statements, statement =>
        {
            Assert.Equal("Allow", Scalar(Child(statement, "Effect")));
            Assert.Null(TryChild(statement, "NotResource"));
            Assert.Equal("WatchQueue.Arn", GetAtt(Child(statement, "Resource")));
        });
        Assert.Equal(
            ["sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ReceiveMessage"],
            statements.SelectMany(statement => Values(Child(statement, "Action"))).Order(StringComparer.Ordinal));

        // The function's own policies, which exist with watch mode off too, grant nothing on SQS.
        var policies = (YamlSequenceNode)Child(Child(Resource("ReconcilerFunction"), "Properties"), "Policies");
        var sqsActions = policies.Children
            .SelectMany(policy => ((YamlSequenceNode)Child(policy, "Statement")).Children)
            .SelectMany(statement => Values(Child(statement, "Action")))
            .Where(action => action.StartsWith("sqs:", StringComparison.OrdinalIgnoreCase));
        Assert.Empty(sqsActions);
    }

    [Fact]
    public void WatchEventSourceMapping_BatchesWithPartialFailures_AndFitsTheReservedConcurrency()
    {
        var mapping = Resource("WatchEventSourceMapping");
        Assert.Equal("AWS::Lambda::EventSourceMapping", Scalar(Child(mapping, "Type")));
        // Lambda checks the role's SQS permissions when it creates the mapping.
        Assert.Equal(["WatchQueueConsumer"], Values(Child(mapping, "DependsOn")));
        var properties = Child(mapping, "Properties");
        Assert.Equal("ReconcilerFunction", Ref(Child(properties, "FunctionName")));
        Assert.Equal("WatchQueue.Arn", GetAtt(Child(properties, "EventSourceArn")));
        Assert.Equal("true", Scalar(Child(properties, "Enabled")));
        Assert.Equal(100, Integer(Child(properties, "BatchSize")));
        Assert.Equal(20, Integer(Child(properties, "MaximumBatchingWindowInSeconds")));
        Assert.Equal(["ReportBatchItemFailures"], Values(Child(properties, "FunctionResponseTypes")));
        var maximumConcurrency = Integer(Child(Child(properties, "ScalingConfig"), "MaximumConcurrency"));
        Assert.Equal(2, maximumConcurrency);
        Assert.Null(TryChild(properties, "FilterCriteria"));

        // With watch mode: room for the mapping's batches (AWS: reserved >= maximum concurrency, or batches are
        // throttled back to the queue and count toward maxReceiveCount) plus the scheduled resync. Without: one run at
        // a time, as before.
        var reserved = Child(Child(Resource("ReconcilerFunction"), "Properties"), "ReservedConcurrentExecutions");
        var (whenWatching, otherwise) = IfWatchEnabled(reserved);
        Assert.True(Integer(whenWatching) >= maximumConcurrency + 1, $"ReservedConcurrentExecutions with watch mode is {Integer(whenWatching)}: it must leave the event source mapping its MaximumConcurrency ({maximumConcurrency}) and the scheduled run one more.");
        Assert.Equal(1, Integer(otherwise));
    }

    [Fact]
    public void WatchQueue_VisibilityTimeout_IsAtLeastSixFunctionTimeoutsPlusTheBatchingWindow()
    {
        var timeout = Integer(Child(Child(Resource("ReconcilerFunction"), "Properties"), "Timeout"));
        var window = Integer(Child(Child(Resource("WatchEventSourceMapping"), "Properties"), "MaximumBatchingWindowInSeconds"));
        var visibilityTimeout = Integer(Child(Child(Resource("WatchQueue"), "Properties"), "VisibilityTimeout"));

        Assert.True(visibilityTimeout >= (6 * timeout) + window, $"WatchQueue's VisibilityTimeout is {visibilityTimeout} s; AWS asks for at least 6 x {timeout} + {window} = {(6 * timeout) + window} s.");
        Assert.True(visibilityTimeout <= MaxVisibilityTimeout, $"WatchQueue's VisibilityTimeout {visibilityTimeout} s is over SQS's maximum {MaxVisibilityTimeout} s.");
    }

    [Fact]
    public void WatchQueues_AreEncrypted_AndFailedEventsMoveToTheDeadLetterQueueAfterFiveReceives()
    {
        var queue = Child(Resource("WatchQueue"), "Properties");
        var deadLetters = Child(Resource("WatchDeadLetterQueue"), "Properties");
        Assert.Equal("AWS::SQS::Queue", Scalar(Child(Resource("WatchQueue"), "Type")));
        Assert.Equal("AWS::SQS::Queue", Scalar(Child(Resource("WatchDeadLetterQueue"), "Type")));
        Assert.Equal("true", Scalar(Child(queue, "SqsManagedSseEnabled")));
        Assert.Equal("true", Scalar(Child(deadLetters, "SqsManagedSseEnabled")));

        var redrive = Child(queue, "RedrivePolicy");
        Assert.Equal("WatchDeadLetterQueue.Arn", GetAtt(Child(redrive, "deadLetterTargetArn")));
        Assert.Equal(5, Integer(Child(redrive, "maxReceiveCount")));
        Assert.Null(TryChild(deadLetters, "RedrivePolicy"));

        // A message's age counts from when it entered the first queue: the dead-letter queue must keep it longer.
        var retention = TryChild(queue, "MessageRetentionPeriod") is { } node ? Integer(node) : DefaultRetention;
        Assert.Equal(1_209_600, Integer(Child(deadLetters, "MessageRetentionPeriod")));
        Assert.True(retention < 1_209_600, $"WatchQueue keeps messages {retention} s, not less than its dead-letter queue.");
    }

    [Fact]
    public void WatchDeadLetterAlarm_FiresOnAnyMessageInTheDeadLetterQueue_ToTheReportTopic()
    {
        var alarm = Resource("WatchDeadLetterAlarm");
        Assert.Equal("AWS::CloudWatch::Alarm", Scalar(Child(alarm, "Type")));
        var properties = Child(alarm, "Properties");
        Assert.Equal("AWS/SQS", Scalar(Child(properties, "Namespace")));
        Assert.Equal("ApproximateNumberOfMessagesVisible", Scalar(Child(properties, "MetricName")));
        var dimension = Assert.Single(((YamlSequenceNode)Child(properties, "Dimensions")).Children);
        Assert.Equal("QueueName", Scalar(Child(dimension, "Name")));
        Assert.Equal("WatchDeadLetterQueue.QueueName", GetAtt(Child(dimension, "Value")));
        Assert.Equal("GreaterThanThreshold", Scalar(Child(properties, "ComparisonOperator")));
        Assert.Equal(0, Integer(Child(properties, "Threshold")));
        Assert.Equal("Maximum", Scalar(Child(properties, "Statistic")));
        Assert.Equal(1, Integer(Child(properties, "EvaluationPeriods")));
        Assert.Equal("notBreaching", Scalar(Child(properties, "TreatMissingData")));

        // The topic the reports go to and the other alarms notify.
        var variables = Child(Child(Child(Resource("ReconcilerFunction"), "Properties"), "Environment"), "Variables");
        var reportTopic = Ref(Child(variables, "REPORT_TOPIC_ARN"));
        Assert.Equal([reportTopic], ((YamlSequenceNode)Child(properties, "AlarmActions")).Children.Select(Ref));
    }

    [Fact]
    public void WatchMode_IsOffByDefault_AndSwitchesTheScheduleToTheResync()
    {
        var root = Root();
        var parameter = Child(Child(root, "Parameters"), "WatchMode");
        Assert.Equal("false", Scalar(Child(parameter, "Default")));
        Assert.Equal(["true", "false"], Values(Child(parameter, "AllowedValues")));
        Assert.Equal("rate(6 hours)", Scalar(Child(Child(Child(root, "Parameters"), "ResyncSchedule"), "Default")));

        var condition = (YamlSequenceNode)Child(Child(root, "Conditions"), "WatchEnabled");
        Assert.Equal("!Equals", TagOf(condition));
        Assert.Equal("WatchMode", Ref(condition.Children[0]));
        Assert.Equal("true", Scalar(condition.Children[1]));
        Assert.Equal(2, condition.Children.Count);

        var schedule = Child(Child(Child(Child(Child(Resource("ReconcilerFunction"), "Properties"), "Events"), "ReconcileSchedule"), "Properties"), "Schedule");
        var (whenWatching, otherwise) = IfWatchEnabled(schedule);
        Assert.Equal("ResyncSchedule", Ref(whenWatching));
        Assert.Equal("Schedule", Ref(otherwise));
    }

    [Fact]
    public void WatchResources_ExistOnlyUnderWatchEnabled_AndNothingElseDependsOnThem()
    {
        var root = Root();
        var resources = (YamlMappingNode)Child(root, "Resources");
        var conditional = resources.Children
            .Where(resource => TryChild(resource.Value, "Condition") is YamlScalarNode { Value: "WatchEnabled" })
            .Select(resource => Scalar(resource.Key))
            .ToHashSet(StringComparer.Ordinal);

        Assert.Equal(WatchResources.Order(StringComparer.Ordinal), conditional.Order(StringComparer.Ordinal));
        var unconditionalWatch = resources.Children.Keys.Select(Scalar).Where(name => name.StartsWith("Watch", StringComparison.Ordinal) && !conditional.Contains(name));
        Assert.Empty(unconditionalWatch);

        // A resource or output that exists with watch mode off must not reference a watch resource, except in the
        // WatchEnabled branch of an !If [WatchEnabled, ...].
        var outputs = (YamlMappingNode)Child(root, "Outputs");
        var dangling = new List<string>();
        foreach (var (name, node) in resources.Children.Concat(outputs.Children))
        {
            if (TryChild(node, "Condition") is YamlScalarNode { Value: "WatchEnabled" })
            {
                continue;
            }

            dangling.AddRange(References(node).Where(conditional.Contains).Select(target => $"{Scalar(name)} -> {target}"));
        }

        Assert.True(dangling.Count == 0, "template.yaml uses watch resources outside WatchEnabled:\n" + string.Join('\n', dangling));

        foreach (var output in new[] { "WatchQueueUrl", "WatchDeadLetterQueueUrl" })
        {
            Assert.Equal("WatchEnabled", Scalar(Child(Child(outputs, output), "Condition")));
        }

        Assert.Equal("WatchQueue", Ref(Child(Child(outputs, "WatchQueueUrl"), "Value")));
        Assert.Equal("WatchDeadLetterQueue", Ref(Child(Child(outputs, "WatchDeadLetterQueueUrl"), "Value")));
    }

    [Fact]
    public void NoSuccessfulRunAlarm_WithWatchMode_CoversTheTimeBetweenTwoResyncs()
    {
        var root = Root();
        var resync = Scalar(Child(Child(Child(root, "Parameters"), "ResyncSchedule"), "Default"));
        var match = Regex.Match(resync, @"^rate\((\d+) hours?\)$", RegexOptions.CultureInvariant);
        Assert.True(match.Success, $"ResyncSchedule's default '{resync}' is not rate(N hours): update this test.");
        var interval = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        // A resync's datapoint lands in some hour h, the next one in h + interval, or one later when the run ends just
        // past the hour: up to interval hours in a row without a datapoint, so the window needs one more.
        var needed = interval + 1;

        var properties = Child(Resource("NoSuccessfulRunAlarm"), "Properties");
        Assert.Equal(3600, Integer(Child(properties, "Period")));
        foreach (var field in new[] { "EvaluationPeriods", "DatapointsToAlarm" })
        {
            // !If [HasNoSuccessfulRunHours, !Ref NoSuccessfulRunHours, !If [WatchEnabled, <watching>, <not>]]
            var chosen = (YamlSequenceNode)Child(properties, field);
            Assert.Equal("!If", TagOf(chosen));
            Assert.Equal("HasNoSuccessfulRunHours", Scalar(chosen.Children[0]));
            Assert.Equal("NoSuccessfulRunHours", Ref(chosen.Children[1]));
            var (whenWatching, otherwise) = IfWatchEnabled(chosen.Children[2]);
            Assert.True(Integer(whenWatching) >= needed, $"{field} with watch mode is {Integer(whenWatching)} hours: the {resync} resync leaves up to {interval} empty hours, so it needs at least {needed}.");
            Assert.Equal(2, Integer(otherwise));
        }

        // An explicit NoSuccessfulRunHours is held to the same bound by a Rule, and a custom resync needs one.
        var rules = Child(root, "Rules");
        var defaultResync = Child(rules, "WatchAlarmWindowCoversDefaultResync");
        Assert.Contains(Child(defaultResync, "RuleCondition").AllNodes.OfType<YamlScalarNode>(), scalar => scalar.Value == resync);
        var contains = (YamlSequenceNode)Child(Assert.Single(((YamlSequenceNode)Child(defaultResync, "Assertions")).Children), "Assert");
        Assert.Equal("!Contains", TagOf(contains));
        Assert.Equal("NoSuccessfulRunHours", Ref(contains.Children[1]));
        string[] allowed = ["", .. Enumerable.Range(needed, 24 - needed + 1).Select(hours => hours.ToString(CultureInfo.InvariantCulture))];
        Assert.Equal(allowed, Values(contains.Children[0]));

        var otherResync = Child(rules, "WatchAlarmWindowCoversOtherResync");
        var assertion = Child(Assert.Single(((YamlSequenceNode)Child(otherResync, "Assertions")).Children), "Assert");
        Assert.Equal("!Not", TagOf(assertion));
        var notEmpty = (YamlSequenceNode)Assert.Single(((YamlSequenceNode)assertion).Children);
        Assert.Equal("NoSuccessfulRunHours", Ref(notEmpty.Children[0]));
        Assert.Equal("", Scalar(notEmpty.Children[1]));
    }

    private static YamlNode Resource(string name) => Child(Child(Root(), "Resources"), name);

    private static string Ref(YamlNode node)
    {
        Assert.True(TagOf(node) == "!Ref", $"template.yaml: expected !Ref at {node.Start}, found '{TagOf(node)}'.");
        return Scalar(node);
    }

    // "!GetAtt Name.Attribute" as "Name.Attribute", whichever short form it is written in.
    private static string GetAtt(YamlNode node)
    {
        Assert.True(TagOf(node) == "!GetAtt", $"template.yaml: expected !GetAtt at {node.Start}, found '{TagOf(node)}'.");
        return node is YamlSequenceNode sequence ? string.Join('.', sequence.Children.Select(Scalar)) : Scalar(node);
    }

    // !If [WatchEnabled, a, b] as (a, b).
    private static (YamlNode WhenWatching, YamlNode Otherwise) IfWatchEnabled(YamlNode node)
    {
        Assert.True(TagOf(node) == "!If", $"template.yaml: expected !If [WatchEnabled, ...] at {node.Start}.");
        var children = ((YamlSequenceNode)node).Children;
        Assert.Equal(3, children.Count);
        Assert.Equal("WatchEnabled", Scalar(children[0]));
        return (children[1], children[2]);
    }

    private static int Integer(YamlNode node) => int.Parse(Scalar(node), NumberStyles.None, CultureInfo.InvariantCulture);

    private static List<string> Values(YamlNode node) => node is YamlSequenceNode sequence ? [.. sequence.Children.Select(Scalar)] : [Scalar(node)];

    // The logical ids a node refers to: !Ref, !GetAtt, ${...} in !Sub, DependsOn. The WatchEnabled branch of an
    // !If [WatchEnabled, ...] is skipped: it exists only when the watch resources do.
    private static IEnumerable<string> References(YamlNode node)
    {
        switch (TagOf(node), node)
        {
            case ("!If", YamlSequenceNode sequence) when sequence.Children.Count == 3 && Scalar(sequence.Children[0]) == "WatchEnabled":
                return References(sequence.Children[2]);
            case ("!Ref", YamlScalarNode scalar):
                return [scalar.Value ?? ""];
            case ("!GetAtt", YamlScalarNode scalar):
                return [(scalar.Value ?? "").Split('.')[0]];
            case ("!GetAtt", YamlSequenceNode sequence):
                return [Scalar(sequence.Children[0])];
            case ("!Sub", YamlScalarNode scalar):
                return SubReferences(scalar.Value ?? "");
            case ("!Sub", YamlSequenceNode sequence):
                return [.. SubReferences(Scalar(sequence.Children[0])), .. sequence.Children.Skip(1).SelectMany(References)];
            case (_, YamlMappingNode mapping):
                return mapping.Children.SelectMany(pair => Scalar(pair.Key) == "DependsOn" ? Values(pair.Value) : References(pair.Value));
            case (_, YamlSequenceNode sequence):
                return sequence.Children.SelectMany(References);
            default:
                return [];
        }
    }

    private static IEnumerable<string> SubReferences(string text) =>
        Regex.Matches(text, @"\$\{([A-Za-z0-9]+)(?:\.[A-Za-z0-9]+)?\}", RegexOptions.CultureInvariant).Select(match => match.Groups[1].Value);

    // The pattern as compact JSON, members in the template's order, written as WatchedEvents writes it.
    private static string CompactJson(YamlNode node)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            ToJson(node).WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static JsonNode ToJson(YamlNode node) => node switch
    {
        _ when TagOf(node) != "" => throw new InvalidOperationException($"template.yaml: the event pattern has an intrinsic function ({TagOf(node)}) at {node.Start}; it must be literal."),
        YamlMappingNode mapping => new JsonObject(mapping.Children.Select(pair => KeyValuePair.Create(Scalar(pair.Key), (JsonNode?)ToJson(pair.Value)))),
        YamlSequenceNode sequence => new JsonArray([.. sequence.Children.Select(child => (JsonNode?)ToJson(child))]),
        _ => JsonValue.Create(Scalar(node)),
    };
}
