using Reconciler.Policies;

namespace Reconciler.Tests.Policies;

public sealed class PolicyLoaderValidationTests
{
    public static TheoryData<string, string> InvalidDocuments() => new()
    {
        {
            PolicyText.WithLambdaRule("evaluationPeriod: 3"),
            "t.yaml:13:9: spec.alarms.lambda[0]: unknown key \"evaluationPeriod\"; did you mean \"evaluationPeriods\"?"
        },
        {
            PolicyText.WithLambdaRule("colour: red"),
            "t.yaml:13:9: spec.alarms.lambda[0]: unknown key \"colour\"; valid keys here: name, metric, statistic, threshold, comparison, period, evaluationPeriods, datapointsToAlarm, treatMissingData"
        },
        {
            PolicyText.WithLambdaRule("period: 45"),
            "t.yaml:13:17: spec.alarms.lambda[0].period: 45 seconds is not a valid period; use a multiple of 60 (60, 300, 3600, ...). CloudWatch also takes 10, 20 and 30, but only for high-resolution metrics, and Lambda and API Gateway publish once a minute"
        },
        {
            PolicyText.WithLambdaRule("period: 10"),
            "t.yaml:13:17: spec.alarms.lambda[0].period: 10 seconds is too short: Lambda and API Gateway publish these metrics once a minute, so the alarm would lapse into INSUFFICIENT_DATA and be billed as high resolution; use 60 or another multiple of 60"
        },
        {
            PolicyText.WithLambdaRule("period: 20"),
            "t.yaml:13:17: spec.alarms.lambda[0].period: 20 seconds is too short: Lambda and API Gateway publish these metrics once a minute, so the alarm would lapse into INSUFFICIENT_DATA and be billed as high resolution; use 60 or another multiple of 60"
        },
        {
            PolicyText.WithSpec("  alarms:", "    apiGateway:", "      - { name: latency, metric: Latency, threshold: 1, period: 30 }"),
            "t.yaml:10:65: spec.alarms.apiGateway[0].period: 30 seconds is too short: Lambda and API Gateway publish these metrics once a minute, so the alarm would lapse into INSUFFICIENT_DATA and be billed as high resolution; use 60 or another multiple of 60"
        },
        {
            PolicyText.WithLambdaRule("statistic: p100"),
            "t.yaml:13:20: spec.alarms.lambda[0].statistic: \"p100\" is not a statistic; use Sum, Average, Minimum, Maximum, SampleCount or a percentile pNN or pNN.N between 0 and 100 (e.g. p99, p99.9)"
        },
        {
            PolicyText.WithLambdaRule("statistic: average"),
            "t.yaml:13:20: spec.alarms.lambda[0].statistic: \"average\" is not a statistic; did you mean \"Average\"? use Sum, Average, Minimum, Maximum, SampleCount or a percentile pNN or pNN.N between 0 and 100 (e.g. p99, p99.9)"
        },
        {
            PolicyText.WithLambdaRule("comparison: GreaterThan"),
            "t.yaml:13:21: spec.alarms.lambda[0].comparison: \"GreaterThan\" is not valid; valid values: GreaterThanThreshold, GreaterThanOrEqualToThreshold, LessThanThreshold, LessThanOrEqualToThreshold"
        },
        {
            PolicyText.WithLambdaRule("treatMissingData: notbreaching"),
            "t.yaml:13:27: spec.alarms.lambda[0].treatMissingData: \"notbreaching\" is not valid; did you mean \"notBreaching\"? valid values: notBreaching, breaching, ignore, missing"
        },
        {
            PolicyText.WithLambdaRule("evaluationPeriods: 0"),
            "t.yaml:13:28: spec.alarms.lambda[0].evaluationPeriods: must be at least 1, got 0"
        },
        {
            PolicyText.WithLambdaRule("evaluationPeriods: 2.5"),
            "t.yaml:13:28: spec.alarms.lambda[0].evaluationPeriods: expected a whole number, got 2.5"
        },
        {
            PolicyText.WithLambdaRule("datapointsToAlarm: 6"),
            "t.yaml:13:28: spec.alarms.lambda[0].datapointsToAlarm: 6 is more than evaluationPeriods (5); it must be between 1 and evaluationPeriods"
        },
        {
            PolicyText.WithLambdaRule("period: 60", "evaluationPeriods: 1441"),
            "t.yaml:14:28: spec.alarms.lambda[0]: evaluationPeriods * period = 86460 seconds; with a period under 3600 seconds CloudWatch allows at most 86400 (one day); use fewer evaluationPeriods, or a period of 3600 or more, which may evaluate up to 604800 (seven days)"
        },
        {
            PolicyText.WithLambdaRule("period: 1800", "evaluationPeriods: 49"),
            "t.yaml:14:28: spec.alarms.lambda[0]: evaluationPeriods * period = 88200 seconds; with a period under 3600 seconds CloudWatch allows at most 86400 (one day); use fewer evaluationPeriods, or a period of 3600 or more, which may evaluate up to 604800 (seven days)"
        },
        {
            PolicyText.WithLambdaRule("period: 3600", "evaluationPeriods: 169"),
            "t.yaml:14:28: spec.alarms.lambda[0]: evaluationPeriods * period = 608400 seconds; CloudWatch allows at most 604800 (seven days); use fewer evaluationPeriods or a shorter period"
        },
        {
            PolicyText.WithSpec("  alarms:", "    lambda:", "      - name: errors", "        metric: Errors", "        threshold: 1e-400"),
            "t.yaml:12:20: spec.alarms.lambda[0].threshold: 1e-400 is too close to 0: it underflows a double and would be stored as 0; write 0, or a number of at least 2.3e-308"
        },
        {
            PolicyText.WithSpec("  alarms:", "    lambda:", "      - name: errors", "        metric: Errors", "        threshold: -1e-320"),
            "t.yaml:12:20: spec.alarms.lambda[0].threshold: -1e-320 is too close to 0: below 2.2e-308 a double keeps only a few of its digits, so it would be stored rounded; write 0, or a number of at least 2.3e-308"
        },
        {
            PolicyText.WithSpec("  alarms:", "    lambda:", "      - name: errors", "        metric: Errors", "        threshold: 1e400"),
            "t.yaml:12:20: spec.alarms.lambda[0].threshold: 1e400 is too large: it overflows a double (largest about 1.8e308); CloudWatch stores thresholds as doubles, so use a smaller number"
        },
        {
            PolicyText.WithLambdaRule("evaluationPeriods: 5.0000000000000000001"),
            "t.yaml:13:28: spec.alarms.lambda[0].evaluationPeriods: expected a whole number, got 5.0000000000000000001"
        },
        {
            PolicyText.WithSpec("  report:", "    topicArn: arn:aws:sns:us-east-1:123456789012:reports.fifo"),
            "t.yaml:9:15: spec.report.topicArn: \"arn:aws:sns:us-east-1:123456789012:reports.fifo\" is a FIFO topic; SNS refuses a publish to a FIFO topic without a MessageGroupId, and the reconciler sends none, so every drift report would fail. Use a standard topic (a name without .fifo)"
        },
        {
            PolicyText.WithSpec("  alarms:", "    actions:", "      ok: [\"arn:aws:sns:us-east-1:123456789012:ops.fifo\"]"),
            "t.yaml:10:12: spec.alarms.actions.ok[0]: \"arn:aws:sns:us-east-1:123456789012:ops.fifo\" is a FIFO topic; CloudWatch alarm actions cannot give the MessageGroupId SNS requires for FIFO topics, and FIFO topics only deliver to SQS queues, so nobody would be paged. Use a standard topic (a name without .fifo)"
        },
        {
            PolicyText.WithSpec("  dashboard:", "    widgets: [" + string.Join(", ", Enumerable.Repeat("{ title: A, type: alarmStatus }", 500)) + "]"),
            "t.yaml:9:14: spec.dashboard.widgets: 500 widgets; a CloudWatch dashboard holds at most 500, and the reconciler adds one (the ownership note), so declare at most 499: put several metrics in one widget, or split the app into several policies"
        },
        {
            PolicyText.WithSpec("  alarms:", "    lambda:", "      - name: errors", "        metric: Errors", "        threshold: \"5\""),
            "t.yaml:12:20: spec.alarms.lambda[0].threshold: expected a number, got the string \"5\""
        },
        {
            PolicyText.WithSpec("  alarms:", "    lambda:", "      - name: latency", "        metric: Latency", "        threshold: 5"),
            "t.yaml:11:17: spec.alarms.lambda[0].metric: \"Latency\" is not a metric of a Lambda function; valid: ErrorRate, Invocations, Errors, Throttles, DeadLetterErrors, DestinationDeliveryFailures, RecursiveInvocationsDropped, ProvisionedConcurrencyInvocations, ProvisionedConcurrencySpilloverInvocations, AsyncEventsReceived, AsyncEventsDropped, Duration, PostRuntimeExtensionsDuration, IteratorAge, AsyncEventAge, ConcurrentExecutions, ProvisionedConcurrentExecutions, ProvisionedConcurrencyUtilization"
        },
        {
            PolicyText.WithSpec("  alarms:", "    apiGateway:", "      - name: errors", "        metric: 5xxError", "        threshold: 5"),
            "t.yaml:11:17: spec.alarms.apiGateway[0].metric: \"5xxError\" is not a metric of an API Gateway REST stage; did you mean \"5XXError\"? valid: Count, 4XXError, 5XXError, Latency, IntegrationLatency, CacheHitCount, CacheMissCount"
        },
        {
            PolicyText.WithSpec("  alarms:", "    lambda:", "      - name: rate", "        metric: ErrorRate", "        statistic: Sum", "        threshold: 5"),
            "t.yaml:12:20: spec.alarms.lambda[0].statistic: ErrorRate takes no statistic (it is 100 * Sum(Errors) / Sum(Invocations)); remove statistic"
        },
        {
            PolicyText.WithSpec("  alarms:", "    lambda:", "      - name: Errors_1", "        metric: Errors", "        threshold: 5"),
            "t.yaml:10:15: spec.alarms.lambda[0].name: \"Errors_1\" is not a valid name; use lowercase letters, digits and '-' (not at either end), e.g. \"errors-1\""
        },
        {
            PolicyText.WithSpec("  alarms:", "    lambda:", "      - { name: a, metric: Errors, threshold: 1 }", "      - { name: a, metric: Throttles, threshold: 1 }"),
            "t.yaml:11:17: spec.alarms.lambda[1].name: alarm name \"a\" is already used at line 10 for the same resource type; alarm names must be unique per resource type"
        },
        {
            PolicyText.WithSpec("  alarms:", "    lambda:", "      - { metric: Errors, threshold: 1 }"),
            "t.yaml:10:9: spec.alarms.lambda[0]: \"name\" is missing; add name: error-rate"
        },
        {
            PolicyText.WithSpec("  alarms:", "    actions:", "      alarm: [\"arn:aws:sns:us-east-1:12345:ops\"]"),
            "t.yaml:10:15: spec.alarms.actions.alarm[0]: \"arn:aws:sns:us-east-1:12345:ops\" is not an SNS topic ARN; expected arn:aws:sns:REGION:ACCOUNT:TOPIC with a 12-digit account, e.g. arn:aws:sns:us-east-1:123456789012:ops-alerts (partition aws, aws-cn or aws-us-gov)"
        },
        {
            PolicyText.WithSpec("  report:", "    topicArn: arn:aws:sqs:us-east-1:123456789012:reports"),
            "t.yaml:9:15: spec.report.topicArn: \"arn:aws:sqs:us-east-1:123456789012:reports\" is not an SNS topic ARN; expected arn:aws:sns:REGION:ACCOUNT:TOPIC with a 12-digit account, e.g. arn:aws:sns:us-east-1:123456789012:ops-alerts (partition aws, aws-cn or aws-us-gov)"
        },
        {
            PolicyText.WithSpec("  report:", "    when: onchange"),
            "t.yaml:9:11: spec.report.when: \"onchange\" is not valid; did you mean \"onChange\"? valid values: onChange, always, onError"
        },
        {
            PolicyText.WithSpec("  mode: enforced"),
            "t.yaml:8:9: spec.mode: \"enforced\" is not valid; did you mean \"enforce\"? valid values: enforce, audit"
        },
        {
            PolicyText.WithSpec("  tracing:", "    lambda: true"),
            "t.yaml:9:13: spec.tracing.lambda: \"true\" is not valid; valid values: Active, PassThrough"
        },
        {
            PolicyText.WithSpec("  tracing:", "    apiGateway: yes"),
            "t.yaml:9:17: spec.tracing.apiGateway: expected true or false, got the string \"yes\""
        },
        {
            PolicyText.WithSpec("  logs:", "    retentionDays: 31"),
            "t.yaml:9:20: spec.logs.retentionDays: 31 days is not a retention CloudWatch Logs allows (did you mean 30?); allowed values: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653"
        },
        {
            PolicyText.WithSpec("  logs:", "    format: json"),
            "t.yaml:9:13: spec.logs.format: \"json\" is not valid; did you mean \"JSON\"? valid values: JSON, Text"
        },
        {
            PolicyText.WithSpec("  logs:", "    format: Text", "    applicationLogLevel: INFO"),
            "t.yaml:10:26: spec.logs.applicationLogLevel: log levels apply only to JSON logs, but spec.logs.format is Text; set format: JSON or remove the level"
        },
        {
            PolicyText.WithSpec("  logs:", "    systemLogLevel: WARN"),
            "t.yaml:9:21: spec.logs.systemLogLevel: log levels apply only to JSON logs; add format: JSON to spec.logs"
        },
        {
            PolicyText.WithSpec("    resourceTypes: [apigateway:stage]", "  logs:", "    retentionDays: 30"),
            "t.yaml:10:5: spec.logs: applies to lambda:function, but spec.selector.resourceTypes leaves it out; add lambda:function there or remove this setting"
        },
        {
            PolicyText.WithSpec("  dashboard:", "    widgets:", "      - { title: Errors, resource: lambda, metrics: [] }"),
            "t.yaml:10:53: spec.dashboard.widgets[0].metrics: the metric list is empty; name at least one metric to graph"
        },
        {
            PolicyText.WithSpec("  dashboard:", "    widgets:", "      - { title: Latency, resource: lambda, metrics: [Latency] }"),
            "t.yaml:10:55: spec.dashboard.widgets[0].metrics[0]: \"Latency\" is not a metric of a Lambda function; valid: Invocations, Errors, Throttles, DeadLetterErrors, DestinationDeliveryFailures, RecursiveInvocationsDropped, ProvisionedConcurrencyInvocations, ProvisionedConcurrencySpilloverInvocations, AsyncEventsReceived, AsyncEventsDropped, Duration, PostRuntimeExtensionsDuration, IteratorAge, AsyncEventAge, ConcurrentExecutions, ProvisionedConcurrentExecutions, ProvisionedConcurrencyUtilization"
        },
        {
            PolicyText.WithSpec("  dashboard:", "    widgets:", "      - { title: Alarms, type: alarmStatus, resource: lambda }"),
            "t.yaml:10:45: spec.dashboard.widgets[0]: an alarmStatus widget shows the policy's alarms and takes no \"resource\"; remove it"
        },
        {
            PolicyText.WithSpec("    resourceTypes: [apigateway:stage]", "  tracing:", "    lambda: Active"),
            "t.yaml:10:13: spec.tracing.lambda: applies to lambda:function, but spec.selector.resourceTypes leaves it out; add lambda:function there or remove this setting"
        },
        {
            PolicyText.WithSpec("    resourceTypes: [lambda:function, lambda:function]"),
            "t.yaml:8:38: spec.selector.resourceTypes[1]: lambda:function is listed twice; remove one"
        },
        {
            PolicyText.WithSpec("    matchAll: true"),
            "t.yaml:8:15: spec.selector.matchAll: matchAll: true selects every resource, but tags are also given; remove matchAll or the tags"
        },
        {
            "apiVersion: reconciler.observability/v1\nkind: ObservabilityPolicy\nmetadata:\n  name: test\nspec:\n  selector:\n    tags: {}\n",
            "t.yaml:7:5: spec.selector: the tag selector is empty, so this policy would cover every Lambda function and API stage in the account; add selector.tags (e.g. tags: { app: my-app }) or, if that is really meant, selector.matchAll: true"
        },
        {
            "apiVersion: reconciler.observability/v1\nkind: ObservabilityPolicy\nmetadata:\n  name: test\nspec:\n  selector:\n    tags:\n      app: { name: x }\n",
            "t.yaml:8:12: spec.selector.tags.app: a tag value must be a string or a list of strings, got a mapping"
        },
        {
            "apiVersion: reconciler.observability/v1\nkind: ObservabilityPolicy\nmetadata:\n  name: test\nspec:\n  selector:\n    tags: { version: 2 }\n",
            "t.yaml:7:22: spec.selector.tags.version: expected a string, got the number 2; quote it if you mean the text: \"2\""
        },
        {
            "apiVersion: reconciler.observability/v2\nkind: ObservabilityPolicy\nmetadata:\n  name: test\nspec:\n  selector:\n    matchAll: true\n",
            "t.yaml:1:13: apiVersion: \"reconciler.observability/v2\" is not supported; expected reconciler.observability/v1"
        },
        {
            "apiVersion: reconciler.observability/v1\nkind: Policy\nmetadata:\n  name: test\nspec:\n  selector:\n    matchAll: true\n",
            "t.yaml:2:7: kind: \"Policy\" is not supported; expected ObservabilityPolicy"
        },
        {
            "apiVersion: reconciler.observability/v1\nkind: ObservabilityPolicy\nmetadata:\n  name: test\n",
            "t.yaml:1:1: \"spec\" is missing; a policy needs at least spec.selector.tags (or spec.selector.matchAll: true)"
        },
        {
            "apiVersion: reconciler.observability/v1\nkind: ObservabilityPolicy\nmetadata:\n  name: test\n  name: other\nspec:\n  selector:\n    matchAll: true\n",
            "t.yaml:5:3: metadata: duplicate key \"name\" (first at line 4); keep one"
        },
        {
            "apiVersion: reconciler.observability/v1\nkind: ObservabilityPolicy\nmetadata:\n  name: test\nspec:\n  selector:\n   matchAll: true\n  tracing: [\n",
            "t.yaml:9:1: YAML syntax error: While parsing a node, did not find expected node content."
        },
        {
            "spec: [1, 2\nb: c\n",
            "t.yaml:1:7: YAML syntax error: the parser could not continue inside the list or mapping that starts here; is a bracket, brace or quote left open?"
        },
        {
            "apiVersion: reconciler.observability/v1\nkind: ObservabilityPolicy\nmetadata:\n  name: test\n   bad: indentation\n",
            "t.yaml:5:7: YAML syntax error: While scanning a plain scalar value, found invalid mapping."
        },
    };

    /// <summary>Each field checked by a pattern, written as a block scalar ("key: |"), which keeps a final "\n".</summary>
    public static TheoryData<string, string> TrailingNewlines() => new()
    {
        {
            "apiVersion: reconciler.observability/v1\nkind: ObservabilityPolicy\nmetadata:\n  name: |\n    orders\nspec:\n  selector: { matchAll: true }\n",
            "t.yaml:4:9: metadata.name: \"orders\n\" is not a valid name; use lowercase letters, digits and '-' (not at either end), e.g. \"orders\""
        },
        {
            PolicyText.WithSpec("  alarms:", "    lambda:", "      - name: |", "          errors", "        metric: Errors", "        threshold: 1"),
            "t.yaml:10:15: spec.alarms.lambda[0].name: \"errors\n\" is not a valid name; use lowercase letters, digits and '-' (not at either end), e.g. \"errors\""
        },
        {
            PolicyText.WithSpec("  alarms:", "    apiGateway:", "      - name: |", "          errors", "        metric: Count", "        threshold: 1"),
            "t.yaml:10:15: spec.alarms.apiGateway[0].name: \"errors\n\" is not a valid name; use lowercase letters, digits and '-' (not at either end), e.g. \"errors\""
        },
        {
            PolicyText.WithSpec("  dashboard:", "    name: |", "      Orders"),
            "t.yaml:9:11: spec.dashboard.name: \"Orders\n\" is not a valid dashboard name; use letters, digits, '-' and '_' (at most 255)"
        },
        {
            PolicyText.WithLambdaRule("statistic: |", "  p99"),
            "t.yaml:13:20: spec.alarms.lambda[0].statistic: \"p99\n\" is not a statistic; use Sum, Average, Minimum, Maximum, SampleCount or a percentile pNN or pNN.N between 0 and 100 (e.g. p99, p99.9)"
        },
        {
            PolicyText.WithSpec("  dashboard:", "    widgets:", "      - title: T", "        resource: lambda", "        metrics: [Errors]", "        statistic: |", "          Sum"),
            "t.yaml:13:20: spec.dashboard.widgets[0].statistic: \"Sum\n\" is not a statistic; did you mean \"Sum\"? use Sum, Average, Minimum, Maximum, SampleCount or a percentile pNN or pNN.N between 0 and 100 (e.g. p99, p99.9)"
        },
        {
            PolicyText.WithSpec("  alarms:", "    actions:", "      alarm:", "        - |", "          arn:aws:sns:us-east-1:123456789012:ops"),
            "t.yaml:11:11: spec.alarms.actions.alarm[0]: \"arn:aws:sns:us-east-1:123456789012:ops\n\" is not an SNS topic ARN; expected arn:aws:sns:REGION:ACCOUNT:TOPIC with a 12-digit account, e.g. arn:aws:sns:us-east-1:123456789012:ops-alerts (partition aws, aws-cn or aws-us-gov)"
        },
        {
            PolicyText.WithSpec("  report:", "    topicArn: |", "      arn:aws:sns:us-east-1:123456789012:reports"),
            "t.yaml:9:15: spec.report.topicArn: \"arn:aws:sns:us-east-1:123456789012:reports\n\" is not an SNS topic ARN; expected arn:aws:sns:REGION:ACCOUNT:TOPIC with a 12-digit account, e.g. arn:aws:sns:us-east-1:123456789012:ops-alerts (partition aws, aws-cn or aws-us-gov)"
        },
    };

    [Theory]
    [MemberData(nameof(TrailingNewlines))]
    public void LoadText_ValueWithTrailingNewline_IsRefused(string yaml, string expected)
    {
        var result = PolicyLoader.LoadText("t.yaml", yaml);

        Assert.Empty(result.Policies);
        Assert.Equal([expected], result.Errors.Select(error => error.ToString()));
    }

    [Theory]
    [InlineData(3600, 168)]
    [InlineData(86400, 7)]
    [InlineData(60, 1440)]
    [InlineData(1800, 48)]
    public void LoadText_EvaluationWithinTheCloudWatchLimit_IsAccepted(int period, int evaluationPeriods)
    {
        var result = PolicyLoader.LoadText("t.yaml", PolicyText.WithLambdaRule($"period: {period}", $"evaluationPeriods: {evaluationPeriods}"));

        Assert.Empty(result.Errors);
        Assert.Equal((period, evaluationPeriods), (result.Policies[0].Alarms.Lambda[0].Period, result.Policies[0].Alarms.Lambda[0].EvaluationPeriods));
    }

    [Theory]
    [InlineData("0", 0.0)]
    [InlineData("0.0e-400", 0.0)]
    [InlineData("-0", 0.0)]
    [InlineData("2.3e-308", 2.3e-308)]
    [InlineData("1.7e308", 1.7e308)]
    public void LoadText_ThresholdADoubleCanHold_IsKept(string threshold, double expected)
    {
        var result = PolicyLoader.LoadText("t.yaml", PolicyText.WithSpec("  alarms:", "    lambda:", "      - name: errors", "        metric: Errors", $"        threshold: {threshold}"));

        Assert.Empty(result.Errors);
        Assert.Equal(expected, result.Policies[0].Alarms.Lambda[0].Threshold);
    }

    [Theory]
    [MemberData(nameof(InvalidDocuments))]
    public void LoadText_InvalidDocument_ReportsExactError(string yaml, string expected)
    {
        var result = PolicyLoader.LoadText("t.yaml", yaml);

        Assert.False(result.IsValid);
        Assert.Empty(result.Policies);
        Assert.Equal(expected, Assert.Single(result.Errors).ToString());
    }

    [Fact]
    public void LoadText_ManyProblems_ReportsAllSortedByPosition()
    {
        var yaml = PolicyText.WithSpec(
            "  mode: enforced",
            "  alarms:",
            "    lambda:",
            "      - { name: a, metric: Errors, threshold: high, period: 45 }");

        var result = PolicyLoader.LoadText("t.yaml", yaml);

        Assert.Equal(
            [(8, 9), (11, 47), (11, 61)],
            result.Errors.Select(error => (error.Line, error.Column)));
    }
}
