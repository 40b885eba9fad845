#!/usr/bin/env python3
"""Writes the golden wire files that hold the hand-written AWS clients to botocore.

For every operation the clients in src/Reconciler/Aws/Services implement, each case below is a set of parameters
as botocore names them. This script asks botocore itself, with the service model it ships, for:

  * the ParamValidator verdict on the parameters (a case botocore rejects stops the script: it is no golden case);
  * the request botocore serialises for them (botocore.serialize.create_serializer), prepared the way botocore
    prepares it for sending (botocore.awsrequest), so path, query string and form body are the bytes on the wire;
  * for one canned success answer per operation, what botocore's own response parser reads from it, and the
    ParamValidator verdict of that parsed answer against the operation's output shape (so a fixture cannot name a
    field the model does not have).

It writes tests/Reconciler.Tests/testdata/wire/<service>/<Operation>.json. The C# tests in
tests/Reconciler.Tests/Aws/Wire read those files; they never run Python.

Usage:
  python3 tools/wire/generate_golden.py            # rewrite the files
  python3 tools/wire/generate_golden.py --check    # exit 1, naming each stale file, if any differs

Needs only the standard library and botocore.
"""

import argparse
import datetime
import json
import os
import sys
import urllib.parse

import botocore.awsrequest
import botocore.handlers
import botocore.parsers
import botocore.serialize
import botocore.session
import botocore.validate

REPO_ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
DEFAULT_OUT = os.path.join(REPO_ROOT, "tests", "Reconciler.Tests", "testdata", "wire")
REGENERATE = "python3 tools/wire/generate_golden.py"

# CloudWatch's model now lists smithy-rpc-v2-cbor first (what the AWS CLI speaks to it); our client speaks query,
# which the model still lists and CloudWatch still accepts. Every other service has one protocol.
PROTOCOL_OVERRIDE = {"cloudwatch": "query"}

# The endpoint only forms URLs here; nothing is sent anywhere.
ENDPOINT = "http://127.0.0.1:5000"

ACCOUNT = "123456789012"
TOPIC = f"arn:aws:sns:us-east-1:{ACCOUNT}:reconciler-alerts"
FUNCTION_ARN = f"arn:aws:lambda:us-east-1:{ACCOUNT}:function:orders-api"
DRILL_QUEUE_URL = f"https://sqs.us-east-1.amazonaws.com/{ACCOUNT}/reconciler-drill-3f9a1c"


def case(name, description, params):
    return {"name": name, "description": description, "params": params}


def lambda_dimensions(function_name="orders-api"):
    return [{"Name": "FunctionName", "Value": function_name}]


def metric_stat(metric_name, stat="Sum", unit=None):
    result = {
        "Metric": {"Namespace": "AWS/Lambda", "MetricName": metric_name, "Dimensions": lambda_dimensions()},
        "Period": 60,
        "Stat": stat,
    }
    if unit is not None:
        result["Unit"] = unit
    return result


OWNERSHIP_TAGS = [
    {"Key": "managed-by", "Value": "observability-reconciler"},
    {"Key": "reconciler:policy", "Value": "payments/orders"},
]

# X-Ray: the group and sampling rule a policy named "orders" owns, and the tags the reconciler puts on both.
XRAY_GROUP = "reconciler-orders"
XRAY_GROUP_ARN = f"arn:aws:xray:us-east-1:{ACCOUNT}:group/{XRAY_GROUP}/XRG3QHVLDZ5CUUPOAAF4WXEOT2BJ4LGFY7YSVKQDJHG5Q2ZY4OVA"
XRAY_RULE = "reconciler-orders"
XRAY_RULE_ARN = f"arn:aws:xray:us-east-1:{ACCOUNT}:sampling-rule/{XRAY_RULE}"
XRAY_FILTER = ('service(id(name: "orders-api", type: "AWS::Lambda::Function")) '
               'OR service(id(name: "orders/prod", type: "AWS::ApiGateway::Stage"))')
XRAY_OWNERSHIP_TAGS = [
    {"Key": "managed-by", "Value": "observability-reconciler"},
    {"Key": "reconciler:owner", "Value": "reconciler"},
    {"Key": "reconciler:policy", "Value": "orders"},
]

# The trace-arrival check's window: a whole hour, ending five minutes before the minute the run started.
WINDOW_START = "2026-01-05T08:25:00Z"
WINDOW_END = "2026-01-05T09:25:00Z"


def sampling_rule(service_name="orders/prod"):
    """A rule as the reconciler writes it: one API Gateway stage (or a name pattern), 5% after one request a second."""
    return {
        "RuleName": XRAY_RULE,
        "ResourceARN": "*",
        "Priority": 9000,
        "FixedRate": 0.05,
        "ReservoirSize": 1,
        "ServiceName": service_name,
        "ServiceType": "AWS::ApiGateway::Stage",
        "Host": "*",
        "HTTPMethod": "*",
        "URLPath": "*",
    }


def invocation_queries():
    """GetMetricData's two MetricStat queries as the trace-arrival check builds them (ids m0, m1, ReturnData sent)."""
    return [
        {"Id": "m0", "MetricStat": {
            "Metric": {"Namespace": "AWS/Lambda", "MetricName": "Invocations", "Dimensions": lambda_dimensions()},
            "Period": 3600, "Stat": "Sum"}, "ReturnData": True},
        {"Id": "m1", "MetricStat": {
            "Metric": {"Namespace": "AWS/ApiGateway", "MetricName": "Count",
                       "Dimensions": [{"Name": "ApiName", "Value": "orders"}, {"Name": "Stage", "Value": "prod"}]},
            "Period": 3600, "Stat": "Sum"}, "ReturnData": True},
    ]


# service -> operation -> cases. Parameters the clients always send (AlarmTypes, MaxRecords, MaxItems, limit,
# ResourcesPerPage, ActionsEnabled, ReturnData) are written out, because they are part of what goes on the wire.
CASES = {
    "resourcegroupstaggingapi": {
        "GetResources": [
            case("tag-filter-with-values", "A tag key with two accepted values, limited to Lambda functions and REST APIs.", {
                "TagFilters": [{"Key": "team", "Values": ["payments", "billing"]}],
                "ResourcesPerPage": 100,
                "ResourceTypeFilters": ["lambda:function", "apigateway:restapis"],
            }),
            case("tag-filter-without-values", "A tag key alone (any value matches): Values is left out, not sent empty.", {
                "TagFilters": [{"Key": "observability"}],
                "ResourcesPerPage": 100,
            }),
            case("several-filters", "Two keys (AND), one with a value and one without, one resource type.", {
                "TagFilters": [{"Key": "env", "Values": ["prod"]}, {"Key": "observability"}],
                "ResourcesPerPage": 50,
                "ResourceTypeFilters": ["lambda:function"],
            }),
            case("second-page", "The request for the page after one that returned a PaginationToken.", {
                "PaginationToken": "eyJFbmNyeXB0ZWRLZXkiOiJhYmMrLz0ifQ==",
                "TagFilters": [{"Key": "team", "Values": ["payments"]}],
                "ResourcesPerPage": 100,
                "ResourceTypeFilters": ["apigateway:restapis"],
            }),
        ],
    },
    "lambda": {
        "ListFunctions": [
            case("first-page", "The first page, 50 functions at most.", {"MaxItems": 50}),
            case("next-page", "The page after a NextMarker; the marker has characters that must be escaped.", {
                "Marker": "eyJtYXJrZXIiOiJvcmRlcnMvYXBpKzEifQ==",
                "MaxItems": 50,
            }),
            case("all-versions", "Published versions too (a policy sets Lambda tracing): FunctionVersion=ALL.", {
                "FunctionVersion": "ALL",
                "MaxItems": 50,
            }),
            case("all-versions-next-page", "The next page of a FunctionVersion=ALL listing: the parameter is sent on every page.", {
                "FunctionVersion": "ALL",
                "Marker": "eyJtYXJrZXIiOiJvcmRlcnMvYXBpOjMrMSJ9",
                "MaxItems": 50,
            }),
        ],
        "GetFunctionConfiguration": [
            case("by-name", "A plain function name in the path.", {"FunctionName": "orders-api"}),
            case("by-arn", "A full ARN: its colons are escaped in the path segment.", {"FunctionName": FUNCTION_ARN}),
        ],
        "ListAliases": [
            case("first-page", "The first page of one function's aliases, 50 at most.", {"FunctionName": "orders-api", "MaxItems": 50}),
            case("next-page", "The page after a NextMarker, by ARN: both must be escaped.", {
                "FunctionName": FUNCTION_ARN,
                "Marker": "eyJtYXJrZXIiOiJsaXZlKzEifQ==",
                "MaxItems": 50,
            }),
        ],
        "UpdateFunctionConfiguration": [
            case("tracing-active", "Turns X-Ray tracing on.", {
                "FunctionName": "orders-api",
                "TracingConfig": {"Mode": "Active"},
            }),
            case("tracing-passthrough-with-revision", "Turns tracing off, conditional on the revision read before.", {
                "FunctionName": FUNCTION_ARN,
                "RevisionId": "b75dcd81-xmpl-48a8-a75a-93ba8b5b9727",
                "TracingConfig": {"Mode": "PassThrough"},
            }),
            case("logging-json-with-levels", "Structured logs with both levels, and no TracingConfig: only LoggingConfig is sent.", {
                "FunctionName": "orders-api",
                "LoggingConfig": {"LogFormat": "JSON", "ApplicationLogLevel": "INFO", "SystemLogLevel": "WARN"},
            }),
            case("logging-text-only", "Back to plain text: LogFormat alone, no levels and no log group.", {
                "FunctionName": "orders-api",
                "LoggingConfig": {"LogFormat": "Text"},
            }),
            case("tracing-and-logging-with-revision", "Tracing and logging in one update (one write, one quota token), every LoggingConfig member set.", {
                "FunctionName": FUNCTION_ARN,
                "RevisionId": "b75dcd81-xmpl-48a8-a75a-93ba8b5b9727",
                "TracingConfig": {"Mode": "Active"},
                "LoggingConfig": {
                    "LogFormat": "JSON",
                    "ApplicationLogLevel": "ERROR",
                    "SystemLogLevel": "INFO",
                    "LogGroup": "/shared/payments",
                },
            }),
        ],
    },
    "apigateway": {
        "GetRestApis": [
            case("first-page", "The first page at the largest size API Gateway allows.", {"limit": 500}),
            case("next-page", "The page after a position token with characters that must be escaped.", {
                "position": "c3RhZ2Uv+ZXJzaW9u=",
                "limit": 500,
            }),
        ],
        "GetStages": [
            case("one-api", "The stages of one REST API.", {"restApiId": "a1b2c3d4e5"}),
        ],
        "UpdateStage": [
            case("enable-tracing", "One replace operation on /tracingEnabled.", {
                "restApiId": "a1b2c3d4e5",
                "stageName": "prod",
                "patchOperations": [{"op": "replace", "path": "/tracingEnabled", "value": "true"}],
            }),
            case("two-operations", "A replace and a remove (no value) on a stage whose name needs no escaping.", {
                "restApiId": "a1b2c3d4e5",
                "stageName": "v1-beta",
                "patchOperations": [
                    {"op": "replace", "path": "/tracingEnabled", "value": "false"},
                    {"op": "remove", "path": "/variables/debug"},
                ],
            }),
        ],
    },
    "cloudwatch": {
        "DescribeAlarms": [
            case("by-prefix", "Metric alarms whose names start with a prefix.", {
                "AlarmNamePrefix": "reconciler-",
                "AlarmTypes": ["MetricAlarm"],
                "MaxRecords": 100,
            }),
            case("by-names", "Metric alarms by exact name.", {
                "AlarmNames": ["reconciler-orders-api-errors", "reconciler-orders-api-p99-duration"],
                "AlarmTypes": ["MetricAlarm"],
                "MaxRecords": 100,
            }),
            case("next-page", "The page after a NextToken.", {
                "AlarmNamePrefix": "reconciler-",
                "AlarmTypes": ["MetricAlarm"],
                "MaxRecords": 100,
                "NextToken": "AAECAwQFBgcICQoL+/0=",
            }),
        ],
        "PutMetricAlarm": [
            case("single-metric", "A static threshold on one metric, with actions and ownership tags.", {
                "AlarmName": "reconciler-orders-api-errors",
                "AlarmDescription": "Errors of orders-api (managed by the observability reconciler).",
                "ActionsEnabled": True,
                "OKActions": [TOPIC],
                "AlarmActions": [TOPIC],
                "MetricName": "Errors",
                "Namespace": "AWS/Lambda",
                "Statistic": "Sum",
                "Dimensions": lambda_dimensions(),
                "Period": 60,
                "EvaluationPeriods": 5,
                "DatapointsToAlarm": 3,
                "Threshold": 5,
                "ComparisonOperator": "GreaterThanOrEqualToThreshold",
                "TreatMissingData": "notBreaching",
                "Tags": OWNERSHIP_TAGS,
            }),
            case("extended-statistic-p99", "A percentile (ExtendedStatistic p99) with a unit and a fractional threshold.", {
                "AlarmName": "reconciler-orders-api-p99-duration",
                "ActionsEnabled": False,
                "AlarmActions": [TOPIC],
                "MetricName": "Duration",
                "Namespace": "AWS/Lambda",
                "ExtendedStatistic": "p99",
                "Dimensions": lambda_dimensions(),
                "Period": 300,
                "Unit": "Milliseconds",
                "EvaluationPeriods": 3,
                "Threshold": 2500.5,
                "ComparisonOperator": "GreaterThanThreshold",
                "TreatMissingData": "missing",
                "Tags": OWNERSHIP_TAGS,
            }),
            case("metric-math", "An error rate: two MetricStat queries (ReturnData false, one with a Unit) and an Expression with a Label.", {
                "AlarmName": "reconciler-orders-api-error-rate",
                "AlarmDescription": "Error rate of orders-api in percent.",
                "ActionsEnabled": True,
                "AlarmActions": [TOPIC],
                "EvaluationPeriods": 3,
                "DatapointsToAlarm": 2,
                "Threshold": 2.5,
                "ComparisonOperator": "GreaterThanThreshold",
                "TreatMissingData": "notBreaching",
                "Metrics": [
                    {"Id": "errors", "MetricStat": metric_stat("Errors", unit="Count"), "ReturnData": False},
                    {"Id": "invocations", "MetricStat": metric_stat("Invocations"), "ReturnData": False},
                    {
                        "Id": "error_rate",
                        "Expression": "100 * errors / MAX([errors, invocations])",
                        "Label": "Error rate (%)",
                        "ReturnData": True,
                        "Period": 60,
                    },
                ],
                "Tags": OWNERSHIP_TAGS,
            }),
        ],
        "DeleteAlarms": [
            case("two-names", "Deletes two alarms in one call.", {
                "AlarmNames": ["reconciler-orders-api-errors", "reconciler-orders-api-p99-duration"],
            }),
        ],
        "PutDashboard": [
            case("body-with-unicode", "A dashboard body with quotes, spaces, '+', '&' and non-ASCII text, all form-encoded as UTF-8.", {
                "DashboardName": "reconciler-payments",
                "DashboardBody": json.dumps({
                    "widgets": [{
                        "type": "metric", "x": 0, "y": 0, "width": 12, "height": 6,
                        "properties": {
                            "title": "orders-api — errors & throttles (p99+)",
                            "region": "us-east-1",
                            "metrics": [["AWS/Lambda", "Errors", "FunctionName", "orders-api"]],
                        },
                    }],
                }, separators=(",", ":"), ensure_ascii=False),
            }),
        ],
        "GetDashboard": [
            case("by-name", "One dashboard by name.", {"DashboardName": "reconciler-payments"}),
        ],
        "ListDashboards": [
            case("by-prefix", "Dashboards whose names start with a prefix.", {"DashboardNamePrefix": "reconciler-"}),
            case("next-page", "The page after a NextToken.", {
                "DashboardNamePrefix": "reconciler-",
                "NextToken": "ZGFzaGJvYXJkcy8y+Lw==",
            }),
        ],
        "TagResource": [
            case("alarm-tags", "Ownership tags on an alarm ARN.", {
                "ResourceARN": f"arn:aws:cloudwatch:us-east-1:{ACCOUNT}:alarm:reconciler-orders-api-errors",
                "Tags": OWNERSHIP_TAGS,
            }),
        ],
        "ListTagsForResource": [
            case("alarm", "The tags of an alarm about to be updated or deleted (the ownership proof).", {
                "ResourceARN": f"arn:aws:cloudwatch:us-east-1:{ACCOUNT}:alarm:reconciler-orders-api-errors",
            }),
            case("dashboard", "The tags of a dashboard: its ARN has no Region.", {
                "ResourceARN": f"arn:aws:cloudwatch::{ACCOUNT}:dashboard/orders",
            }),
        ],
        "SetAlarmState": [
            case("drill", "A drill fires an owned alarm: ALARM with a reason naming the drill run.", {
                "AlarmName": "reconciler-orders-orders-api-error-rate",
                "StateValue": "ALARM",
                "StateReason": "Drill drill-20260105T093000Z-3f9a1c by observability-reconciler: no action needed, the state is restored in a moment.",
            }),
            case("restore", "The drill is over: back to the state the alarm was in.", {
                "AlarmName": "reconciler-orders-orders-api-error-rate",
                "StateValue": "OK",
                "StateReason": "Drill drill-20260105T093000Z-3f9a1c is over; the next evaluation sets the real state.",
            }),
        ],
        "DescribeAlarmHistory": [
            case("actions-since-drill-start", "The Action items of one alarm since the drill started, oldest first.", {
                "AlarmName": "reconciler-orders-orders-api-error-rate",
                "HistoryItemType": "Action",
                "StartDate": "2026-01-05T09:30:00Z",
                "MaxRecords": 100,
                "ScanBy": "TimestampAscending",
            }),
            case("next-page", "The page after a NextToken; the token has characters that must be escaped.", {
                "AlarmName": "reconciler-orders-orders-api-error-rate",
                "HistoryItemType": "Action",
                "StartDate": "2026-01-05T09:30:00Z",
                "MaxRecords": 100,
                "NextToken": "aGlzdG9yeS8y+Lw==",
                "ScanBy": "TimestampAscending",
            }),
        ],
        "GetMetricData": [
            case("two-metric-stats", "The trace-arrival check's invocation counts: Lambda Invocations and API Gateway Count, hourly sums over the window.", {
                "MetricDataQueries": invocation_queries(),
                "StartTime": WINDOW_START,
                "EndTime": WINDOW_END,
            }),
            case("next-page", "The page after a NextToken: the same queries and window again, with the token.", {
                "MetricDataQueries": invocation_queries(),
                "StartTime": WINDOW_START,
                "EndTime": WINDOW_END,
                "NextToken": "bWV0cmljcy8y+Lw==",
            }),
        ],
    },
    "sns": {
        "Subscribe": [
            case("sqs-queue", "The drill's temporary queue subscribes to a drilled topic; the ARN is returned at once.", {
                "TopicArn": TOPIC,
                "Protocol": "sqs",
                "Endpoint": f"arn:aws:sqs:us-east-1:{ACCOUNT}:reconciler-drill-3f9a1c",
                "ReturnSubscriptionArn": True,
            }),
        ],
        "Unsubscribe": [
            case("by-arn", "Removing the temporary subscription.", {
                "SubscriptionArn": TOPIC + ":6b0e71bd-7e97-4d97-80ce-4a0994e55286",
            }),
        ],
        "GetTopicAttributes": [
            case("by-arn", "The attributes of one topic, by its ARN.", {"TopicArn": TOPIC}),
        ],
        "Publish": [
            case("plain-with-subject", "A plain-text report with a subject.", {
                "TopicArn": TOPIC,
                "Message": "Reconcile run 42: 3 changes applied, 0 failed.",
                "Subject": "Observability reconciler: 3 changes",
            }),
            case("message-structure-json", "MessageStructure json: Message is a JSON object with a default key per protocol.", {
                "TopicArn": TOPIC,
                "Message": json.dumps({"default": "3 changes applied", "email": "Run 42 applied 3 changes & failed none."}),
                "Subject": "Observability reconciler: 3 changes",
                "MessageStructure": "json",
            }),
            case("message-attributes", "String message attributes, in key order.", {
                "TopicArn": TOPIC,
                "Message": "drift found",
                "MessageAttributes": {
                    "policy": {"DataType": "String", "StringValue": "payments/orders"},
                    "severity": {"DataType": "String", "StringValue": "warning"},
                },
            }),
        ],
    },
    "sts": {
        "GetCallerIdentity": [
            case("no-parameters", "GetCallerIdentity takes no parameters.", {}),
        ],
    },
    "logs": {
        "DescribeLogGroups": [
            case("by-prefix", "The log groups of Lambda functions, 50 a page (the most DescribeLogGroups allows).", {
                "logGroupNamePrefix": "/aws/lambda/",
                "limit": 50,
            }),
            case("all", "Every log group: no prefix member at all.", {"limit": 50}),
            case("next-page", "The page after a nextToken with characters that must survive JSON.", {
                "logGroupNamePrefix": "/aws/lambda/orders-",
                "limit": 50,
                "nextToken": "6/eyJmaWxlIjoiL2F3cy9sYW1iZGEvb3JkZXJzLSJ9+Lw==",
            }),
        ],
        "CreateLogGroup": [
            case("with-ownership-tags", "A function's default log group, created with the ownership tags (a map, not a Key/Value list).", {
                "logGroupName": "/aws/lambda/orders-api",
                "tags": {"managed-by": "observability-reconciler", "reconciler:policy": "payments/orders"},
            }),
            case("without-tags", "No tags: the member is left out (the model's Tags map has at least one entry).", {
                "logGroupName": "/custom/orders#1.v2_x",
            }),
        ],
        "PutRetentionPolicy": [
            case("thirty-days", "30 days on a function's default log group.", {
                "logGroupName": "/aws/lambda/orders-api",
                "retentionInDays": 30,
            }),
            case("ten-years", "The longest retention CloudWatch Logs allows, on a log group several functions share.", {
                "logGroupName": "/shared/payments",
                "retentionInDays": 3653,
            }),
        ],
    },
    "sqs": {
        "CreateQueue": [
            case("drill-queue", "The temporary queue of drill --verify-delivery: short retention, tagged as the drill's.", {
                "QueueName": "reconciler-drill-3f9a1c",
                "Attributes": {"MessageRetentionPeriod": "900"},
                "tags": {"managed-by": "observability-reconciler", "reconciler:drill": "drill-20260105T093000Z-3f9a1c"},
            }),
        ],
        "GetQueueAttributes": [
            case("queue-arn", "The queue's ARN, for the subscription and the queue policy.", {
                "QueueUrl": DRILL_QUEUE_URL,
                "AttributeNames": ["QueueArn"],
            }),
        ],
        "SetQueueAttributes": [
            case("policy", "A queue policy that lets the drilled topics send to the queue.", {
                "QueueUrl": DRILL_QUEUE_URL,
                "Attributes": {"Policy": json.dumps({
                    "Version": "2012-10-17",
                    "Statement": [{
                        "Sid": "DrilledTopics",
                        "Effect": "Allow",
                        "Principal": {"Service": "sns.amazonaws.com"},
                        "Action": "sqs:SendMessage",
                        "Resource": f"arn:aws:sqs:us-east-1:{ACCOUNT}:reconciler-drill-3f9a1c",
                        "Condition": {"ArnEquals": {"aws:SourceArn": [TOPIC]}},
                    }],
                })},
            }),
        ],
        "ReceiveMessage": [
            case("long-poll", "Up to 10 messages, waiting up to 1 second for the first.", {
                "QueueUrl": DRILL_QUEUE_URL,
                "MaxNumberOfMessages": 10,
                "WaitTimeSeconds": 1,
            }),
        ],
        "DeleteQueue": [
            case("by-url", "Removing the temporary queue.", {"QueueUrl": DRILL_QUEUE_URL}),
        ],
    },
    "xray": {
        "GetGroups": [
            case("first-page", "Every group of the Region, first page: no member but an empty JSON object.", {}),
            case("next-page", "The page after a NextToken with characters that must survive JSON.", {
                "NextToken": "Z3JvdXBzLzI+Lw==",
            }),
        ],
        "CreateGroup": [
            case("with-ownership-tags", "A policy's group: its services' filter expression and the ownership tags.", {
                "GroupName": XRAY_GROUP,
                "FilterExpression": XRAY_FILTER,
                "Tags": XRAY_OWNERSHIP_TAGS,
            }),
            case("without-tags", "No tags: the client leaves Tags out rather than sending an empty list.", {
                "GroupName": XRAY_GROUP,
                "FilterExpression": 'service(id(name: "orders-api", type: "AWS::Lambda::Function"))',
            }),
        ],
        "UpdateGroup": [
            case("new-filter-by-arn", "A third service joins the policy: the filter expression is replaced, the group named by its ARN.", {
                "GroupARN": XRAY_GROUP_ARN,
                "FilterExpression": XRAY_FILTER + ' OR service(id(name: "orders-worker", type: "AWS::Lambda::Function"))',
            }),
        ],
        "DeleteGroup": [
            case("by-arn", "A group no policy asks for any more, by its ARN.", {"GroupARN": XRAY_GROUP_ARN}),
        ],
        "GetSamplingRules": [
            case("first-page", "Every sampling rule of the Region, first page: no member but an empty JSON object.", {}),
            case("next-page", "The page after a NextToken with characters that must survive JSON.", {
                "NextToken": "cnVsZXMvMg==+Lw",
            }),
        ],
        "CreateSamplingRule": [
            case("stage-with-ownership-tags", "One API Gateway stage sampled at 5% after one request a second (Version 1), with the ownership tags.", {
                "SamplingRule": {**sampling_rule(), "Version": 1},
                "Tags": XRAY_OWNERSHIP_TAGS,
            }),
            case("name-pattern-without-tags", "A ServiceName pattern for several stages and no tags: the client leaves Tags out.", {
                "SamplingRule": {**sampling_rule("orders*"), "Version": 1},
            }),
        ],
        "UpdateSamplingRule": [
            case("every-member-by-name", "Every member of the rule again, named by RuleName (no RuleARN, and SamplingRuleUpdate has no Version).", {
                "SamplingRuleUpdate": sampling_rule("orders*"),
            }),
        ],
        "DeleteSamplingRule": [
            case("by-name", "A rule no policy asks for any more, by its name.", {"RuleName": XRAY_RULE}),
        ],
        "ListTagsForResource": [
            case("group", "The tags of a group (the ownership proof before an update or delete).", {"ResourceARN": XRAY_GROUP_ARN}),
            case("sampling-rule-next-page", "The page after a NextToken, for a sampling rule's ARN.", {
                "ResourceARN": XRAY_RULE_ARN,
                "NextToken": "dGFncy8y+Lw==",
            }),
        ],
        "GetServiceGraph": [
            case("whole-account", "The trace-arrival check's window for the whole account: epoch seconds, no group.", {
                "StartTime": WINDOW_START,
                "EndTime": WINDOW_END,
            }),
            case("one-group", "The same window narrowed to one group's traces, by name.", {
                "StartTime": WINDOW_START,
                "EndTime": WINDOW_END,
                "GroupName": XRAY_GROUP,
            }),
            case("next-page", "The page after a NextToken: the window and the group again, with the token.", {
                "StartTime": WINDOW_START,
                "EndTime": WINDOW_END,
                "GroupName": XRAY_GROUP,
                "NextToken": "c2VydmljZXMvMg==+Lw",
            }),
        ],
    },
}


def xml(operation, namespace, result):
    return (
        f'<{operation}Response xmlns="{namespace}">\n'
        f"  <{operation}Result>\n{result}  </{operation}Result>\n"
        f"  <ResponseMetadata>\n    <RequestId>2c5b7a3e-0000-4000-8000-000000000001</RequestId>\n  </ResponseMetadata>\n"
        f"</{operation}Response>\n"
    )


CW_NS = "http://monitoring.amazonaws.com/doc/2010-08-01/"

DRILLED_ALARM = "reconciler-orders-orders-api-error-rate"
DESCRIBE_ALARM_HISTORY_RESULT = (
    "    <AlarmHistoryItems>\n"
    "      <member>\n"
    f"        <AlarmName>{DRILLED_ALARM}</AlarmName>\n"
    "        <AlarmType>MetricAlarm</AlarmType>\n"
    "        <Timestamp>2026-01-05T09:30:01.250Z</Timestamp>\n"
    "        <HistoryItemType>Action</HistoryItemType>\n"
    f"        <HistorySummary>Successfully executed action {TOPIC}</HistorySummary>\n"
    "        <HistoryData>{&quot;actionState&quot;:&quot;Succeeded&quot;,&quot;notificationResource&quot;:&quot;" + TOPIC
    + "&quot;,&quot;stateUpdateTimestamp&quot;:1767605401250,&quot;error&quot;:null}</HistoryData>\n"
    "      </member>\n"
    "      <member>\n"
    f"        <AlarmName>{DRILLED_ALARM}</AlarmName>\n"
    "        <AlarmType>MetricAlarm</AlarmType>\n"
    "        <Timestamp>2026-01-05T09:30:01.300Z</Timestamp>\n"
    "        <HistoryItemType>Action</HistoryItemType>\n"
    f"        <HistorySummary>Failed to execute action {TOPIC}-encrypted. Received error: &quot;CloudWatch Alarms does not have authorization to access the SNS topic encryption key.&quot;</HistorySummary>\n"
    "        <HistoryData>{&quot;actionState&quot;:&quot;Failed&quot;,&quot;notificationResource&quot;:&quot;" + TOPIC
    + "-encrypted&quot;,&quot;stateUpdateTimestamp&quot;:1767605401250,&quot;error&quot;:&quot;CloudWatch Alarms does not have authorization to access the SNS topic encryption key.&quot;}</HistoryData>\n"
    "      </member>\n"
    "    </AlarmHistoryItems>\n"
)

_TOPIC_POLICY = json.dumps({
    "Version": "2008-10-17",
    "Statement": [{
        "Sid": "Allow_Publish_Alarms",
        "Effect": "Allow",
        "Principal": {"Service": ["cloudwatch.amazonaws.com"]},
        "Action": "sns:Publish",
        "Resource": TOPIC,
    }],
})
GET_TOPIC_ATTRIBUTES_RESULT = "    <Attributes>\n" + "".join(
    f"      <entry><key>{key}</key><value>{value}</value></entry>\n"
    for key, value in [
        ("TopicArn", TOPIC),
        ("Owner", ACCOUNT),
        ("Policy", _TOPIC_POLICY.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")),
        ("KmsMasterKeyId", "alias/aws/sns"),
        ("SubscriptionsConfirmed", "0"),
        ("SubscriptionsPending", "2"),
        ("SubscriptionsDeleted", "0"),
        ("DisplayName", ""),
    ]) + "    </Attributes>\n"
ALARM_ARN = f"arn:aws:cloudwatch:us-east-1:{ACCOUNT}:alarm:"

DESCRIBE_ALARMS_RESULT = f"""    <MetricAlarms>
      <member>
        <AlarmName>reconciler-orders-api-error-rate</AlarmName>
        <AlarmArn>{ALARM_ARN}reconciler-orders-api-error-rate</AlarmArn>
        <AlarmDescription>Error rate of orders-api in percent.</AlarmDescription>
        <AlarmConfigurationUpdatedTimestamp>2025-01-02T03:04:05.678Z</AlarmConfigurationUpdatedTimestamp>
        <ActionsEnabled>true</ActionsEnabled>
        <OKActions/>
        <AlarmActions>
          <member>{TOPIC}</member>
        </AlarmActions>
        <InsufficientDataActions/>
        <StateValue>OK</StateValue>
        <StateReason>Threshold Crossed: no datapoints were received.</StateReason>
        <StateUpdatedTimestamp>2025-01-02T03:04:06.000Z</StateUpdatedTimestamp>
        <Dimensions/>
        <EvaluationPeriods>3</EvaluationPeriods>
        <DatapointsToAlarm>2</DatapointsToAlarm>
        <Threshold>2.5</Threshold>
        <ComparisonOperator>GreaterThanThreshold</ComparisonOperator>
        <TreatMissingData>notBreaching</TreatMissingData>
        <Metrics>
          <member>
            <Id>errors</Id>
            <MetricStat>
              <Metric>
                <Namespace>AWS/Lambda</Namespace>
                <MetricName>Errors</MetricName>
                <Dimensions>
                  <member>
                    <Name>FunctionName</Name>
                    <Value>orders-api</Value>
                  </member>
                </Dimensions>
              </Metric>
              <Period>60</Period>
              <Stat>Sum</Stat>
              <Unit>Count</Unit>
            </MetricStat>
            <ReturnData>false</ReturnData>
          </member>
          <member>
            <Id>invocations</Id>
            <MetricStat>
              <Metric>
                <Namespace>AWS/Lambda</Namespace>
                <MetricName>Invocations</MetricName>
                <Dimensions>
                  <member>
                    <Name>FunctionName</Name>
                    <Value>orders-api</Value>
                  </member>
                </Dimensions>
              </Metric>
              <Period>60</Period>
              <Stat>Sum</Stat>
            </MetricStat>
            <ReturnData>false</ReturnData>
          </member>
          <member>
            <Id>error_rate</Id>
            <Expression>100 * errors / MAX([errors, invocations])</Expression>
            <Label>Error rate (%)</Label>
            <Period>60</Period>
          </member>
        </Metrics>
      </member>
      <member>
        <AlarmName>reconciler-orders-api-p99-duration</AlarmName>
        <AlarmArn>{ALARM_ARN}reconciler-orders-api-p99-duration</AlarmArn>
        <ActionsEnabled>false</ActionsEnabled>
        <OKActions>
          <member>{TOPIC}</member>
        </OKActions>
        <AlarmActions>
          <member>{TOPIC}</member>
        </AlarmActions>
        <InsufficientDataActions>
          <member>{TOPIC}</member>
        </InsufficientDataActions>
        <StateValue>INSUFFICIENT_DATA</StateValue>
        <MetricName>Duration</MetricName>
        <Namespace>AWS/Lambda</Namespace>
        <ExtendedStatistic>p99</ExtendedStatistic>
        <Dimensions>
          <member>
            <Name>FunctionName</Name>
            <Value>orders-api</Value>
          </member>
        </Dimensions>
        <Period>300</Period>
        <Unit>Milliseconds</Unit>
        <EvaluationPeriods>3</EvaluationPeriods>
        <Threshold>2500.5</Threshold>
        <ComparisonOperator>GreaterThanThreshold</ComparisonOperator>
        <TreatMissingData>missing</TreatMissingData>
      </member>
    </MetricAlarms>
    <CompositeAlarms/>
"""

PUT_DASHBOARD_RESULT = """    <DashboardValidationMessages>
      <member>
        <DataPath>/widgets/0/properties/metrics/0</DataPath>
        <Message>The metric has no data in the last 24 hours.</Message>
      </member>
    </DashboardValidationMessages>
"""

GET_DASHBOARD_RESULT = f"""    <DashboardArn>arn:aws:cloudwatch::{ACCOUNT}:dashboard/reconciler-payments</DashboardArn>
    <DashboardBody>{{"widgets":[{{"type":"text","x":0,"y":0,"width":6,"height":2,"properties":{{"markdown":"a &amp; b &lt; c"}}}}]}}</DashboardBody>
    <DashboardName>reconciler-payments</DashboardName>
"""

LIST_DASHBOARDS_RESULT = f"""    <DashboardEntries>
      <member>
        <DashboardName>reconciler-payments</DashboardName>
        <DashboardArn>arn:aws:cloudwatch::{ACCOUNT}:dashboard/reconciler-payments</DashboardArn>
        <LastModified>2025-01-02T03:04:05Z</LastModified>
        <Size>1234</Size>
      </member>
      <member>
        <DashboardName>reconciler-search</DashboardName>
        <DashboardArn>arn:aws:cloudwatch::{ACCOUNT}:dashboard/reconciler-search</DashboardArn>
        <LastModified>2025-01-03T00:00:00.500Z</LastModified>
        <Size>98</Size>
      </member>
    </DashboardEntries>
"""

LIST_TAGS_FOR_RESOURCE_RESULT = """    <Tags>
      <member>
        <Key>managed-by</Key>
        <Value>observability-reconciler</Value>
      </member>
      <member>
        <Key>reconciler:owner</Key>
        <Value>reconciler</Value>
      </member>
      <member>
        <Key>reconciler:policy</Key>
        <Value>orders</Value>
      </member>
    </Tags>
"""


def log_group(name, retention_in_days=None, stored_bytes=0):
    arn = f"arn:aws:logs:us-east-1:{ACCOUNT}:log-group:{name}"
    group = {
        "logGroupName": name,
        "creationTime": 1735786800000,
        "metricFilterCount": 0,
        "arn": arn + ":*",
        "storedBytes": stored_bytes,
        "logGroupClass": "STANDARD",
        "logGroupArn": arn,
    }
    if retention_in_days is not None:
        group["retentionInDays"] = retention_in_days
    return group


DESCRIBE_LOG_GROUPS_BODY = {
    "logGroups": [
        log_group("/aws/lambda/orders-api", retention_in_days=30, stored_bytes=52431),
        log_group("/aws/lambda/search"),
    ],
}


GET_METRIC_DATA_RESULT = """    <MetricDataResults>
      <member>
        <Id>m0</Id>
        <Label>Invocations</Label>
        <Timestamps>
          <member>2026-01-05T08:25:00Z</member>
        </Timestamps>
        <Values>
          <member>1250.0</member>
        </Values>
        <StatusCode>Complete</StatusCode>
      </member>
      <member>
        <Id>m1</Id>
        <Label>Count</Label>
        <Timestamps/>
        <Values/>
        <StatusCode>Complete</StatusCode>
      </member>
    </MetricDataResults>
    <Messages/>
"""

XRAY_DEFAULT_GROUP_ARN = f"arn:aws:xray:us-east-1:{ACCOUNT}:group/Default"
XRAY_INSIGHTS_OFF = {"InsightsEnabled": False, "NotificationsEnabled": False}


def xray_rule_record(rule, created_at, modified_at):
    return {"SamplingRule": rule, "CreatedAt": created_at, "ModifiedAt": modified_at}


XRAY_DEFAULT_RULE = {
    "RuleName": "Default", "RuleARN": f"arn:aws:xray:us-east-1:{ACCOUNT}:sampling-rule/Default", "ResourceARN": "*",
    "Priority": 10000, "FixedRate": 0.05, "ReservoirSize": 1, "ServiceName": "*", "ServiceType": "*", "Host": "*",
    "HTTPMethod": "*", "URLPath": "*", "Version": 1, "Attributes": {},
}
XRAY_ORDERS_RULE = {**sampling_rule(), "RuleARN": XRAY_RULE_ARN, "Version": 1, "Attributes": {}}

GET_GROUPS_BODY = {
    "Groups": [
        {"GroupName": "Default", "GroupARN": XRAY_DEFAULT_GROUP_ARN, "InsightsConfiguration": XRAY_INSIGHTS_OFF},
        {"GroupName": XRAY_GROUP, "GroupARN": XRAY_GROUP_ARN, "FilterExpression": XRAY_FILTER,
         "InsightsConfiguration": XRAY_INSIGHTS_OFF},
    ],
}

XRAY_GROUP_BODY = {
    "Group": {"GroupName": XRAY_GROUP, "GroupARN": XRAY_GROUP_ARN, "FilterExpression": XRAY_FILTER,
              "InsightsConfiguration": XRAY_INSIGHTS_OFF},
}

GET_SAMPLING_RULES_BODY = {
    "SamplingRuleRecords": [
        xray_rule_record(XRAY_DEFAULT_RULE, 0.0, 1735786800.0),
        xray_rule_record(XRAY_ORDERS_RULE, 1767605400.0, 1767605400.5),
    ],
}

GET_SERVICE_GRAPH_BODY = {
    "StartTime": 1767601500.0,
    "EndTime": 1767605100.0,
    "Services": [
        {
            "ReferenceId": 0, "Name": "orders/prod", "Names": ["orders/prod"], "Root": True, "AccountId": ACCOUNT,
            "Type": "AWS::ApiGateway::Stage", "State": "active", "StartTime": 1767601512.0, "EndTime": 1767605040.0,
            "Edges": [{"ReferenceId": 1, "StartTime": 1767601512.0, "EndTime": 1767605040.0,
                       "SummaryStatistics": {"OkCount": 1200, "FaultStatistics": {"OtherCount": 50, "TotalCount": 50},
                                             "TotalCount": 1250, "TotalResponseTime": 71.25}}],
            "SummaryStatistics": {"OkCount": 1198, "ErrorStatistics": {"ThrottleCount": 0, "OtherCount": 2, "TotalCount": 2},
                                  "FaultStatistics": {"OtherCount": 50, "TotalCount": 50}, "TotalCount": 1250,
                                  "TotalResponseTime": 93.5},
        },
        {
            "ReferenceId": 1, "Name": "orders-api", "Names": ["orders-api"], "AccountId": ACCOUNT,
            "Type": "AWS::Lambda::Function", "State": "active", "StartTime": 1767601512.0, "EndTime": 1767605040.0,
            "Edges": [],
            "SummaryStatistics": {"OkCount": 1200, "FaultStatistics": {"OtherCount": 50, "TotalCount": 50},
                                  "TotalCount": 1250, "TotalResponseTime": 62.5},
        },
        {"ReferenceId": 2, "Name": "orders-legacy", "Names": ["orders-legacy", "orders-legacy-v1"]},
    ],
    "ContainsOldGroupVersions": False,
}


def lambda_example(session, operation):
    """The first example output botocore ships for a Lambda operation (examples-1.json)."""
    examples = session.get_component("data_loader").load_service_model("lambda", "examples-1")
    return examples["examples"][operation][0]["output"]


def list_functions_body(session):
    # Derived from examples-1.json's ListFunctions output: its two functions (TracingConfig PassThrough, Version
    # $LATEST, and an empty NextMarker, as Lambda sends on the last page), one made Active, one answer without
    # TracingConfig, which Lambda's model allows and which means PassThrough, and, as a FunctionVersion=ALL listing
    # has them, two published versions of my-function with qualified ARNs: version 1 PassThrough (published before
    # tracing was turned on) and version 2 without TracingConfig.
    # LoggingConfig as Lambda answers it: helloworld with Lambda's defaults (Text, /aws/lambda/<name>), my-function with
    # JSON, both levels and a log group it shares, orders-api without the member (older answers), version 1 Text.
    output = json.loads(json.dumps(lambda_example(session, "ListFunctions")))
    output["Functions"][0]["LoggingConfig"] = {"LogFormat": "Text", "LogGroup": "/aws/lambda/helloworld"}
    output["Functions"][1]["LoggingConfig"] = {
        "LogFormat": "JSON", "ApplicationLogLevel": "INFO", "SystemLogLevel": "WARN", "LogGroup": "/shared/payments",
    }
    output["Functions"][1]["TracingConfig"] = {"Mode": "Active"}
    output["Functions"][1]["State"] = "Active"
    output["Functions"][1]["LastUpdateStatus"] = "Successful"
    output["Functions"].append({
        "FunctionName": "orders-api",
        "FunctionArn": "arn:aws:lambda:us-west-2:123456789012:function:orders-api",
        "Runtime": "provided.al2023",
        "RevisionId": "0f3c1a2b-xmpl-4c5d-8e9f-0a1b2c3d4e5f",
        "State": "Pending",
        "LastUpdateStatus": "InProgress",
    })
    output["Functions"].append({
        "FunctionName": "my-function",
        "FunctionArn": "arn:aws:lambda:us-west-2:123456789012:function:my-function:1",
        "Version": "1",
        "RevisionId": "93017fc9-59cb-41dc-901b-4845ce4bf668",
        "TracingConfig": {"Mode": "PassThrough"},
        "LoggingConfig": {"LogFormat": "Text", "LogGroup": "/aws/lambda/my-function"},
    })
    output["Functions"].append({
        "FunctionName": "my-function",
        "FunctionArn": "arn:aws:lambda:us-west-2:123456789012:function:my-function:2",
        "Version": "2",
        "RevisionId": "0f3c1a2b-xmpl-4c5d-8e9f-0a1b2c3d4e5f",
    })
    return output


def get_function_configuration_body(session):
    # The example predates LoggingConfig, which Lambda now returns on every function.
    output = json.loads(json.dumps(lambda_example(session, "GetFunctionConfiguration")))
    output["LoggingConfig"] = {
        "LogFormat": "JSON", "ApplicationLogLevel": "DEBUG", "SystemLogLevel": "INFO", "LogGroup": "/aws/lambda/my-function",
    }
    return output


def responses(session):
    """service -> operation -> (content type, body text, where it comes from)."""
    return {
        "resourcegroupstaggingapi": {
            "GetResources": ("application/x-amz-json-1.1", json.dumps({
                "PaginationToken": "",
                "ResourceTagMappingList": [
                    {
                        "ResourceARN": FUNCTION_ARN,
                        "Tags": [{"Key": "team", "Value": "payments"}, {"Key": "observability", "Value": ""}],
                    },
                    {"ResourceARN": "arn:aws:apigateway:us-east-1::/restapis/a1b2c3d4e5", "Tags": [{"Key": "team", "Value": "billing"}]},
                ],
            }, indent=2), "hand-written from the GetResourcesOutput shape; an empty PaginationToken ends paging"),
        },
        "lambda": {
            "ListFunctions": ("application/json", json.dumps(list_functions_body(session), indent=2),
                              "examples-1.json ListFunctions output, with one function made Active, one without TracingConfig and two published versions (as FunctionVersion=ALL lists them) added, and LoggingConfig on three of the five (Text with the default log group, JSON with levels and a shared group)"),
            "GetFunctionConfiguration": ("application/json", json.dumps(get_function_configuration_body(session), indent=2),
                                         "examples-1.json GetFunctionConfiguration output, with a JSON LoggingConfig (both levels, the default log group) added"),
            "ListAliases": ("application/json", json.dumps(lambda_example(session, "ListAliases"), indent=2),
                            "examples-1.json ListAliases output, verbatim (one weighted alias, one plain)"),
            "UpdateFunctionConfiguration": ("application/json", json.dumps(lambda_example(session, "UpdateFunctionConfiguration"), indent=2),
                                            "examples-1.json UpdateFunctionConfiguration output, verbatim"),
        },
        "apigateway": {
            "GetRestApis": ("application/json", json.dumps({
                "item": [
                    {"id": "a1b2c3d4e5", "name": "orders", "createdDate": 1735786800, "tags": {"team": "payments"}},
                    {"id": "f6g7h8i9j0", "name": "search", "createdDate": 1735786801},
                ],
            }, indent=2), "hand-written from the RestApis shape (the list is 'item' on the wire, 'items' in the model)"),
            "GetStages": ("application/json", json.dumps({
                "item": [
                    {"stageName": "prod", "deploymentId": "dep123", "tracingEnabled": True, "tags": {"team": "payments"},
                     "methodSettings": {}, "createdDate": 1735786800, "lastUpdatedDate": 1735786900},
                    {"stageName": "dev", "deploymentId": "dep456"},
                ],
            }, indent=2), "hand-written from the Stages shape; 'dev' leaves tracingEnabled out, as API Gateway does when false"),
            "UpdateStage": ("application/json", json.dumps({
                "stageName": "prod", "deploymentId": "dep123", "tracingEnabled": True, "tags": {"team": "payments"},
                "lastUpdatedDate": 1735786900,
            }, indent=2), "hand-written from the Stage shape"),
        },
        "cloudwatch": {
            "DescribeAlarms": ("text/xml", xml("DescribeAlarms", CW_NS, DESCRIBE_ALARMS_RESULT),
                               "hand-written from the MetricAlarm shape: a metric-math alarm (an Expression without ReturnData, which means true) and a p99 alarm"),
            "PutMetricAlarm": ("text/xml", "<PutMetricAlarmResponse xmlns=\"" + CW_NS + "\">\n  <ResponseMetadata>\n    <RequestId>2c5b7a3e-0000-4000-8000-000000000001</RequestId>\n  </ResponseMetadata>\n</PutMetricAlarmResponse>\n",
                               "an empty success answer"),
            "DeleteAlarms": ("text/xml", "<DeleteAlarmsResponse xmlns=\"" + CW_NS + "\">\n  <ResponseMetadata>\n    <RequestId>2c5b7a3e-0000-4000-8000-000000000001</RequestId>\n  </ResponseMetadata>\n</DeleteAlarmsResponse>\n",
                             "an empty success answer"),
            "PutDashboard": ("text/xml", xml("PutDashboard", CW_NS, PUT_DASHBOARD_RESULT), "hand-written from the PutDashboardOutput shape"),
            "GetDashboard": ("text/xml", xml("GetDashboard", CW_NS, GET_DASHBOARD_RESULT), "hand-written from the GetDashboardOutput shape, with XML-escaped characters in the body"),
            "ListDashboards": ("text/xml", xml("ListDashboards", CW_NS, LIST_DASHBOARDS_RESULT), "hand-written from the ListDashboardsOutput shape"),
            "TagResource": ("text/xml", xml("TagResource", CW_NS, ""), "an empty success answer"),
            "ListTagsForResource": ("text/xml", xml("ListTagsForResource", CW_NS, LIST_TAGS_FOR_RESOURCE_RESULT),
                                    "hand-written from the ListTagsForResourceOutput shape"),
            "SetAlarmState": ("text/xml", "<SetAlarmStateResponse xmlns=\"" + CW_NS + "\">\n  <ResponseMetadata>\n    <RequestId>2c5b7a3e-0000-4000-8000-000000000001</RequestId>\n  </ResponseMetadata>\n</SetAlarmStateResponse>\n",
                              "an empty success answer"),
            "DescribeAlarmHistory": ("text/xml", xml("DescribeAlarmHistory", CW_NS, DESCRIBE_ALARM_HISTORY_RESULT),
                                     "hand-written from the AlarmHistoryItem shape, with CloudWatch's wording for a delivered and a failed SNS action"),
            "GetMetricData": ("text/xml", xml("GetMetricData", CW_NS, GET_METRIC_DATA_RESULT),
                              "hand-written from the MetricDataResult shape: one query with a datapoint, one without any (empty Timestamps and Values), the last page (no NextToken)"),
        },
        "sns": {
            "Subscribe": ("text/xml", xml("Subscribe", "http://sns.amazonaws.com/doc/2010-03-31/",
                                          f"    <SubscriptionArn>{TOPIC}:6b0e71bd-7e97-4d97-80ce-4a0994e55286</SubscriptionArn>\n"),
                          "hand-written from the SubscribeResponse shape"),
            "Unsubscribe": ("text/xml", "<UnsubscribeResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\">\n  <ResponseMetadata>\n    <RequestId>2c5b7a3e-0000-4000-8000-000000000001</RequestId>\n  </ResponseMetadata>\n</UnsubscribeResponse>\n",
                            "an empty success answer"),
            "GetTopicAttributes": ("text/xml", xml("GetTopicAttributes", "http://sns.amazonaws.com/doc/2010-03-31/", GET_TOPIC_ATTRIBUTES_RESULT),
                                   "hand-written from the GetTopicAttributesResponse shape (a map of entry/key/value), with the attributes SNS documents"),
            "Publish": ("text/xml", xml("Publish", "http://sns.amazonaws.com/doc/2010-03-31/",
                                        "    <MessageId>95df01b4-ee98-5cb9-9903-4c221d41eb5e</MessageId>\n"),
                        "hand-written from the PublishResponse shape"),
        },
        "sqs": {
            "CreateQueue": ("application/x-amz-json-1.0", json.dumps({"QueueUrl": DRILL_QUEUE_URL}, indent=2),
                            "hand-written from the CreateQueueResult shape"),
            "GetQueueAttributes": ("application/x-amz-json-1.0", json.dumps({"Attributes": {
                "QueueArn": f"arn:aws:sqs:us-east-1:{ACCOUNT}:reconciler-drill-3f9a1c"}}, indent=2),
                                   "hand-written from the GetQueueAttributesResult shape"),
            "SetQueueAttributes": ("application/x-amz-json-1.0", "{}", "an empty success answer"),
            "ReceiveMessage": ("application/x-amz-json-1.0", json.dumps({"Messages": [{
                "MessageId": "5fea7756-0ea4-451a-a703-a558b933e274",
                "ReceiptHandle": "MbZj6wDWli+JvwwJaBV+3dcjk2YW2vA3+STFFljTM8tJJg6HRG6PYSasuWXPJB+Cw==",
                "MD5OfBody": "fafb00f5732ab283681e124bf8747ed1",
                "Body": json.dumps({"Type": "Notification", "MessageId": "95df01b4-ee98-5cb9-9903-4c221d41eb5e", "TopicArn": TOPIC,
                                    "Subject": "ALARM: \"reconciler-orders-orders-api-error-rate\" in US East (N. Virginia)",
                                    "Message": json.dumps({"AlarmName": "reconciler-orders-orders-api-error-rate", "NewStateValue": "ALARM",
                                                           "NewStateReason": "Drill drill-20260105T093000Z-3f9a1c"})}),
            }]}, indent=2), "hand-written from the ReceiveMessageResult shape: one SNS notification of a drilled alarm"),
            "DeleteQueue": ("application/x-amz-json-1.0", "{}", "an empty success answer"),
        },
        "sts": {
            "GetCallerIdentity": ("text/xml", xml("GetCallerIdentity", "https://sts.amazonaws.com/doc/2011-06-15/",
                                                  "    <Arn>arn:aws:iam::123456789012:user/Alice</Arn>\n"
                                                  "    <UserId>AKIAI44QH8DHBEXAMPLE</UserId>\n"
                                                  "    <Account>123456789012</Account>\n"),
                                  "examples-1.json GetCallerIdentity output, as the query protocol's XML"),
        },
        "logs": {
            "DescribeLogGroups": ("application/x-amz-json-1.1", json.dumps(DESCRIBE_LOG_GROUPS_BODY, indent=2),
                                  "hand-written from the LogGroup shape (logs has no examples-1.json entries): one group with a retention, one that never expires (retentionInDays left out, as CloudWatch Logs does), the last page (no nextToken)"),
            "CreateLogGroup": ("application/x-amz-json-1.1", "", "an empty success answer (the operation has no output shape)"),
            "PutRetentionPolicy": ("application/x-amz-json-1.1", "", "an empty success answer (the operation has no output shape)"),
        },
        "xray": {
            "GetGroups": ("application/json", json.dumps(GET_GROUPS_BODY, indent=2),
                          "hand-written from the GetGroupsResult shape: the built-in Default group (no filter expression) and a policy's group, the last page (no NextToken)"),
            "CreateGroup": ("application/json", json.dumps(XRAY_GROUP_BODY, indent=2), "hand-written from the CreateGroupResult shape"),
            "UpdateGroup": ("application/json", json.dumps(XRAY_GROUP_BODY, indent=2), "hand-written from the UpdateGroupResult shape"),
            "DeleteGroup": ("application/json", "{}", "an empty success answer (the output shape has no members)"),
            "GetSamplingRules": ("application/json", json.dumps(GET_SAMPLING_RULES_BODY, indent=2),
                                 "hand-written from the SamplingRuleRecord shape: the built-in Default rule and a policy's rule, timestamps in epoch seconds, the last page (no NextToken)"),
            "CreateSamplingRule": ("application/json", json.dumps({"SamplingRuleRecord": xray_rule_record(XRAY_ORDERS_RULE, 1767605400.0, 1767605400.0)}, indent=2),
                                   "hand-written from the CreateSamplingRuleResult shape (the client reads none of it)"),
            "UpdateSamplingRule": ("application/json", json.dumps({"SamplingRuleRecord": xray_rule_record({**XRAY_ORDERS_RULE, "ServiceName": "orders*"}, 1767605400.0, 1767605460.0)}, indent=2),
                                   "hand-written from the UpdateSamplingRuleResult shape (the client reads none of it)"),
            "DeleteSamplingRule": ("application/json", json.dumps({"SamplingRuleRecord": xray_rule_record(XRAY_ORDERS_RULE, 1767605400.0, 1767605400.0)}, indent=2),
                                   "hand-written from the DeleteSamplingRuleResult shape: the deleted rule (the client reads none of it)"),
            "ListTagsForResource": ("application/json", json.dumps({"Tags": XRAY_OWNERSHIP_TAGS}, indent=2),
                                    "hand-written from the ListTagsForResourceResponse shape: the ownership tags, the last page (no NextToken)"),
            "GetServiceGraph": ("application/json", json.dumps(GET_SERVICE_GRAPH_BODY, indent=2),
                                "hand-written from the Service shape: an API Gateway stage (root) calling a Lambda function, and a node with only names (no Type, no SummaryStatistics: every member is optional), the last page (no NextToken)"),
        },
    }


def validate(params, shape, what):
    report = botocore.validate.ParamValidator().validate(params, shape)
    if report.has_errors():
        raise SystemExit(f"botocore rejects {what}:\n{report.generate_report()}\nFix the case in {__file__}.")


def serialise(service_model, protocol, operation_name, params):
    operation = service_model.operation_model(operation_name)
    validate(params, operation.input_shape, f"the parameters of {service_model.service_name} {operation_name}")
    request = botocore.serialize.create_serializer(protocol, include_validation=True).serialize_to_request(params, operation)
    if service_model.service_name == "apigateway":
        # botocore registers this on before-call.apigateway: without it API Gateway may answer in HAL.
        botocore.handlers.add_accept_header(operation, request)

    # Typed values as botocore's serializer left them: numbers are compared as numbers (5 and 5.0 are one value).
    numeric = sorted(
        key for key, value in (request["body"].items() if isinstance(request["body"], dict) else [])
        if isinstance(value, (int, float)) and not isinstance(value, bool))
    numeric_query = sorted(
        key for key, value in (request["query_string"].items() if isinstance(request["query_string"], dict) else [])
        if isinstance(value, (int, float)) and not isinstance(value, bool))

    botocore.awsrequest.prepare_request_dict(request, endpoint_url=ENDPOINT)
    prepared = botocore.awsrequest.create_request_object(request).prepare()
    url = urllib.parse.urlsplit(prepared.url)
    headers = {name: prepared.headers[name] for name in ("Content-Type", "X-Amz-Target", "Accept") if name in prepared.headers}
    body = prepared.body
    if isinstance(body, bytes):
        body = body.decode("utf-8")

    wire = {
        "method": prepared.method,
        "path": url.path,
        "query": [list(pair) for pair in urllib.parse.parse_qsl(url.query, keep_blank_values=True)],
        "numeric_query": numeric_query,
        "headers": headers,
    }
    if protocol == "query":
        wire["form"] = [list(pair) for pair in urllib.parse.parse_qsl(body or "", keep_blank_values=True)]
        wire["numeric_form"] = numeric
        wire["encoded_body"] = body
    else:
        wire["json"] = json.loads(body) if body else None
    return wire


def plain(value):
    """Parsed answers as JSON: timestamps as ISO 8601 in UTC, everything else as botocore gives it."""
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items() if key != "ResponseMetadata"}
    if isinstance(value, list):
        return [plain(item) for item in value]
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.timezone.utc).isoformat().replace("+00:00", "Z")
    return value


def parse_response(service_model, protocol, operation_name, content_type, body):
    operation = service_model.operation_model(operation_name)
    parser = botocore.parsers.create_parser(protocol)
    parsed = parser.parse(
        {"status_code": 200, "headers": {"content-type": content_type, "x-amzn-requestid": "r"}, "body": body.encode("utf-8")},
        operation.output_shape)
    parsed.pop("ResponseMetadata", None)
    if operation.output_shape is not None:
        validate(parsed, operation.output_shape, f"the parsed canned answer of {service_model.service_name} {operation_name}")
    return plain(parsed)


def render_all():
    session = botocore.session.get_session()
    canned = responses(session)
    files = {}
    for service, operations in CASES.items():
        model = session.get_service_model(service)
        protocol = PROTOCOL_OVERRIDE.get(service, model.metadata["protocol"])
        if protocol not in model.metadata.get("protocols", [model.metadata["protocol"]]):
            raise SystemExit(f"{service}'s model no longer lists the {protocol} protocol our client speaks.")
        paginators = session.get_paginator_model(service)
        for operation_name, cases in operations.items():
            operation = model.operation_model(operation_name)
            try:
                paginator = dict(paginators.get_paginator(operation_name))
                paginator = {key: paginator[key] for key in ("input_token", "output_token", "limit_key") if key in paginator}
            except ValueError:
                paginator = None
            content_type, body, source = canned[service][operation_name]
            document = {
                "generated_by": f"tools/wire/generate_golden.py from botocore's model; do not edit, regenerate with: {REGENERATE}",
                "service": service,
                "api_version": model.api_version,
                "protocol": protocol,
                "operation": operation_name,
                "http": {"method": operation.http["method"], "request_uri": operation.http["requestUri"]},
                "paginator": paginator,
                "cases": [
                    {
                        "name": c["name"],
                        "description": c["description"],
                        "params": c["params"],
                        "valid": True,
                        "request": serialise(model, protocol, operation_name, c["params"]),
                    }
                    for c in cases
                ],
                "response": {
                    "source": source,
                    "content_type": content_type,
                    "body": body,
                    "parsed": parse_response(model, protocol, operation_name, content_type, body),
                },
            }
            files[os.path.join(service, operation_name + ".json")] = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    return files


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="compare with the files on disk instead of writing them")
    parser.add_argument("--out", default=DEFAULT_OUT, help="the testdata/wire folder (default: %(default)s)")
    args = parser.parse_args()

    files = render_all()
    on_disk = set()
    if os.path.isdir(args.out):
        for folder, _, names in os.walk(args.out):
            for name in names:
                if name.endswith(".json"):
                    on_disk.add(os.path.relpath(os.path.join(folder, name), args.out))

    if args.check:
        stale = []
        for relative, text in sorted(files.items()):
            path = os.path.join(args.out, relative)
            if not os.path.exists(path):
                stale.append(f"{relative}: missing")
            else:
                with open(path, encoding="utf-8") as existing:
                    if existing.read() != text:
                        stale.append(f"{relative}: differs from what botocore {botocore.__version__} serialises now")
        stale.extend(f"{relative}: no longer generated" for relative in sorted(on_disk - set(files)))
        if stale:
            print(f"The golden wire files in {args.out} are stale:", file=sys.stderr)
            for line in stale:
                print("  " + line, file=sys.stderr)
            print(f"Regenerate them with '{REGENERATE}' from the repository root, review the diff, and commit it.", file=sys.stderr)
            return 1
        print(f"{len(files)} golden wire files are up to date (botocore {botocore.__version__}).")
        return 0

    for relative in sorted(on_disk - set(files)):
        os.remove(os.path.join(args.out, relative))
    for relative, text in sorted(files.items()):
        path = os.path.join(args.out, relative)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as output:
            output.write(text)
    cases = sum(len(cases) for operations in CASES.values() for cases in operations.values())
    print(f"Wrote {len(files)} operations, {cases} golden cases to {args.out} (botocore {botocore.__version__}).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
