#!/usr/bin/env python3
"""Start moto 5.2.x on 127.0.0.1 with the small patches this project needs, and optionally a strict mode.

Usage: python3 tools/moto/run_moto.py [PORT] [--strict | --no-strict] [--update-seconds SECONDS]
    PORT              0 or absent: pick a free port.
    --strict          turn on the strict rules S1-S10 below. MOTO_STRICT=1 in the environment does the same;
                      --no-strict wins over MOTO_STRICT.
    --update-seconds  how long a Lambda configuration update stays "InProgress" in strict mode (rule S2);
                      default 2, or MOTO_STRICT_UPDATE_SECONDS from the environment.

Prints "MOTO_READY http://127.0.0.1:PORT" on stdout once the server accepts connections (after a line
"MOTO_STRICT on ..." when strict). Only the standard library and moto are needed. The patches are monkeypatches
applied at import time; nothing under site-packages is edited.

Patches A-O always apply: they fill gaps where moto lacks something AWS has.

Patch A - Lambda UpdateFunctionConfiguration ignores TracingConfig.
    moto's LambdaFunction.update_configuration handles Description, Handler, Role, ... but drops TracingConfig, so
    a function can never be switched to Active tracing. The patch stores {"Mode": ...} before delegating, so
    GetFunctionConfiguration and ListFunctions return it (they already read self.tracing_config).

Patch B - the Resource Groups Tagging API never returns API Gateway REST APIs or stages.
    moto's tagging backend knows dozens of services but not API Gateway. The patch appends, after moto's own
    results, every REST API (arn:aws:apigateway:REGION::/restapis/ID) and stage
    (arn:aws:apigateway:REGION::/restapis/ID/stages/NAME) that has tags, honouring TagFilters (all keys must match;
    a key with values matches any of them) and ResourceTypeFilters as AWS spells them: "apigateway" (both),
    "apigateway:restapis" (APIs and, as a prefix of the stage type, their stages) and
    "apigateway:restapis/stages" (stages only).

Patch C - Lambda ListFunctions returns every function on one page.
    AWS returns at most MaxItems (default and maximum 50) functions a page with a NextMarker. moto ignores MaxItems
    and Marker, so a client that follows markers is never exercised. The patch slices moto's full answer into
    pages of MaxItems and returns an opaque NextMarker (the offset of the next page), as AWS would.

Patch D - CloudWatch DescribeAlarms returns every alarm on one page.
    AWS returns at most MaxRecords (default 50, maximum 100) alarms a page with a NextToken. moto ignores both.
    The patch pages moto's metric alarms (sorted by name, as AWS lists them) the same way.

Patch E - CloudWatch TagResource refuses dashboards.
    AWS tags alarms, dashboards, metric streams and Contributor Insights rules; moto 5.2.1 still accepts only alarm
    ARNs and answers ResourceNotFound for a dashboard (arn:aws:cloudwatch::ACCOUNT:dashboard/NAME). The patch stores
    the tags of existing dashboards in moto's own tagger, so ListTagsForResource returns them.

Patch F - CloudWatch PutCompositeAlarm is missing.
    moto 5.2.1 models composite alarms (an Alarm with a rule; DescribeAlarms lists them under CompositeAlarms) but
    has no PutCompositeAlarm handler, so none can be created. The patch stores AlarmName, AlarmRule, the three action
    lists, ActionsEnabled, AlarmDescription and Tags through moto's own put_metric_alarm, which already keeps the rule.

Patch G - SNS subscriptions are never pending, and GetTopicAttributes always counts 0 subscriptions.
    AWS: "If the endpoint type is HTTP/S or email, or if the endpoint and the topic are not in the same AWS account,
    the endpoint owner must run the ConfirmSubscription action to confirm the subscription" (SNS API Reference,
    Subscribe), and GetTopicAttributes returns SubscriptionsConfirmed and SubscriptionsPending, "the number of
    confirmed subscriptions" and "the number of subscriptions pending confirmation" (GetTopicAttributes). moto marks
    every subscription confirmed and never updates either count. The patch marks email, email-json, http and https
    subscriptions PendingConfirmation "true" and keeps both counts of the topic in step on Subscribe and Unsubscribe.

Patch H - Lambda ignores LoggingConfig.
    moto 5.2.1 drops LoggingConfig in CreateFunction and UpdateFunctionConfiguration and never returns it. The patch
    keeps it per function (published versions keep the one they were published with) and returns it in
    GetFunctionConfiguration, ListFunctions and the update's answer, with Lambda's defaults where it was never set:
    LogFormat Text, LogGroup /aws/lambda/NAME, and INFO for both levels of a JSON function.

CloudWatch Logs needs no patch for what this project uses: moto 5.2.1 pages DescribeLogGroups by limit (at most 50,
InvalidParameterException above) with nextToken, filters by logGroupNamePrefix, sorts by name, stores the tags of
CreateLogGroup, returns "arn" with its trailing ":*", leaves retentionInDays out of a group that never expires and
refuses a second CreateLogGroup of one name with ResourceAlreadyExistsException. It accepts any retentionInDays (S8).

Patches I-K make alarm state changes do what CloudWatch does with them, which `reconciler drill` proves:

Patch I - CloudWatch records no StateUpdate history.
    AWS: every state change adds an alarm history item of type StateUpdate, HistorySummary "Alarm updated from OK to
    ALARM" and HistoryData {"version":"1.0","oldState":{...},"newState":{...}} (DescribeAlarmHistory in the
    CloudWatch API Reference, and the AWS CLI's describe-alarm-history example output). moto keeps a private list in
    another shape that nothing serves. The patch records the item on every change of state (a SetAlarmState to the
    state the alarm is already in changes nothing, and records nothing).

Patch J - CloudWatch runs no alarm action.
    AWS: when an alarm changes state, CloudWatch publishes its notification (JSON: AlarmName, AlarmDescription,
    AWSAccountId, NewStateValue, NewStateReason, StateChangeTime, Region, AlarmArn, OldStateValue, Trigger, ...) to
    each SNS topic among the actions of the new state, if ActionsEnabled, and records an Action history item:
    "Successfully executed action <topic ARN>", or "Failed to execute action <topic ARN>. Received error: ..."
    (AWS re:Post, "Why didn't I receive an SNS notification for my CloudWatch alarm trigger?",
    https://repost.aws/knowledge-center/cloudwatch-receive-sns-for-alarm-trigger). moto executes nothing. The patch
    publishes through moto's SNS (so subscribed SQS queues receive it) and records the item, failing as AWS does
    for a topic that does not exist, one in another Region, and one encrypted with alias/aws/sns.

Patch K - CloudWatch DescribeAlarmHistory is missing.
    moto 5.2.1 has no handler for it. The patch serves the items of patches I and J with AWS's filters: AlarmName,
    AlarmTypes (MetricAlarm by default), HistoryItemType, StartDate, EndDate, ScanBy (TimestampDescending by
    default), MaxRecords (1-100, default 50) and NextToken. History outlives the alarm, as AWS's does.

Patch L - a copy of a Lambda function copies the Region's whole CloudWatch Logs backend.
    Each moto LambdaFunction holds the Region's logs backend, and moto deep-copies functions (every $LATEST entry of
    ListFunctions FunctionVersion=ALL, every PublishVersion), so each copy took a private copy of every log group: with
    1,000 functions and 900 log groups one ListFunctions page took ~20 s and ~600 MB. The patch lets a copy share the
    one backend, so a published version logs to the same groups as its function, as in AWS.

Patches M-O serve the X-Ray operations moto lacks (state per account and Region, as moto keys its backends):

Patch M - X-Ray has no groups.
    moto 5.2.1 has no CreateGroup, GetGroup, GetGroups, UpdateGroup or DeleteGroup. The patch serves them as the X-Ray
    API Reference describes: GroupName 1-32 characters, unique, "Default" reserved (and listed by GetGroups, first,
    without a FilterExpression, never deletable); ARN arn:aws:xray:REGION:ACCOUNT:group/NAME/<random id>; GetGroups
    pages of 5 with NextToken (AWS documents no page size); an unknown group is 400 InvalidRequestException "Group not
    found". ListTagsForResource, TagResource and UntagResource serve the tags of groups and sampling rules (at most 50,
    TooManyTagsException; an unknown ARN is 404 ResourceNotFoundException).

Patch N - X-Ray has no sampling rules.
    moto 5.2.1 has no GetSamplingRules, CreateSamplingRule, UpdateSamplingRule or DeleteSamplingRule. The patch serves
    them with the model's constraints (InvalidRequestException in AWS's "N validation error(s) detected" wording), the
    built-in Default rule (priority 10000, FixedRate 0.05, ReservoirSize 1, "*" everywhere, Version 1; only its rate
    and reservoir change, it cannot be deleted), RuleARN arn:aws:xray:REGION:ACCOUNT:sampling-rule/NAME, pages of 5
    with NextToken, and AWS's quota of 25 custom rules per Region (RuleLimitExceededException, in every mode: AWS
    always enforces it).

Patch O - X-Ray GetServiceGraph always answers Services: [].
    The patch builds the graph from the segments PutTraceSegments stored that overlap StartTime-EndTime: one node per
    (segment name, origin) with ReferenceId, Name, Names, Type (the origin; none without one), Root (a segment without
    parent_id), State "active", StartTime, EndTime, SummaryStatistics and best-effort Edges from the node holding a
    segment's parent_id to the segment's node. GroupName/GroupARN keep only the traces matching the group's filter
    expression (an unknown group is InvalidRequestException "Group not found"). One page, no NextToken.

Filter expressions (patch O, strict rule S9) are read by a small parser of the documented subset: service("N"),
service() and service(id(name: "N", type: "T")) with an optional { filter }, the keywords ok, error, fault, throttle
and partial, responsetime and duration compared with = != < <= > >=, AND/&&, OR/||, NOT/!, parentheses and
juxtaposition as AND ("Using filter expressions", AWS X-Ray Developer Guide). Anything else is an expression it
cannot read.

Patch P - Tagging GetResources ignores ResourceARNList.
    AWS: ResourceARNList "Specifies a list of ARNs of resources for which you want to retrieve tag data" (1 to 100);
    "If a resource specified by this parameter doesn't exist, it doesn't generate an error; it simply isn't included
    in the response", and it cannot be combined with TagFilters, ResourceTypeFilters or the pagination parameters
    (Resource Groups Tagging API Reference, GetResources; the same text is in botocore's model). moto 5.2.1 never reads
    it and returns every tagged resource, page by page. The patch answers such a request in one page with exactly the
    named resources it knows that have tags.

Strict rules S1-S10 apply only with --strict or MOTO_STRICT=1. Each is one function below whose docstring says what
AWS does and where that is documented; they make moto refuse what AWS refuses, with AWS's code, status and wording.

Strict S1 - Lambda UpdateFunctionConfiguration refuses Active tracing when the role cannot write to X-Ray (400
    InvalidParameterValueException). The role must have AWSXRayDaemonWriteAccess attached or an attached or inline
    policy allowing xray:PutTraceSegments; a role moto does not know counts as lacking it. It also loads AWS's managed
    policies into moto's IAM (MOTO_IAM_LOAD_MANAGED_POLICIES=true) so AWSXRayDaemonWriteAccess can be attached.
Strict S2 - Lambda answers 409 ResourceConflictException to UpdateFunctionConfiguration for --update-seconds after
    each configuration update, and GetFunctionConfiguration/ListFunctions report LastUpdateStatus "InProgress" during
    that window, then "Successful".
Strict S3 - CloudWatch PutMetricAlarm/PutCompositeAlarm refuse actions in another Region or partition than the
    endpoint's (400 ValidationError "Invalid region eu-west-1 specified. Only us-east-1 is supported.").
Strict S4 - CloudWatch DeleteAlarms refuses, deleting nothing, when a named alarm is a child of a composite alarm
    that is not deleted in the same call (400 ValidationError "Cannot delete X as there are composite alarm(s)
    depending on it.").
Strict S5 - CloudWatch PutMetricAlarm/PutCompositeAlarm refuse an AlarmDescription longer than 1,024 characters
    (400 ValidationError "1 validation error detected: ... Member must have length less than or equal to 1024").
Strict S6 - CloudWatch dashboards are global to the account (per partition), not per Region: a PutDashboard in
    us-east-1 is seen by GetDashboard, ListDashboards and DeleteDashboards in eu-west-1, and so are its tags.
Strict S7 - Lambda CreateFunction/UpdateFunctionConfiguration refuse an ApplicationLogLevel or SystemLogLevel when the
    function's LogFormat would be Text (400 InvalidParameterValueException "LogLevel is not supported when LogFormat
    is set to "Text". ...").
Strict S8 - CloudWatch Logs PutRetentionPolicy refuses a retentionInDays CloudWatch Logs does not offer (400
    InvalidParameterException "Invalid retention value. Valid values are: [1, 3, ..., 3653]").
Strict S9 - X-Ray CreateGroup/UpdateGroup refuse a FilterExpression the filter-expression parser cannot read (400
    InvalidRequestException "Invalid filter expression: ..."; the wording is ours, AWS documents none).
Strict S10 - X-Ray CreateGroup refuses a 26th group in a Region (AWS's quota "Groups in an account", 25 per Region,
    not adjustable; 400 InvalidRequestException, the only error CreateGroup documents; the Default group not counted).
"""

import argparse
import fnmatch
import json
import os
import re
import socket
import sys
import threading
import time


def patch_lambda_tracing_config():
    from moto.awslambda.models import LambdaFunction

    original = LambdaFunction.update_configuration

    def update_configuration(self, config_updates):
        tracing = config_updates.get("TracingConfig")
        if isinstance(tracing, dict) and tracing.get("Mode"):
            self.tracing_config = {"Mode": tracing["Mode"]}
        return original(self, config_updates)

    LambdaFunction.update_configuration = update_configuration


LAMBDA_LOG_LEVEL_MEMBERS = ("ApplicationLogLevel", "SystemLogLevel")


def lambda_logging_config(function_name, current, sent):
    """The LoggingConfig a function has after one with current (None before it is created) is sent sent.

    Members not sent keep their value; Lambda's defaults fill the rest: LogFormat Text, LogGroup /aws/lambda/NAME,
    and INFO for both levels once the format is JSON. A function that is, or goes back to, Text has no levels.
    """
    current = current or {}
    sent = sent if isinstance(sent, dict) else {}
    config = {
        "LogFormat": sent.get("LogFormat") or current.get("LogFormat") or "Text",
        "LogGroup": sent.get("LogGroup") or current.get("LogGroup") or f"/aws/lambda/{function_name}",
    }
    if config["LogFormat"] == "JSON":
        for member in LAMBDA_LOG_LEVEL_MEMBERS:
            config[member] = sent.get(member) or current.get(member) or "INFO"
    return config


def patch_lambda_logging_config():
    """Patch H: Lambda keeps and returns each function's LoggingConfig.

    AWS: LoggingConfig is part of CreateFunction, UpdateFunctionConfiguration and every FunctionConfiguration answer
    (botocore's lambda/2015-03-31 model; "LoggingConfig", Lambda API Reference,
    https://docs.aws.amazon.com/lambda/latest/api/API_LoggingConfig.html). Defaults: "The default log format for all
    Lambda managed runtimes is currently plain text" (Lambda Developer Guide, "Log-level filtering",
    https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs-log-level.html), and "By default, Lambda
    functions send logs to a default log group named /aws/lambda/<function name>" (API_LoggingConfig). A JSON function
    for which no level was chosen reads ApplicationLogLevel INFO and SystemLogLevel INFO, as in the Lambda answer
    quoted in https://github.com/hashicorp/terraform-provider-aws/issues/42181. What Lambda does with the levels of a
    JSON function switched back to Text is not documented; levels apply only to JSON, so here they are dropped. moto
    5.2.1 reads none of it. The config is replaced, never changed in place, so a published version (moto copies the
    function object) keeps the one it was published with; invocations log to its LogGroup.
    """
    from moto.awslambda.models import LambdaFunction

    inner_init = LambdaFunction.__init__
    inner_update = LambdaFunction.update_configuration
    inner_get = LambdaFunction.get_configuration

    def configure(function, sent):
        function.logging_config = lambda_logging_config(function.function_name, getattr(function, "logging_config", None), sent)
        function.logs_group_name = function.logging_config["LogGroup"]

    def __init__(self, account_id, spec, region, version=1):
        inner_init(self, account_id, spec, region, version)
        configure(self, spec.get("LoggingConfig"))

    def update_configuration(self, config_updates):
        if isinstance(config_updates.get("LoggingConfig"), dict):
            configure(self, config_updates["LoggingConfig"])
        return inner_update(self, config_updates)

    def get_configuration(self, *args, **kwargs):
        config = inner_get(self, *args, **kwargs)
        if getattr(self, "logging_config", None) is None:
            configure(self, None)
        config["LoggingConfig"] = dict(self.logging_config)
        return config

    LambdaFunction.__init__ = __init__
    LambdaFunction.update_configuration = update_configuration
    LambdaFunction.get_configuration = get_configuration


def _tags_match(tags, tag_filters):
    for tag_filter in tag_filters or []:
        key = tag_filter.get("Key")
        values = tag_filter.get("Values") or []
        if key not in tags:
            return False
        if values and tags[key] not in values:
            return False
    return True


def _wanted(resource_type_filters, resource_type):
    if not resource_type_filters:
        return True
    for wanted in resource_type_filters:
        if wanted == "apigateway" or resource_type == wanted or resource_type.startswith(wanted + "/"):
            return True
    return False


def patch_lambda_copies_share_logs_backend():
    """Patch L: a deep copy of a Lambda function shares the Region's CloudWatch Logs backend instead of copying it.

    AWS: the versions of a function all log to the one log group of the function ("Any log generated by a Lambda
    function uses the naming convention /aws/lambda/function-name"; the log stream name carries the version,
    "YYYY/MM/DD[Function version][Execution environment GUID]", AWS Lambda Operator Guide, "How CloudWatch structures
    logs", https://docs.aws.amazon.com/lambda/latest/operatorguide/log-structure.html), and ListFunctions' latency does
    not grow with the account's log groups. moto 5.2.1 copy.deepcopy()s a LambdaFunction for each $LATEST entry of
    ListFunctions FunctionVersion=ALL (LambdaStorage.all) and for PublishVersion, and the function's logs_backend
    attribute went into each copy: a copy of every log group of the Region per function listed. Everything else is
    copied as moto copies it (its __getstate__, which leaves out the Docker client).
    """
    import copy

    from moto.awslambda.models import LambdaFunction

    def __deepcopy__(self, memo):
        clone = LambdaFunction.__new__(LambdaFunction)
        memo[id(self)] = clone
        for name, value in self.__getstate__().items():
            clone.__dict__[name] = value if name == "logs_backend" else copy.deepcopy(value, memo)
        return clone

    LambdaFunction.__deepcopy__ = __deepcopy__


def patch_tagging_api_gateway():
    from moto.apigateway.models import apigateway_backends
    from moto.resourcegroupstaggingapi.models import ResourceGroupsTaggingAPIBackend

    original = ResourceGroupsTaggingAPIBackend._get_resources_generator

    def api_gateway_resources(self, tag_filters, resource_type_filters):
        backend = apigateway_backends[self.account_id][self.region_name]
        prefix = f"arn:aws:apigateway:{self.region_name}::/restapis/"
        for api in list(backend.apis.values()):
            api_tags = api.tags or {}
            if api_tags and _wanted(resource_type_filters, "apigateway:restapis") and _tags_match(api_tags, tag_filters):
                yield {"ResourceARN": prefix + api.id, "Tags": [{"Key": k, "Value": v} for k, v in api_tags.items()]}
            for stage in list(api.stages.values()):
                stage_tags = stage.tags or {}
                if (
                    stage_tags
                    and _wanted(resource_type_filters, "apigateway:restapis/stages")
                    and _tags_match(stage_tags, tag_filters)
                ):
                    yield {
                        "ResourceARN": f"{prefix}{api.id}/stages/{stage.name}",
                        "Tags": [{"Key": k, "Value": v} for k, v in stage_tags.items()],
                    }

    def _get_resources_generator(self, tag_filters=None, resource_type_filters=None):
        yield from original(self, tag_filters=tag_filters, resource_type_filters=resource_type_filters)
        yield from api_gateway_resources(self, tag_filters, resource_type_filters)

    ResourceGroupsTaggingAPIBackend._get_resources_generator = _get_resources_generator


def patch_tagging_resource_arn_list():
    """Patch P: GetResources with ResourceARNList returns only the named resources (one page), as AWS does."""
    from moto.resourcegroupstaggingapi.responses import ResourceGroupsTaggingAPIResponse

    original = ResourceGroupsTaggingAPIResponse.get_resources

    def get_resources(self):
        named = self._get_param("ResourceARNList")
        if not named:
            return original(self)
        wanted = set(named)
        found = [
            resource
            for resource in self.backend._get_resources_generator(tag_filters=[], resource_type_filters=[])
            if resource.get("ResourceARN") in wanted and resource.get("Tags")
        ]
        return json.dumps({"ResourceTagMappingList": found, "PaginationToken": ""})

    ResourceGroupsTaggingAPIResponse.get_resources = get_resources


def patch_lambda_list_functions_paging():
    import base64
    import json

    from moto.awslambda.responses import LambdaResponse

    original = LambdaResponse.list_functions

    def list_functions(self):
        answer = json.loads(original(self))
        functions = answer.get("Functions", [])
        max_items = max(1, min(50, int(self.querystring.get("MaxItems", ["50"])[0])))
        marker = self.querystring.get("Marker", [None])[0]
        start = int(base64.urlsafe_b64decode(marker.encode()).decode()) if marker else 0
        answer["Functions"] = functions[start : start + max_items]
        if start + max_items < len(functions):
            answer["NextMarker"] = base64.urlsafe_b64encode(str(start + max_items).encode()).decode()
        return json.dumps(answer)

    LambdaResponse.list_functions = list_functions


def patch_cloudwatch_describe_alarms_paging():
    import base64

    from moto.cloudwatch.responses import CloudWatchResponse
    from moto.core.responses import ActionResult

    original = CloudWatchResponse.describe_alarms

    def describe_alarms(self):
        answer = original(self).result
        alarms = sorted(answer["MetricAlarms"], key=lambda alarm: alarm.name)
        max_records = max(1, min(100, int(self._get_param("MaxRecords") or 50)))
        token = self._get_param("NextToken")
        start = int(base64.urlsafe_b64decode(token.encode()).decode()) if token else 0
        answer["MetricAlarms"] = alarms[start : start + max_records]
        if start + max_records < len(alarms):
            answer["NextToken"] = base64.urlsafe_b64encode(str(start + max_records).encode()).decode()
        return ActionResult(answer)

    CloudWatchResponse.describe_alarms = describe_alarms


def patch_cloudwatch_dashboard_tags():
    from moto.cloudwatch.models import CloudWatchBackend

    original = CloudWatchBackend.tag_resource

    def tag_resource(self, arn, tags):
        if any(dashboard.arn == arn for dashboard in self.dashboards.values()):
            self.tagger.tag_resource(arn, tags)
            return
        original(self, arn, tags)

    CloudWatchBackend.tag_resource = tag_resource


def patch_cloudwatch_put_composite_alarm():
    from moto.cloudwatch.responses import CloudWatchResponse

    # moto's put_metric_alarm handler already reads AlarmRule "to re-use this method for composite alarms", and every
    # PutCompositeAlarm parameter has the same name there, so the handler itself is the minimum that works.
    CloudWatchResponse.put_composite_alarm = CloudWatchResponse.put_metric_alarm


def patch_sns_subscription_confirmation():
    from moto.sns.models import SNSBackend

    needs_confirmation = ("email", "email-json", "http", "https")
    original_subscribe = SNSBackend.subscribe
    original_unsubscribe = SNSBackend.unsubscribe

    def pending(subscription):
        return str(subscription.attributes.get("PendingConfirmation", "false")).lower() == "true"

    def recount(backend, topic):
        subscriptions = [s for s in backend.subscriptions.values() if s.topic is topic]
        topic.subscriptions_pending = sum(1 for s in subscriptions if pending(s))
        topic.subscriptions_confimed = len(subscriptions) - topic.subscriptions_pending  # moto's own spelling

    def subscribe(self, topic_arn, endpoint, protocol):
        subscription = original_subscribe(self, topic_arn, endpoint, protocol)
        if protocol in needs_confirmation:
            subscription.attributes["PendingConfirmation"] = "true"
        recount(self, subscription.topic)
        return subscription

    def unsubscribe(self, subscription_arn):
        subscription = self.subscriptions.get(subscription_arn)
        original_unsubscribe(self, subscription_arn)
        if subscription is not None:
            recount(self, subscription.topic)

    SNSBackend.subscribe = subscribe
    SNSBackend.unsubscribe = unsubscribe


# ---------------------------------------------------------------------------------------------------------------
# Patches I-K: alarm history and alarm actions. The history of an account and Region is one list on its CloudWatch
# backend (it outlives deleted alarms, as CloudWatch's does); moto-api/reset clears it with the backend.
# ---------------------------------------------------------------------------------------------------------------

REGION_NAMES = {
    "us-east-1": "US East (N. Virginia)", "us-east-2": "US East (Ohio)", "us-west-1": "US West (N. California)",
    "us-west-2": "US West (Oregon)", "eu-west-1": "EU (Ireland)", "eu-west-2": "EU (London)",
    "eu-west-3": "EU (Paris)", "eu-central-1": "EU (Frankfurt)", "eu-north-1": "EU (Stockholm)",
    "ap-northeast-1": "Asia Pacific (Tokyo)", "ap-southeast-1": "Asia Pacific (Singapore)",
    "ap-southeast-2": "Asia Pacific (Sydney)", "ca-central-1": "Canada (Central)", "sa-east-1": "South America (Sao Paulo)",
}

AWS_MANAGED_SNS_KEY = "alias/aws/sns"


def _alarm_history(account_id, region):
    from moto.cloudwatch.models import cloudwatch_backends

    return cloudwatch_backends[account_id][region].__dict__.setdefault("_alarm_history", [])


def _account_of(alarm):
    return alarm.alarm_arn.split(":")[4]


def _now():
    import datetime

    return datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)


def _epoch_millis(moment):
    import calendar

    return calendar.timegm(moment.timetuple()) * 1000 + moment.microsecond // 1000


def _record(alarm, item_type, summary, data, moment):
    _alarm_history(_account_of(alarm), alarm.region_name).append({
        "AlarmName": alarm.name,
        "AlarmType": "CompositeAlarm" if alarm.rule is not None else "MetricAlarm",
        "Timestamp": moment,
        "HistoryItemType": item_type,
        "HistorySummary": summary,
        "HistoryData": json.dumps(data, separators=(",", ":")),
    })


def _wrap_state_changes(on_change):
    """Calls on_change(alarm, old_value, old_reason, moment) after every update_state that changes the state."""
    from moto.cloudwatch.models import Alarm

    inner = Alarm.update_state

    def update_state(self, reason, reason_data, state_value):
        old_value, old_reason = self.state_value, self.state_reason
        inner(self, reason, reason_data, state_value)
        if old_value != state_value:
            on_change(self, old_value, old_reason, self.state_updated_timestamp)

    Alarm.update_state = update_state


def patch_cloudwatch_state_update_history():
    """Patch I: a change of state adds a StateUpdate history item.

    AWS: DescribeAlarmHistory returns, for each state change, an item with HistoryItemType StateUpdate, HistorySummary
    "Alarm updated from <old> to <new>" and HistoryData {"version":"1.0","oldState":{"stateValue","stateReason"},
    "newState":{...}} (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_DescribeAlarmHistory.html;
    the AWS CLI's describe-alarm-history example shows the data). Only a real change of state is one.
    """
    def record(alarm, old_value, old_reason, moment):
        _record(alarm, "StateUpdate", f"Alarm updated from {old_value} to {alarm.state_value}", {
            "version": "1.0",
            "oldState": {"stateValue": old_value, "stateReason": old_reason},
            "newState": {"stateValue": alarm.state_value, "stateReason": alarm.state_reason},
        }, moment)

    _wrap_state_changes(record)


def alarm_notification(alarm, old_value, moment):
    """CloudWatch's alarm notification message, as SNS subscribers receive it."""
    trigger = {
        "MetricName": alarm.metric_name,
        "Namespace": alarm.namespace,
        "Unit": alarm.unit,
        "Dimensions": [{"value": d.value, "name": d.name} for d in alarm.dimensions],
        "Period": alarm.period,
        "EvaluationPeriods": alarm.evaluation_periods,
        "ComparisonOperator": alarm.comparison_operator,
        "Threshold": alarm.threshold,
        "TreatMissingData": alarm.treat_missing_data or "",
        "EvaluateLowSampleCountPercentile": alarm.evaluate_low_sample_count_percentile or "",
    }
    if alarm.extended_statistic:
        trigger.update({"StatisticType": "ExtendedStatistic", "ExtendedStatistic": alarm.extended_statistic})
    else:
        trigger.update({"StatisticType": "Statistic", "Statistic": (alarm.statistic or "").upper()})
    if alarm.metric_data_queries:
        trigger = {
            "Period": alarm.period, "EvaluationPeriods": alarm.evaluation_periods,
            "ComparisonOperator": alarm.comparison_operator, "Threshold": alarm.threshold,
            "TreatMissingData": alarm.treat_missing_data or "", "EvaluateLowSampleCountPercentile": "",
            "Metrics": [{"Id": q.id, "Expression": q.expression, "Label": q.label, "ReturnData": q.return_data}
                        if q.expression else {"Id": q.id, "Label": q.label, "ReturnData": q.return_data}
                        for q in alarm.metric_data_queries],
        }
    return {
        "AlarmName": alarm.name,
        "AlarmDescription": alarm.description,
        "AWSAccountId": _account_of(alarm),
        "AlarmConfigurationUpdatedTimestamp": alarm.configuration_updated_timestamp.strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "+0000",
        "NewStateValue": alarm.state_value,
        "NewStateReason": alarm.state_reason,
        "StateChangeTime": moment.strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "+0000",
        "Region": REGION_NAMES.get(alarm.region_name, alarm.region_name),
        "AlarmArn": alarm.alarm_arn,
        "OldStateValue": old_value,
        "OKActions": list(alarm.ok_actions),
        "AlarmActions": list(alarm.alarm_actions),
        "InsufficientDataActions": list(alarm.insufficient_data_actions),
        "Trigger": trigger,
    }


def run_sns_action(alarm, topic_arn, message, subject):
    """(True, message id) or (False, CloudWatch's error text) for one SNS alarm action."""
    from moto.sns.models import sns_backends

    parts = topic_arn.split(":")
    region, account = parts[3], parts[4]
    if region != alarm.region_name:
        return False, f"Invalid region {region} specified. Only {alarm.region_name} is supported."
    topic = sns_backends[account][region].topics.get(topic_arn)
    if topic is None:
        return False, "Topic does not exist (Service: AmazonSNS; Status Code: 404; Error Code: NotFound)"
    key = topic.kms_master_key_id or ""
    if key == AWS_MANAGED_SNS_KEY or key.endswith(":" + AWS_MANAGED_SNS_KEY):
        return False, "CloudWatch Alarms does not have authorization to access the SNS topic encryption key."
    return True, sns_backends[account][region].publish(message, topic_arn, subject=subject)


def patch_cloudwatch_alarm_sns_actions():
    """Patch J: a change of state runs the SNS actions of the new state and records an Action item for each.

    AWS: "When an alarm changes state, CloudWatch ... sends a notification to the SNS topics" of the new state's
    actions when ActionsEnabled is true (Using Amazon CloudWatch alarms, Alarm actions,
    https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/alarm-actions.html). Each attempt is an Action
    history item: "Successfully executed action <arn>" with HistoryData {"actionState":"Succeeded",
    "notificationResource", "stateUpdateTimestamp", "publishedMessage"} (a real item is quoted in
    https://github.com/aws/aws-sdk-java/issues/1723), or "Failed to execute action <arn>. Received error: "<error>""
    (https://repost.aws/knowledge-center/cloudwatch-receive-sns-for-alarm-trigger). For a topic encrypted with the
    AWS managed key the error is "CloudWatch Alarms does not have authorization to access the SNS topic encryption
    key." (https://repost.aws/knowledge-center/cloudwatch-configure-alarm-sns). For a topic that does not exist AWS
    documents no wording; SNS's own NotFound answer ("Topic does not exist") is quoted the way CloudWatch quotes other
    SNS errors. A topic of another Region gets S3's wording (CloudWatch refuses such actions; moto, lenient, keeps them).
    """
    def execute(alarm, old_value, old_reason, moment):
        if not alarm.actions_enabled:
            return
        actions = {"ALARM": alarm.alarm_actions, "OK": alarm.ok_actions,
                   "INSUFFICIENT_DATA": alarm.insufficient_data_actions}.get(alarm.state_value) or []
        message = json.dumps(alarm_notification(alarm, old_value, moment), separators=(",", ":"))
        subject = f'{alarm.state_value}: "{alarm.name}" in {REGION_NAMES.get(alarm.region_name, alarm.region_name)}'[:100]
        for arn in actions:
            if not arn.startswith("arn:") or arn.split(":")[2] != "sns":
                continue  # EC2, Auto Scaling, Lambda and SSM actions are not emulated
            data = {"actionState": "Succeeded", "stateUpdateTimestamp": _epoch_millis(moment), "notificationResource": arn}
            succeeded, detail = run_sns_action(alarm, arn, message, subject)
            if succeeded:
                data.update({"error": None, "publishedMessage": json.dumps({"messageId": detail, "message": message})})
                summary = f"Successfully executed action {arn}"
            else:
                data.update({"actionState": "Failed", "error": detail})
                summary = f'Failed to execute action {arn}. Received error: "{detail}"'
            _record(alarm, "Action", summary, data, moment)

    _wrap_state_changes(execute)


def _as_naive_utc(value):
    import datetime

    if value is None or value == "":
        return None
    if isinstance(value, str):
        value = datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
    if value.tzinfo is not None:
        value = value.astimezone(datetime.timezone.utc).replace(tzinfo=None)
    return value


def patch_cloudwatch_describe_alarm_history():
    """Patch K: serve DescribeAlarmHistory over the items of patches I and J.

    AWS: filters AlarmName, AlarmTypes (only metric alarms when omitted), HistoryItemType, StartDate, EndDate;
    ScanBy TimestampDescending (the default, newest first) or TimestampAscending; MaxRecords 1-100; NextToken pages
    (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_DescribeAlarmHistory.html). "CloudWatch
    retains the history of an alarm even if you delete the alarm." (the same page).
    """
    import base64

    from moto.cloudwatch.exceptions import ValidationError
    from moto.cloudwatch.responses import CloudWatchResponse
    from moto.core.responses import ActionResult

    def describe_alarm_history(self):
        backend = self.cloudwatch_backend
        name = self._get_param("AlarmName")
        item_type = self._get_param("HistoryItemType")
        types = self._get_param("AlarmTypes") or ["MetricAlarm"]
        start = _as_naive_utc(self._get_param("StartDate"))
        end = _as_naive_utc(self._get_param("EndDate"))
        scan_by = self._get_param("ScanBy") or "TimestampDescending"
        max_records = int(self._get_param("MaxRecords") or 50)
        if not 1 <= max_records <= 100:
            raise ValidationError(
                f"1 validation error detected: Value '{max_records}' at 'maxRecords' failed to satisfy constraint: "
                "Member must have value less than or equal to 100")
        items = [
            item for item in _alarm_history(backend.account_id, backend.region_name)
            if (name is None or item["AlarmName"] == name)
            and item["AlarmType"] in types
            and (item_type is None or item["HistoryItemType"] == item_type)
            and (start is None or item["Timestamp"] >= start)
            and (end is None or item["Timestamp"] <= end)
        ]
        # Python's sort is stable: items of one moment keep the order they were recorded in.
        items.sort(key=lambda item: item["Timestamp"], reverse=scan_by == "TimestampDescending")
        token = self._get_param("NextToken")
        offset = int(base64.urlsafe_b64decode(token.encode()).decode()) if token else 0
        answer = {"AlarmHistoryItems": [dict(item) for item in items[offset:offset + max_records]]}
        if offset + max_records < len(items):
            answer["NextToken"] = base64.urlsafe_b64encode(str(offset + max_records).encode()).decode()
        return ActionResult(answer)

    CloudWatchResponse.describe_alarm_history = describe_alarm_history


# ---------------------------------------------------------------------------------------------------------------
# Patches M-O: X-Ray groups, sampling rules and a service graph built from the stored segments. moto 5.2.1 has no
# groups and no sampling rules; their state lives in XRAY_CONFIG, one XRayConfig per (account id, Region) as moto
# keys its backends, and moto-api/reset (which resets the X-Ray backends) empties it.
# ---------------------------------------------------------------------------------------------------------------

XRAY_CONFIG = {}
XRAY_CONFIG_LOCK = threading.RLock()
XRAY_PAGE_SIZE = 5  # GetGroups and GetSamplingRules; AWS documents no page size for either (see patches M and N)
XRAY_TAGS_PER_RESOURCE = 50  # "Tags per group" and "Tags per custom sampling rule", AWS X-Ray endpoints and quotas
XRAY_DEFAULT_NAME = "Default"


class XRayConfig:
    """The groups, sampling rules and tags of one account in one Region."""

    def __init__(self, account_id, region):
        self.account_id = account_id
        self.region = region
        self.groups = {}  # name -> {"GroupName", "GroupARN", "FilterExpression"?, "InsightsConfiguration"}, in creation order
        self.rules = {}  # name -> {"SamplingRule": {...}, "CreatedAt", "ModifiedAt"}
        self.tags = {}  # ARN -> {key: value}
        self.default_group = {
            "GroupName": XRAY_DEFAULT_NAME,
            "GroupARN": f"{self.arn_prefix()}group/{XRAY_DEFAULT_NAME}",
            "InsightsConfiguration": {"InsightsEnabled": False, "NotificationsEnabled": False},
        }
        self.default_rule = {
            "SamplingRule": {
                "RuleName": XRAY_DEFAULT_NAME, "RuleARN": f"{self.arn_prefix()}sampling-rule/{XRAY_DEFAULT_NAME}",
                "ResourceARN": "*", "Priority": 10000, "FixedRate": 0.05, "ReservoirSize": 1, "ServiceName": "*",
                "ServiceType": "*", "Host": "*", "HTTPMethod": "*", "URLPath": "*", "Version": 1, "Attributes": {},
            },
            "CreatedAt": 0.0,
            "ModifiedAt": time.time(),
        }

    def arn_prefix(self):
        from moto.utilities.utils import get_partition

        return f"arn:{get_partition(self.region)}:xray:{self.region}:{self.account_id}:"

    def all_groups(self):
        return [self.default_group] + list(self.groups.values())

    def all_rules(self):
        return list(self.rules.values()) + [self.default_rule]

    def resource_exists(self, arn):
        return any(g["GroupARN"] == arn for g in self.all_groups()) or any(
            r["SamplingRule"]["RuleARN"] == arn for r in self.all_rules())


def xray_config(account_id, region):
    from moto.xray.models import xray_backends

    # Instantiating moto's backend for the Region makes moto-api/reset reach it, and so clear this state too.
    xray_backends[account_id][region]
    with XRAY_CONFIG_LOCK:
        key = (account_id, region)
        if key not in XRAY_CONFIG:
            XRAY_CONFIG[key] = XRayConfig(account_id, region)
        return XRAY_CONFIG[key]


def xray_error(code, message, status=400):
    """An X-Ray (rest-json) error: body {"__type", "message"} and header X-Amzn-ErrorType, which botocore reads."""
    from moto.core.exceptions import JsonRESTError

    error = JsonRESTError(code, message)
    error.code = status
    return error


def xray_invalid(message):
    return xray_error("InvalidRequestException", message)


def xray_validation_message(problems):
    """AWS's wording for modelled constraints: "1 validation error detected: Value ... at ... failed to ..."."""
    count = len(problems)
    return f"{count} validation error{'s' if count != 1 else ''} detected: " + "; ".join(problems)


def _camel(path):
    return ".".join(part[:1].lower() + part[1:] for part in path.split("."))


def _check_length(problems, path, value, minimum=None, maximum=None):
    if value is None:
        return
    if not isinstance(value, str):
        problems.append(f"Value '{value}' at '{_camel(path)}' failed to satisfy constraint: Member must be a string")
        return
    if minimum is not None and len(value) < minimum:
        problems.append(f"Value '{value}' at '{_camel(path)}' failed to satisfy constraint: Member must have length "
                        f"greater than or equal to {minimum}")
    if maximum is not None and len(value) > maximum:
        problems.append(f"Value '{value}' at '{_camel(path)}' failed to satisfy constraint: Member must have length "
                        f"less than or equal to {maximum}")


def _check_range(problems, path, value, minimum=None, maximum=None, integer=False):
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, (int, float)) or (integer and not float(value).is_integer()):
        kind = "an integer" if integer else "a number"
        problems.append(f"Value '{value}' at '{_camel(path)}' failed to satisfy constraint: Member must be {kind}")
        return
    if minimum is not None and value < minimum:
        problems.append(f"Value '{value}' at '{_camel(path)}' failed to satisfy constraint: Member must have value "
                        f"greater than or equal to {minimum}")
    if maximum is not None and value > maximum:
        problems.append(f"Value '{value}' at '{_camel(path)}' failed to satisfy constraint: Member must have value "
                        f"less than or equal to {maximum}")


def _check_tags(problems, path, tags):
    """Tags as X-Ray takes them: a list of {Key (1-128), Value (0-256)}; keys starting aws: are AWS's own."""
    if tags is None:
        return {}
    if not isinstance(tags, list):
        problems.append(f"Value '{tags}' at '{_camel(path)}' failed to satisfy constraint: Member must be a list")
        return {}
    result = {}
    for index, tag in enumerate(tags, start=1):
        tag = tag if isinstance(tag, dict) else {}
        key, value = tag.get("Key"), tag.get("Value")
        if key is None:
            problems.append(f"Value null at '{_camel(path)}.{index}.member.key' failed to satisfy constraint: Member "
                            "must not be null")
            continue
        if value is None:
            problems.append(f"Value null at '{_camel(path)}.{index}.member.value' failed to satisfy constraint: "
                            "Member must not be null")
            continue
        _check_length(problems, f"{path}.{index}.member.Key", key, 1, 128)
        _check_length(problems, f"{path}.{index}.member.Value", value, 0, 256)
        result[key] = value
    return result


def _refuse_reserved_tag_keys(tags):
    reserved = [key for key in tags if str(key).lower().startswith("aws:")]
    if reserved:
        raise xray_invalid(f"Tag keys starting with 'aws:' are reserved for AWS use: {', '.join(reserved)}")


def _page(items, token, what):
    """One page of XRAY_PAGE_SIZE items from an opaque NextToken (the offset); a token we never gave is refused."""
    import base64

    start = 0
    if token:
        try:
            start = int(base64.urlsafe_b64decode(token.encode()).decode())
        except (ValueError, UnicodeDecodeError):
            raise xray_invalid(f"Invalid NextToken for {what}")
        if start < 0 or start > len(items):
            raise xray_invalid(f"Invalid NextToken for {what}")
    page = items[start:start + XRAY_PAGE_SIZE]
    next_token = None
    if start + XRAY_PAGE_SIZE < len(items):
        next_token = base64.urlsafe_b64encode(str(start + XRAY_PAGE_SIZE).encode()).decode()
    return page, next_token


def _xray_routes(*paths):
    """Serves POST /<Path> for each path through XRayResponse.dispatch (moto maps /Path to method path_in_snake_case)."""
    from moto.xray import urls
    from moto.xray.responses import XRayResponse

    for path in paths:
        urls.url_paths.setdefault("{0}/" + path + "$", XRayResponse.dispatch)


def _reset_xray_config_with_backend():
    from moto.xray.models import XRayBackend

    if getattr(XRayBackend.reset, "_clears_xray_config", False):
        return
    inner = XRayBackend.reset

    def reset(self):
        with XRAY_CONFIG_LOCK:
            XRAY_CONFIG.pop((self.account_id, self.region_name), None)
        inner(self)

    reset._clears_xray_config = True
    XRayBackend.reset = reset


# ---------------------------------------------------------------------------------------------------------------
# Filter expressions (used by patch O for groups and by strict rule S9). The subset read here, from "Using filter
# expressions" (AWS X-Ray Developer Guide, xray-console-filters): boolean keywords ok, error, fault, throttle, partial
# (alone, negated with !, or compared = / != with true or false); number keywords responsetime and duration with
# = != < <= > >=; service("name"), service() and service(id(name: "N", type: "T")) (either member alone), each with an
# optional { filter } applied to that service's segments; AND / && and OR / || (AND binds tighter), NOT / !,
# parentheses, and juxtaposition as AND (the guide's own example "ok !partial duration <3"). Strings are double-quoted
# with backslash escapes. Everything else the guide describes (edge(), annotation.KEY, http.*, user, string operators)
# is not read: an expression using it is one this parser "cannot read".
# ---------------------------------------------------------------------------------------------------------------

class FilterExpressionError(ValueError):
    pass


_FILTER_TOKEN = re.compile(r"""
    (?P<space>\s+)
  | (?P<string>"(?:[^"\\]|\\.)*")
  | (?P<number>-?\d+(?:\.\d+)?)
  | (?P<op><=|>=|!=|&&|\|\||[=<>!(){},:])
  | (?P<word>[A-Za-z_][A-Za-z0-9_.]*)
""", re.VERBOSE)

_BOOLEAN_KEYWORDS = ("ok", "error", "fault", "throttle", "partial")
_NUMBER_KEYWORDS = ("responsetime", "duration")
_COMPARISONS = ("=", "!=", "<", "<=", ">", ">=")


def _filter_tokens(text):
    tokens, position = [], 0
    while position < len(text):
        match = _FILTER_TOKEN.match(text, position)
        if match is None:
            raise FilterExpressionError(f"unexpected character {text[position]!r} at position {position}")
        kind = match.lastgroup
        if kind == "string":
            tokens.append(("string", re.sub(r"\\(.)", r"\1", match.group()[1:-1])))
        elif kind == "number":
            tokens.append(("number", float(match.group())))
        elif kind == "op":
            tokens.append(("op", match.group()))
        elif kind == "word":
            tokens.append(("word", match.group()))
        position = match.end()
    return tokens


class _FilterParser:
    """Recursive descent over the tokens; parse() returns a predicate node tree of tuples."""

    def __init__(self, text):
        self.tokens = _filter_tokens(text)
        self.index = 0

    def peek(self):
        return self.tokens[self.index] if self.index < len(self.tokens) else (None, None)

    def take(self, kind=None, value=None):
        token = self.peek()
        if token[0] is None or (kind and token[0] != kind) or (value is not None and token[1] != value):
            wanted = value or kind or "more input"
            found = "the end" if token[0] is None else repr(token[1])
            raise FilterExpressionError(f"expected {wanted} but found {found}")
        self.index += 1
        return token

    def at(self, kind, value=None):
        token = self.peek()
        return token[0] == kind and (value is None or token[1] == value)

    def at_word(self, *words):
        token = self.peek()
        return token[0] == "word" and token[1].upper() in words

    def parse(self):
        if not self.tokens:
            raise FilterExpressionError("the expression is empty")
        node = self.disjunction()
        if self.peek()[0] is not None:
            raise FilterExpressionError(f"unexpected {self.peek()[1]!r}")
        return node

    def disjunction(self):
        node = self.conjunction()
        while self.at("op", "||") or self.at_word("OR"):
            self.index += 1
            node = ("or", node, self.conjunction())
        return node

    def starts_term(self):
        kind, value = self.peek()
        return (kind == "op" and value in ("(", "!")) or (kind == "word" and value.upper() not in ("AND", "OR"))

    def conjunction(self):
        node = self.negation()
        while True:
            if self.at("op", "&&") or self.at_word("AND"):
                self.index += 1
            elif not self.starts_term():
                return node
            node = ("and", node, self.negation())

    def negation(self):
        if self.at("op", "!") or self.at_word("NOT"):
            self.index += 1
            return ("not", self.negation())
        return self.primary()

    def primary(self):
        if self.at("op", "("):
            self.take("op", "(")
            node = self.disjunction()
            self.take("op", ")")
            return node
        kind, word = self.take("word")
        lowered = word.lower()
        if lowered == "service":
            return self.service()
        if lowered in _BOOLEAN_KEYWORDS:
            if self.at("op", "=") or self.at("op", "!="):
                operator = self.take("op")[1]
                literal = self.take("word")[1].lower()
                if literal not in ("true", "false"):
                    raise FilterExpressionError(f"{word} compares with true or false, not {literal!r}")
                wanted = (literal == "true") == (operator == "=")
                return ("bool", lowered, wanted)
            return ("bool", lowered, True)
        if lowered in _NUMBER_KEYWORDS:
            kind, operator = self.take("op")
            if operator not in _COMPARISONS:
                raise FilterExpressionError(f"{word} needs one of {' '.join(_COMPARISONS)}, not {operator!r}")
            return ("number", lowered, operator, self.take("number")[1])
        raise FilterExpressionError(f"unknown keyword {word!r}")

    def service(self):
        self.take("op", "(")
        name = kind = None
        if self.at("string"):
            name = self.take("string")[1]
        elif self.at("word") and self.peek()[1] == "id":
            self.take("word")
            self.take("op", "(")
            while True:
                member = self.take("word")[1]
                if member not in ("name", "type"):
                    raise FilterExpressionError(f"id() takes name and type, not {member!r}")
                self.take("op", ":")
                value = self.take("string")[1]
                if member == "name":
                    name = value
                else:
                    kind = value
                if not self.at("op", ","):
                    break
                self.take("op", ",")
            self.take("op", ")")
            if name is None and kind is None:
                raise FilterExpressionError("id() needs a name or a type")
        self.take("op", ")")
        inner = None
        if self.at("op", "{"):
            self.take("op", "{")
            inner = self.disjunction()
            self.take("op", "}")
        return ("service", name, kind, inner)


def parse_filter_expression(text):
    """The predicate tree of a filter expression, or FilterExpressionError saying why it cannot be read."""
    return _FilterParser(text or "").parse()


def _segment_status(segment):
    http = segment.http if isinstance(segment.http, dict) else {}
    response = http.get("response") if isinstance(http.get("response"), dict) else {}
    try:
        return int(response.get("status"))
    except (TypeError, ValueError):
        return None


def segment_outcome(segment):
    """(fault, error, throttle) of one segment: its flags (segment documents) or its HTTP response status."""
    status = _segment_status(segment)
    flags = segment.misc
    throttle = bool(flags.get("throttle")) or status == 429
    fault = bool(flags.get("fault")) or (status is not None and 500 <= status <= 599)
    error = bool(flags.get("error")) or throttle or (status is not None and 400 <= status <= 499)
    return fault, error, throttle


def _segment_end(segment):
    return segment.end_time if segment.end_time is not None else segment.start_time


def _evaluate(node, scope, root):
    """node over scope (the segments in view) whose first segment, root, answers the trace-level keywords."""
    kind = node[0]
    if kind == "or":
        return _evaluate(node[1], scope, root) or _evaluate(node[2], scope, root)
    if kind == "and":
        return _evaluate(node[1], scope, root) and _evaluate(node[2], scope, root)
    if kind == "not":
        return not _evaluate(node[1], scope, root)
    if kind == "bool":
        _, keyword, wanted = node
        fault, error, throttle = segment_outcome(root)
        value = {
            "ok": not (fault or error or throttle),
            "error": error,
            "fault": fault,
            "throttle": throttle,
            "partial": any(segment.end_time is None or segment.in_progress is True for segment in scope),
        }[keyword]
        return value == wanted
    if kind == "number":
        _, keyword, operator, number = node
        if keyword == "responsetime":
            value = _segment_end(root) - root.start_time
        else:
            value = max(_segment_end(s) for s in scope) - min(s.start_time for s in scope)
        return {"=": value == number, "!=": value != number, "<": value < number, "<=": value <= number,
                ">": value > number, ">=": value >= number}[operator]
    if kind == "service":
        _, name, service_type, inner = node
        for segment in scope:
            if name is not None and segment.name != name:
                continue
            if service_type is not None and segment.origin != service_type:
                continue
            if inner is None or _evaluate(inner, [segment], segment):
                return True
        return False
    raise FilterExpressionError(f"cannot evaluate {kind}")


def trace_matches_filter(tree, segments):
    """True when a trace (its stored segments) matches the parsed filter expression."""
    if not segments:
        return False
    ordered = sorted(segments, key=lambda s: s.start_time)
    roots = [s for s in ordered if not s.parent_id]
    return _evaluate(tree, ordered, roots[0] if roots else ordered[0])


# ---------------------------------------------------------------------------------------------------------------

def _group_lookup(config, name, arn):
    if not name and not arn:
        raise xray_invalid("Either GroupName or GroupARN must be provided")
    for group in config.all_groups():
        if (arn and group["GroupARN"] == arn) or (not arn and group["GroupName"] == name):
            if arn and name and group["GroupName"] != name:
                break
            return group
    raise xray_invalid("Group not found")


def _group_view(group):
    return json.loads(json.dumps(group))


def _insights(sent, current):
    problems = []
    if sent is None:
        return dict(current)
    if not isinstance(sent, dict):
        raise xray_invalid(xray_validation_message(
            [f"Value '{sent}' at 'insightsConfiguration' failed to satisfy constraint: Member must be a structure"]))
    result = dict(current)
    for member in ("InsightsEnabled", "NotificationsEnabled"):
        if member in sent and sent[member] is not None:
            if not isinstance(sent[member], bool):
                problems.append(f"Value '{sent[member]}' at 'insightsConfiguration.{_camel(member)}' failed to "
                                "satisfy constraint: Member must be a boolean")
            result[member] = sent[member]
    if problems:
        raise xray_invalid(xray_validation_message(problems))
    if result["NotificationsEnabled"] and not result["InsightsEnabled"]:
        raise xray_invalid("Notifications may only be enabled on a group with InsightsEnabled set to true")
    return result


def patch_xray_groups():
    """Patch M: X-Ray CreateGroup, GetGroup, GetGroups, UpdateGroup and DeleteGroup, and tags on groups.

    AWS (X-Ray API Reference, CreateGroup, GetGroup, GetGroups, UpdateGroup, DeleteGroup; botocore's xray/2016-04-12
    model): GroupName is required on CreateGroup, 1-32 characters, "The case-sensitive name of the new group. Default
    is a reserved name and names must be unique."; FilterExpression and InsightsConfiguration are optional, and
    "Notifications may only be enabled on a group with InsightsEnabled set to true"; Tags is a list of {Key, Value}
    (keys 1-128, values 0-256 characters, at most 50 user tags, keys starting aws: reserved). The answer is
    {"Group": {GroupName, GroupARN, FilterExpression, InsightsConfiguration}}. Get/Update/DeleteGroup take GroupName
    or GroupARN. GetGroups returns "The collection of all active groups" with a NextToken. The Developer Guide
    ("Configuring groups in the X-Ray console") says "You can't delete the Default group" and that a group cannot be
    renamed; "Configuring sampling, groups, and encryption settings with the AWS X-Ray API" shows the group ARN as
    arn:aws:xray:REGION:ACCOUNT:group/NAME/UniqueID. The only errors these operations document are
    InvalidRequestException (400) and ThrottledException (429), so every refusal here is InvalidRequestException;
    an unknown group is "Group not found" (AWS's wording, which the Terraform AWS provider's aws_xray_group matches
    on). moto 5.2.1 has none of these operations.
    Not documented, chosen here: the unique id is 52 base32 characters; the Default group's ARN is
    arn:...:group/Default, it has no FilterExpression, GetGroups lists it first and then the others in creation order,
    and its FilterExpression cannot be set (the Default group holds every trace); the console's advice that names
    hold "alphanumeric characters and dashes" is not enforced (the API reference states no pattern). GetGroups pages
    hold XRAY_PAGE_SIZE (5) groups: AWS documents no page size, and a small one exercises a client's NextToken loop.
    Refusal wordings other than "Group not found" and the modelled-constraint messages are ours.
    ListTagsForResource, TagResource and UntagResource serve the tags of groups and sampling rules (patch N):
    ResourceNotFoundException (404) for an ARN X-Ray does not know, TooManyTagsException (400) past the 50 tags a
    resource may have ("Tags per group" / "Tags per custom sampling rule", AWS X-Ray endpoints and quotas).
    """
    import base64
    import secrets

    from moto.xray.responses import XRayResponse

    _reset_xray_config_with_backend()
    _xray_routes("CreateGroup", "GetGroup", "Groups", "UpdateGroup", "DeleteGroup", "ListTagsForResource",
                 "TagResource", "UntagResource")

    def config_of(response):
        return xray_config(response.current_account, response.region)

    def create_group(self):
        name = self._get_param("GroupName")
        expression = self._get_param("FilterExpression")
        problems = []
        if name is None:
            problems.append("Value null at 'groupName' failed to satisfy constraint: Member must not be null")
        _check_length(problems, "GroupName", name, 1, 32)
        _check_length(problems, "FilterExpression", expression)
        tags = _check_tags(problems, "Tags", self._get_param("Tags"))
        if problems:
            raise xray_invalid(xray_validation_message(problems))
        if len(tags) > XRAY_TAGS_PER_RESOURCE:
            raise xray_invalid(f"A group can have at most {XRAY_TAGS_PER_RESOURCE} tags")
        _refuse_reserved_tag_keys(tags)
        insights = _insights(self._get_param("InsightsConfiguration"),
                             {"InsightsEnabled": False, "NotificationsEnabled": False})
        config = config_of(self)
        with XRAY_CONFIG_LOCK:
            if name == XRAY_DEFAULT_NAME:
                raise xray_invalid(f"{XRAY_DEFAULT_NAME} is a reserved group name")
            if name in config.groups:
                raise xray_invalid(f"Group {name} already exists")
            unique_id = base64.b32encode(secrets.token_bytes(32)).decode().rstrip("=")
            group = {"GroupName": name, "GroupARN": f"{config.arn_prefix()}group/{name}/{unique_id}"}
            if expression is not None:
                group["FilterExpression"] = expression
            group["InsightsConfiguration"] = insights
            config.groups[name] = group
            if tags:
                config.tags[group["GroupARN"]] = dict(tags)
            return json.dumps({"Group": _group_view(group)})

    def get_group(self):
        config = config_of(self)
        with XRAY_CONFIG_LOCK:
            group = _group_lookup(config, self._get_param("GroupName"), self._get_param("GroupARN"))
            return json.dumps({"Group": _group_view(group)})

    def groups(self):  # GetGroups is POST /Groups
        config = config_of(self)
        with XRAY_CONFIG_LOCK:
            page, next_token = _page(config.all_groups(), self._get_param("NextToken"), "GetGroups")
            answer = {"Groups": [_group_view(group) for group in page]}
        if next_token:
            answer["NextToken"] = next_token
        return json.dumps(answer)

    def update_group(self):
        expression = self._get_param("FilterExpression")
        problems = []
        _check_length(problems, "FilterExpression", expression)
        if problems:
            raise xray_invalid(xray_validation_message(problems))
        config = config_of(self)
        with XRAY_CONFIG_LOCK:
            group = _group_lookup(config, self._get_param("GroupName"), self._get_param("GroupARN"))
            insights = _insights(self._get_param("InsightsConfiguration"), group["InsightsConfiguration"])
            if expression is not None:
                if group is config.default_group:
                    raise xray_invalid("The filter expression of the Default group cannot be changed")
                group["FilterExpression"] = expression
            group["InsightsConfiguration"] = insights
            return json.dumps({"Group": _group_view(group)})

    def delete_group(self):
        config = config_of(self)
        with XRAY_CONFIG_LOCK:
            group = _group_lookup(config, self._get_param("GroupName"), self._get_param("GroupARN"))
            if group is config.default_group:
                raise xray_invalid("The Default group cannot be deleted")
            del config.groups[group["GroupName"]]
            config.tags.pop(group["GroupARN"], None)
        return "{}"

    def known_resource(config, arn):
        if not config.resource_exists(arn):
            raise xray_error("ResourceNotFoundException", f"Resource {arn} not found", 404)

    def list_tags_for_resource(self):
        arn = self._get_param("ResourceARN")
        config = config_of(self)
        with XRAY_CONFIG_LOCK:
            known_resource(config, arn)
            tags = config.tags.get(arn, {})
            return json.dumps({"Tags": [{"Key": key, "Value": value} for key, value in tags.items()]})

    def tag_resource(self):
        arn = self._get_param("ResourceARN")
        problems = []
        tags = _check_tags(problems, "Tags", self._get_param("Tags") or [])
        if problems:
            raise xray_invalid(xray_validation_message(problems))
        _refuse_reserved_tag_keys(tags)
        config = config_of(self)
        with XRAY_CONFIG_LOCK:
            known_resource(config, arn)
            merged = dict(config.tags.get(arn, {}))
            merged.update(tags)
            if len(merged) > XRAY_TAGS_PER_RESOURCE:
                raise xray_error("TooManyTagsException",
                                 f"Resource {arn} cannot have more than {XRAY_TAGS_PER_RESOURCE} tags")
            config.tags[arn] = merged
        return "{}"

    def untag_resource(self):
        arn = self._get_param("ResourceARN")
        keys = self._get_param("TagKeys") or []
        config = config_of(self)
        with XRAY_CONFIG_LOCK:
            known_resource(config, arn)
            remaining = {k: v for k, v in config.tags.get(arn, {}).items() if k not in keys}
            config.tags[arn] = remaining
        return "{}"

    XRayResponse.create_group = create_group
    XRayResponse.get_group = get_group
    XRayResponse.groups = groups
    XRayResponse.update_group = update_group
    XRayResponse.delete_group = delete_group
    XRayResponse.list_tags_for_resource = list_tags_for_resource
    XRayResponse.tag_resource = tag_resource
    XRayResponse.untag_resource = untag_resource


XRAY_CUSTOM_SAMPLING_RULES = 25  # "Custom sampling rules per region", AWS X-Ray endpoints and quotas
XRAY_RULE_STRINGS = (("ResourceARN", 500), ("ServiceName", 64), ("ServiceType", 64), ("Host", 64), ("HTTPMethod", 10),
                     ("URLPath", 128))
XRAY_RULE_REQUIRED = ("ResourceARN", "Priority", "FixedRate", "ReservoirSize", "ServiceName", "ServiceType", "Host",
                      "HTTPMethod", "URLPath", "Version")


def _check_rule_members(problems, prefix, rule):
    """The modelled constraints of SamplingRule / SamplingRuleUpdate members that are present."""
    _check_length(problems, f"{prefix}.RuleName", rule.get("RuleName"), 1, 32)
    for member, maximum in XRAY_RULE_STRINGS:
        _check_length(problems, f"{prefix}.{member}", rule.get(member), None, maximum)
    _check_range(problems, f"{prefix}.Priority", rule.get("Priority"), 1, 9999, integer=True)
    _check_range(problems, f"{prefix}.FixedRate", rule.get("FixedRate"), 0, 1)
    _check_range(problems, f"{prefix}.ReservoirSize", rule.get("ReservoirSize"), 0, None, integer=True)
    attributes = rule.get("Attributes")
    if attributes is not None:
        if not isinstance(attributes, dict):
            problems.append(f"Value '{attributes}' at '{_camel(prefix)}.attributes' failed to satisfy constraint: "
                            "Member must be a map")
        else:
            if len(attributes) > 5:
                problems.append(f"Value '{attributes}' at '{_camel(prefix)}.attributes' failed to satisfy constraint: "
                                "Member must have length less than or equal to 5")
            for key, value in attributes.items():
                _check_length(problems, f"{prefix}.Attributes.key", key, 1, 32)
                _check_length(problems, f"{prefix}.Attributes.value", value, 1, 32)
    boost = rule.get("SamplingRateBoost")
    if boost is not None:
        boost = boost if isinstance(boost, dict) else {}
        for member in ("MaxRate", "CooldownWindowMinutes"):
            if boost.get(member) is None:
                problems.append(f"Value null at '{_camel(prefix)}.samplingRateBoost.{_camel(member)}' failed to "
                                "satisfy constraint: Member must not be null")
        _check_range(problems, f"{prefix}.SamplingRateBoost.MaxRate", boost.get("MaxRate"), 0, 1)
        _check_range(problems, f"{prefix}.SamplingRateBoost.CooldownWindowMinutes",
                     boost.get("CooldownWindowMinutes"), 0, None, integer=True)


def _rule_lookup(config, name, arn):
    if not name and not arn:
        raise xray_invalid("Either RuleName or RuleARN must be provided")
    for record in config.all_rules():
        rule = record["SamplingRule"]
        if (arn and rule["RuleARN"] == arn) or (not arn and rule["RuleName"] == name):
            if arn and name and rule["RuleName"] != name:
                break
            return record
    raise xray_invalid("Sampling rule does not exist")


def patch_xray_sampling_rules():
    """Patch N: X-Ray GetSamplingRules, CreateSamplingRule, UpdateSamplingRule and DeleteSamplingRule.

    AWS (X-Ray API Reference, CreateSamplingRule, GetSamplingRules, UpdateSamplingRule, DeleteSamplingRule and the
    SamplingRule / SamplingRuleUpdate shapes; botocore's xray/2016-04-12 model): CreateSamplingRule requires
    ResourceARN (at most 500), Priority (1-9999), FixedRate (0-1), ReservoirSize (0 or more), ServiceName, ServiceType
    and Host (at most 64 each), HTTPMethod (at most 10), URLPath (at most 128) and Version, "The version of the
    sampling rule format (1)"; RuleName is 1-32 characters, Attributes at most 5 entries of 1-32 characters. Every
    answer carries a SamplingRuleRecord {SamplingRule, CreatedAt, ModifiedAt}; UpdateSamplingRule changes only the
    members of SamplingRuleUpdate that are sent (selected by RuleName or RuleARN). The Developer Guide ("Configuring
    sampling, groups, and encryption settings with the AWS X-Ray API") shows the built-in rule GetSamplingRules
    always returns - RuleName Default, RuleARN arn:aws:xray:REGION:ACCOUNT:sampling-rule/Default, ResourceARN "*",
    Priority 10000, FixedRate 0.05, ReservoirSize 1, every string "*", Version 1, Attributes {}, CreatedAt 0.0 - and
    says "It is the lowest priority rule and cannot be deleted. You can, however, change the rate and reservoir
    size"; its examples show RuleARN arn:aws:xray:REGION:ACCOUNT:sampling-rule/NAME. "Custom sampling rules per
    region" is 25 (AWS X-Ray endpoints and quotas, adjustable); past it CreateSamplingRule answers
    RuleLimitExceededException, "You have reached the maximum number of sampling rules" (the exception's modelled
    documentation), HTTP 400 (no other status is modelled). AWS enforces a quota whatever the client, so this patch
    always does, not only in strict mode; Default does not count ("custom" rules). Every other refusal is
    InvalidRequestException (400), the only other error these operations document; modelled constraints use AWS's
    "N validation error(s) detected: Value ... at 'samplingRule.priority' failed to satisfy constraint: ..." wording,
    the rest (a duplicate or reserved name, Version other than 1, a missing RuleName, an unknown rule, changing more
    than rate and reservoir of Default, deleting Default) are worded by us: AWS documents no message for them.
    GetSamplingRules pages hold XRAY_PAGE_SIZE (5) records, sorted by Priority then name (Default last): AWS
    documents neither. moto 5.2.1 has none of these operations.
    """
    from moto.xray.responses import XRayResponse

    _reset_xray_config_with_backend()
    _xray_routes("GetSamplingRules", "CreateSamplingRule", "UpdateSamplingRule", "DeleteSamplingRule")

    def config_of(response):
        return xray_config(response.current_account, response.region)

    def ordered(config):
        return sorted(config.all_rules(),
                      key=lambda record: (record["SamplingRule"]["Priority"], record["SamplingRule"]["RuleName"]))

    def view(record):
        return json.loads(json.dumps(record))

    def get_sampling_rules(self):
        config = config_of(self)
        with XRAY_CONFIG_LOCK:
            page, next_token = _page(ordered(config), self._get_param("NextToken"), "GetSamplingRules")
            answer = {"SamplingRuleRecords": [view(record) for record in page]}
        if next_token:
            answer["NextToken"] = next_token
        return json.dumps(answer)

    def create_sampling_rule(self):
        rule = self._get_param("SamplingRule")
        problems = []
        if not isinstance(rule, dict):
            raise xray_invalid(xray_validation_message(
                ["Value null at 'samplingRule' failed to satisfy constraint: Member must not be null"]))
        for member in XRAY_RULE_REQUIRED:
            if rule.get(member) is None:
                problems.append(f"Value null at 'samplingRule.{_camel(member)}' failed to satisfy constraint: Member "
                                "must not be null")
        _check_rule_members(problems, "SamplingRule", rule)
        _check_range(problems, "SamplingRule.Version", rule.get("Version"), 1, None, integer=True)
        tags = _check_tags(problems, "Tags", self._get_param("Tags"))
        if problems:
            raise xray_invalid(xray_validation_message(problems))
        if rule["Version"] != 1:
            raise xray_invalid(f"Sampling rule Version {rule['Version']} is not supported; the only version is 1")
        name = rule.get("RuleName")
        if not name:
            raise xray_invalid("RuleName is required to create a sampling rule")
        if len(tags) > XRAY_TAGS_PER_RESOURCE:
            raise xray_invalid(f"A sampling rule can have at most {XRAY_TAGS_PER_RESOURCE} tags")
        _refuse_reserved_tag_keys(tags)
        config = config_of(self)
        with XRAY_CONFIG_LOCK:
            if name == XRAY_DEFAULT_NAME:
                raise xray_invalid(f"{XRAY_DEFAULT_NAME} is a reserved sampling rule name")
            if name in config.rules:
                raise xray_invalid(f"Sampling rule {name} already exists")
            if len(config.rules) >= XRAY_CUSTOM_SAMPLING_RULES:
                raise xray_error("RuleLimitExceededException", "You have reached the maximum number of sampling rules")
            now = time.time()
            stored = {"RuleName": name, "RuleARN": f"{config.arn_prefix()}sampling-rule/{name}"}
            for member in XRAY_RULE_REQUIRED:
                stored[member] = rule[member]
            stored["FixedRate"] = float(stored["FixedRate"])
            stored["Attributes"] = dict(rule.get("Attributes") or {})
            if rule.get("SamplingRateBoost") is not None:
                stored["SamplingRateBoost"] = dict(rule["SamplingRateBoost"])
            record = {"SamplingRule": stored, "CreatedAt": now, "ModifiedAt": now}
            config.rules[name] = record
            if tags:
                config.tags[stored["RuleARN"]] = dict(tags)
            return json.dumps({"SamplingRuleRecord": view(record)})

    def update_sampling_rule(self):
        update = self._get_param("SamplingRuleUpdate")
        if not isinstance(update, dict):
            raise xray_invalid(xray_validation_message(
                ["Value null at 'samplingRuleUpdate' failed to satisfy constraint: Member must not be null"]))
        problems = []
        _check_rule_members(problems, "SamplingRuleUpdate", update)
        if problems:
            raise xray_invalid(xray_validation_message(problems))
        changes = {member: value for member, value in update.items()
                   if member not in ("RuleName", "RuleARN") and value is not None}
        config = config_of(self)
        with XRAY_CONFIG_LOCK:
            record = _rule_lookup(config, update.get("RuleName"), update.get("RuleARN"))
            if record is config.default_rule:
                others = sorted(set(changes) - {"FixedRate", "ReservoirSize"})
                if others:
                    raise xray_invalid("Only FixedRate and ReservoirSize of the Default sampling rule can be changed, "
                                       f"not {', '.join(others)}")
            rule = record["SamplingRule"]
            for member, value in changes.items():
                rule[member] = dict(value) if isinstance(value, dict) else value
            rule["FixedRate"] = float(rule["FixedRate"])
            record["ModifiedAt"] = time.time()
            return json.dumps({"SamplingRuleRecord": view(record)})

    def delete_sampling_rule(self):
        config = config_of(self)
        with XRAY_CONFIG_LOCK:
            record = _rule_lookup(config, self._get_param("RuleName"), self._get_param("RuleARN"))
            if record is config.default_rule:
                raise xray_invalid("The Default sampling rule cannot be deleted")
            del config.rules[record["SamplingRule"]["RuleName"]]
            config.tags.pop(record["SamplingRule"]["RuleARN"], None)
            return json.dumps({"SamplingRuleRecord": view(record)})

    XRayResponse.get_sampling_rules = get_sampling_rules
    XRayResponse.create_sampling_rule = create_sampling_rule
    XRayResponse.update_sampling_rule = update_sampling_rule
    XRayResponse.delete_sampling_rule = delete_sampling_rule


def _graph_statistics(segments):
    """ServiceStatistics / EdgeStatistics of segments: each one is a fault, else an error (throttle or other), else ok."""
    ok = faults = throttles = other_errors = 0
    total_response_time = 0.0
    for segment in segments:
        fault, error, throttle = segment_outcome(segment)
        if fault:
            faults += 1
        elif throttle:
            throttles += 1
        elif error:
            other_errors += 1
        else:
            ok += 1
        total_response_time += _segment_end(segment) - segment.start_time
    return {
        "OkCount": ok,
        "ErrorStatistics": {"ThrottleCount": throttles, "OtherCount": other_errors, "TotalCount": throttles + other_errors},
        "FaultStatistics": {"OtherCount": faults, "TotalCount": faults},
        "TotalCount": len(segments),
        "TotalResponseTime": round(total_response_time, 6),
    }


def _owners_by_id(segments):
    """Every segment id and (nested) subsegment id of one trace, mapped to the segment that holds it."""
    owners = {}

    def walk(owner, subsegments):
        for sub in subsegments or []:
            if isinstance(sub, dict) and sub.get("id"):
                owners.setdefault(sub["id"], owner)
                walk(owner, sub.get("subsegments"))

    for segment in segments:
        owners[segment.id] = segment
        walk(segment, segment.subsegments)
    return owners


def service_graph(traces, start, end, tree=None):
    """GetServiceGraph's Services for stored traces (lists of moto TraceSegments) overlapping [start, end].

    A trace is in the graph when tree (a parsed filter expression) is None or it matches; its segments that overlap the
    window become nodes, one per (name, origin), and each segment whose parent_id is a segment or subsegment of another
    node in the same trace adds an edge from that node to its own.
    """
    nodes = {}  # (name, origin) -> {"segments": [...], "root": bool}
    edges = {}  # (parent key, child key) -> [child segments]
    for segments in traces:
        if not segments or (tree is not None and not trace_matches_filter(tree, segments)):
            continue
        owners = _owners_by_id(segments)
        for segment in sorted(segments, key=lambda s: s.start_time):
            if segment.start_time > end or _segment_end(segment) < start:
                continue
            key = (segment.name, segment.origin)
            node = nodes.setdefault(key, {"segments": [], "root": False})
            node["segments"].append(segment)
            node["root"] = node["root"] or not segment.parent_id
        for segment in segments:
            parent = owners.get(segment.parent_id) if segment.parent_id else None
            child_key, parent_key = (segment.name, segment.origin), None
            if parent is not None:
                parent_key = (parent.name, parent.origin)
            if parent_key and parent_key != child_key and parent_key in nodes and child_key in nodes:
                if segment in nodes[child_key]["segments"]:
                    edges.setdefault((parent_key, child_key), []).append(segment)
    ordered = sorted(nodes, key=lambda key: min(s.start_time for s in nodes[key]["segments"]))
    reference = {key: index for index, key in enumerate(ordered)}
    services = []
    for key in ordered:
        node = nodes[key]
        name, origin = key
        service = {
            "ReferenceId": reference[key],
            "Name": name,
            "Names": [name],
            "Root": node["root"],
            "State": "active",
            "StartTime": min(s.start_time for s in node["segments"]),
            "EndTime": max(_segment_end(s) for s in node["segments"]),
            "Edges": [],
            "SummaryStatistics": _graph_statistics(node["segments"]),
        }
        if origin:
            service["Type"] = origin
        for (parent_key, child_key), children in edges.items():
            if parent_key == key:
                service["Edges"].append({
                    "ReferenceId": reference[child_key],
                    "StartTime": min(s.start_time for s in children),
                    "EndTime": max(_segment_end(s) for s in children),
                    "SummaryStatistics": _graph_statistics(children),
                    "Aliases": [],
                })
        service["Edges"].sort(key=lambda edge: edge["ReferenceId"])
        services.append(service)
    return services


def patch_xray_service_graph():
    """Patch O: X-Ray GetServiceGraph builds the graph from the segments PutTraceSegments stored.

    AWS (X-Ray API Reference, GetServiceGraph and the Service, Edge and ServiceStatistics shapes): StartTime and
    EndTime ("in Unix time seconds") are required; GroupName or GroupARN narrows the graph to a group's traces; the
    answer is {StartTime, EndTime, Services, ContainsOldGroupVersions, NextToken}, each Service with ReferenceId
    ("Unique within the service map"), Name, Names, Root ("the first service to process a request"), Type, State,
    StartTime/EndTime (first and last segment of the service), Edges ("Connections to downstream services", each with
    the downstream ReferenceId and its statistics) and SummaryStatistics (OkCount, ErrorStatistics {ThrottleCount,
    OtherCount, TotalCount}, FaultStatistics {OtherCount, TotalCount}, TotalCount, TotalResponseTime). The Developer
    Guide ("Getting data from AWS X-Ray") shows how segments link: a Lambda function segment (origin
    AWS::Lambda::Function) has the Lambda service segment (AWS::Lambda) as parent_id, and a downstream segment's
    parent_id can be a subsegment of its caller. "Using filter expressions" defines error (4XX), throttle (429) and
    fault (5XX), and says a group whose expression the service cannot qualify "is no longer included in processing
    incoming traces", so a stored expression the parser cannot read (possible without strict rule S9) selects no trace.
    An unknown group is InvalidRequestException "Group not found", as for GetGroup (patch M). moto answers Services: []
    whatever it stored.
    Here: one node per distinct (segment name, origin) among the segments whose [start_time, end_time] overlaps the
    window, of traces that match the group's filter expression (the Default group, or none, is every trace); Type is
    the origin. A segment without origin gets no Type: the Service shape documents Type only for AWS resources and
    services, "client" (the callers of a root service) and "remote" (a downstream service of indeterminate type), none
    of which an origin-less segment is, and no page says what X-Ray shows for one. State is "active"; statistics count
    each segment once, as a fault, else an error (throttle or other), else ok, from its fault/error/throttle flags or
    its http.response.status; TotalResponseTime sums end_time - start_time. Edges are best effort: from the node
    holding a segment's parent_id (as segment or subsegment id) to the segment's node, within one trace. Not modelled:
    the client node X-Ray adds before root services, inferred nodes for subsegments, histograms, AccountId, and
    paging (everything is one page, without NextToken). Missing StartTime/EndTime keeps moto's own 400 answer.
    """
    from moto.xray.models import xray_backends
    from moto.xray.responses import XRayResponse

    inner = XRayResponse.service_graph

    def number(value):
        try:
            return float(value)
        except (TypeError, ValueError):
            raise xray_invalid(xray_validation_message(
                [f"Value '{value}' at 'startTime' failed to satisfy constraint: Member must be a timestamp"]))

    def service_graph_handler(self):
        start, end = self._get_param("StartTime"), self._get_param("EndTime")
        if start is None or end is None:
            return inner(self)
        start_seconds, end_seconds = number(start), number(end)
        name, arn = self._get_param("GroupName"), self._get_param("GroupARN")
        tree = None
        if name or arn:
            config = xray_config(self.current_account, self.region)
            with XRAY_CONFIG_LOCK:
                group = _group_lookup(config, name, arn)
                expression = group.get("FilterExpression")
            if expression:
                try:
                    tree = parse_filter_expression(expression)
                except FilterExpressionError:
                    tree = ("not", ("service", None, None, None))  # matches no trace
        backend = xray_backends[self.current_account][self.region]
        traces = [list(trace["segments"]) for trace in list(backend._segment_collection._traces.values())]
        return json.dumps({
            "StartTime": start,
            "EndTime": end,
            "Services": service_graph(traces, start_seconds, end_seconds, tree),
            "ContainsOldGroupVersions": False,
        })

    XRayResponse.service_graph = service_graph_handler


# ---------------------------------------------------------------------------------------------------------------
# Strict rules. Each function installs one rule; its docstring says what AWS does and where AWS (or a public record
# of AWS's answer) documents it.
# ---------------------------------------------------------------------------------------------------------------

XRAY_MANAGED_POLICY = "AWSXRayDaemonWriteAccess"
XRAY_ACTION = "xray:PutTraceSegments"


def _statements(document):
    if isinstance(document, str):
        try:
            from urllib.parse import unquote

            document = json.loads(unquote(document) if document.lstrip().startswith("%") else document)
        except ValueError:
            return []
    statements = (document or {}).get("Statement", [])
    return [statements] if isinstance(statements, dict) else list(statements)


def _matches_action(statement, action):
    actions = statement.get("Action", [])
    actions = [actions] if isinstance(actions, str) else actions
    return any(fnmatch.fnmatchcase(action.lower(), pattern.lower()) for pattern in actions)


def _documents_of_role(role):
    for document in role.policies.values():
        yield document
    for policy in role.managed_policies.values():
        for version in getattr(policy, "versions", []):
            if version.is_default_version:
                yield version.document


def role_can_write_traces(account_id, region, role_arn):
    """True when moto's IAM knows the role and it may call xray:PutTraceSegments (an explicit Deny wins)."""
    from moto.iam.models import iam_backends
    from moto.utilities.utils import get_partition

    iam = iam_backends[account_id][get_partition(region)]
    role = next((r for r in iam.get_roles() if r.arn == role_arn), None)
    if role is None:
        return False
    if any(policy.name == XRAY_MANAGED_POLICY for policy in role.managed_policies.values()):
        return True
    statements = [statement for document in _documents_of_role(role) for statement in _statements(document)]
    matching = [s for s in statements if _matches_action(s, XRAY_ACTION)]
    return any(s.get("Effect") == "Allow" for s in matching) and not any(s.get("Effect") == "Deny" for s in matching)


def strict_lambda_tracing_needs_xray_role():
    """Strict S1: Active tracing needs an execution role that may write to X-Ray.

    AWS: UpdateFunctionConfiguration (and CreateFunction) with TracingConfig.Mode=Active fails with HTTP 400
    InvalidParameterValueException "The provided execution role does not have permissions to call PutTraceSegments
    on XRAY" when the role lacks xray:PutTraceSegments. The Lambda Developer Guide's X-Ray page says the function
    needs permission to upload trace data and, if the console did not add it, to add the AWSXRayDaemonWriteAccess
    policy to the execution role (https://docs.aws.amazon.com/lambda/latest/dg/services-xray.html); that managed
    policy allows xray:PutTraceSegments
    (https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSXRayDaemonWriteAccess.html).
    The exact answer, code and status are quoted in public reports of it, e.g.
    https://github.com/serverless/serverless/issues/6931 and https://github.com/coinbase/fenrir/pull/1. moto accepts
    any role. Only UpdateFunctionConfiguration is checked here: the project's seeder creates functions, the
    reconciler only updates them.
    """
    from moto.awslambda.exceptions import InvalidParameterValueException
    from moto.awslambda.models import LambdaFunction

    inner = LambdaFunction.update_configuration

    def update_configuration(self, config_updates):
        tracing = config_updates.get("TracingConfig")
        if isinstance(tracing, dict) and tracing.get("Mode") == "Active":
            role = config_updates.get("Role") or self.role
            if not role_can_write_traces(self.account_id, self.region, role):
                raise InvalidParameterValueException(
                    "The provided execution role does not have permissions to call PutTraceSegments on XRAY"
                )
        return inner(self, config_updates)

    LambdaFunction.update_configuration = update_configuration


def strict_lambda_update_in_progress(window_seconds):
    """Strict S2: a configuration update keeps the function busy for a while.

    AWS: after an update, LastUpdateStatus is "InProgress" until Lambda has applied it, then "Successful" (Lambda
    Developer Guide, "Lambda function states", https://docs.aws.amazon.com/lambda/latest/dg/functions-states.html,
    which tells automation to check the state before the next call). A configuration update sent meanwhile is
    refused with HTTP 409 ResourceConflictException, "The resource already exists, or another operation is in
    progress" (botocore's Lambda model, 409;
    https://docs.aws.amazon.com/botocore/latest/reference/services/lambda/client/exceptions/ResourceConflictException.html).
    The message AWS sends is
    "The operation cannot be performed at this time. An update is in progress for resource: <function ARN>", quoted in
    e.g. https://github.com/claudiajs/claudia/issues/226 and https://github.com/hashicorp/terraform/issues/29604. moto
    finishes every update at once. Here the window lasts window_seconds after each accepted update; its own
    response already says "InProgress", as AWS's does.
    """
    from moto.awslambda.exceptions import LambdaClientError
    from moto.awslambda.models import LambdaFunction

    class ResourceConflictException(LambdaClientError):
        code = 409

        def __init__(self, message):
            super().__init__("ResourceConflictException", message)

    busy_until = {}
    lock = threading.Lock()

    def in_progress(function):
        return busy_until.get(function.function_arn, 0.0) > time.monotonic()

    inner_update = LambdaFunction.update_configuration
    inner_get = LambdaFunction.get_configuration

    def update_configuration(self, config_updates):
        with lock:
            if in_progress(self):
                raise ResourceConflictException(
                    f"The operation cannot be performed at this time. An update is in progress for resource: {self.function_arn}"
                )
            previous = busy_until.get(self.function_arn, 0.0)
            busy_until[self.function_arn] = time.monotonic() + window_seconds
        try:
            return inner_update(self, config_updates)
        except Exception:
            with lock:
                busy_until[self.function_arn] = previous
            raise

    def get_configuration(self, *args, **kwargs):
        config = inner_get(self, *args, **kwargs)
        if "LastUpdateStatus" in config and in_progress(self):
            config["LastUpdateStatus"] = "InProgress"
        return config

    LambdaFunction.update_configuration = update_configuration
    LambdaFunction.get_configuration = get_configuration


def _alarm_validation_error(message):
    from moto.cloudwatch.exceptions import ValidationError

    return ValidationError(message)


def _alarm_actions_of(response):
    for parameter in ("AlarmActions", "OKActions", "InsufficientDataActions"):
        yield from response._get_param(parameter, []) or []


def strict_cloudwatch_alarm_actions_same_region():
    """Strict S3: alarm actions must be in the alarm's own Region and partition.

    AWS: an alarm can notify only an SNS topic of its own Region. PutMetricAlarm answers HTTP 400 ValidationError
    "Invalid region ca-central-1 specified. Only us-west-2 is
    supported." for an action ARN in another Region (quoted in https://github.com/cds-snc/notification-terraform/pull/128)
    and "Invalid partition aws specified. Only aws-us-gov is supported." for another partition (quoted in
    https://github.com/aws-samples/amazon-cloudwatch-auto-alarms/issues/61). moto stores any ARN. Checked on
    PutMetricAlarm and PutCompositeAlarm, for the ARN's partition first, then its Region (ARNs without a Region are
    not judged).
    """
    from moto.cloudwatch.responses import CloudWatchResponse
    from moto.utilities.utils import get_partition

    def check(response):
        region = response.region
        partition = get_partition(region)
        for action in _alarm_actions_of(response):
            parts = action.split(":")
            if len(parts) < 6 or parts[0] != "arn":
                continue
            if parts[1] != partition:
                raise _alarm_validation_error(f"Invalid partition {parts[1]} specified. Only {partition} is supported.")
            if parts[3] and parts[3] != region:
                raise _alarm_validation_error(f"Invalid region {parts[3]} specified. Only {region} is supported.")

    _before_alarm_puts(check)


def strict_cloudwatch_alarm_description_length():
    """Strict S5: AlarmDescription is at most 1,024 characters.

    AWS: AlarmDescription has "Length Constraints: Minimum length of 0. Maximum length of 1024."
    (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_MetricAlarm.html; botocore's
    cloudwatch/2010-08-01 model gives PutMetricAlarmInput and PutCompositeAlarmInput the same max 1024). CloudWatch,
    a query-protocol service, answers a modelled constraint it refuses with HTTP 400 ValidationError, worded as AWS
    words every modelled constraint: "1 validation error detected: Value '...' at 'alarmDescription' failed to satisfy
    constraint: Member must have length less than or equal to 1024" (the same wording for other fields is quoted in
    e.g. https://github.com/nasa/cumulus/pull/2364). moto stores any length.
    """
    maximum = 1024

    def check(response):
        description = response._get_param("AlarmDescription")
        if description is not None and len(description) > maximum:
            raise _alarm_validation_error(
                f"1 validation error detected: Value '{description}' at 'alarmDescription' failed to satisfy "
                f"constraint: Member must have length less than or equal to {maximum}"
            )

    _before_alarm_puts(check)


def _before_alarm_puts(check):
    from moto.cloudwatch.responses import CloudWatchResponse

    for name in ("put_metric_alarm", "put_composite_alarm"):
        inner = getattr(CloudWatchResponse, name)

        def checked(self, inner=inner):
            check(self)
            return inner(self)

        setattr(CloudWatchResponse, name, checked)


_RULE_REFERENCE = re.compile(r"\b(?:ALARM|OK|INSUFFICIENT_DATA)\s*\(\s*(\"[^\"]*\"|'[^']*'|[^)\s]+)\s*\)")


def children_of_rule(rule, region, account_id):
    """The alarm names an AlarmRule refers to, by name or by alarm ARN of this Region and account."""
    from moto.cloudwatch.utils import make_arn_for_alarm

    arn_prefix = make_arn_for_alarm(region, account_id, "")
    names = set()
    for reference in _RULE_REFERENCE.findall(rule or ""):
        reference = reference.strip("\"'")
        names.add(reference[len(arn_prefix):] if reference.startswith(arn_prefix) else reference)
    return names


def strict_cloudwatch_composite_children_not_deleted():
    """Strict S4: an alarm a composite alarm depends on cannot be deleted.

    AWS: DeleteAlarms fails as a whole with HTTP 400 ValidationError "Cannot delete X as there are composite alarm(s)
    depending on it." (several names: "Cannot delete a,b as there are composite alarm(s) depending on them."), and
    nothing is deleted; the DeleteAlarms reference explains that an alarm still referenced by a composite alarm's
    AlarmRule cannot be deleted, which is why cycles must be broken by setting one rule to false
    (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_DeleteAlarms.html). The exact answers are
    quoted in https://github.com/cloud-custodian/cloud-custodian/issues/7763 and
    https://github.com/ekristen/aws-nuke/issues/462. moto deletes the child and leaves the composite dangling.
    A composite deleted in the same call does not hold its children back (not documented either way; chosen so that
    a parent and its children can be removed together).
    """
    from moto.cloudwatch.responses import CloudWatchResponse

    inner = CloudWatchResponse.delete_alarms

    def delete_alarms(self):
        names = list(self._get_param("AlarmNames", []) or [])
        doomed = set(names)
        backend = self.cloudwatch_backend
        depended_on = set()
        for alarm in backend.alarms.values():
            if alarm.rule is not None and alarm.name not in doomed:
                depended_on |= children_of_rule(alarm.rule, backend.region_name, backend.account_id) & doomed
        if depended_on:
            blocked = [name for name in names if name in depended_on]
            pronoun = "it" if len(blocked) == 1 else "them"
            raise _alarm_validation_error(
                f"Cannot delete {','.join(blocked)} as there are composite alarm(s) depending on {pronoun}."
            )
        return inner(self)

    CloudWatchResponse.delete_alarms = delete_alarms


def strict_cloudwatch_account_global_dashboards():
    """Strict S6: dashboards belong to the account, not to a Region.

    AWS: "All dashboards in your account are global, not region-specific." (PutDashboard in the SDK reference,
    https://docs.aws.amazon.com/sdkfornet/v3/apidocs/items/CloudWatch/MCloudWatchPutDashboardPutDashboardRequest.html,
    and AWS::CloudWatch::Dashboard, https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-cloudwatch-dashboard.html);
    their ARN has no Region (arn:aws:cloudwatch::ACCOUNT:dashboard/NAME). moto keeps dashboards per Region. Every
    Region's CloudWatch backend here reads and writes one dictionary kept on the account's backend in the partition's
    first Region, so moto's own put/get/list/delete code is unchanged, and moto-api/reset still clears it. Dashboard
    tags (patch E) go to that backend's tagger too.
    """
    from moto.cloudwatch.models import CloudWatchBackend, cloudwatch_backends
    from moto.utilities.utils import get_partition

    anchor_regions = {"aws": "us-east-1", "aws-cn": "cn-north-1", "aws-us-gov": "us-gov-west-1"}

    def anchor(backend):
        partition = get_partition(backend.region_name)
        return cloudwatch_backends[backend.account_id][anchor_regions.get(partition, backend.region_name)]

    def get_dashboards(self):
        return anchor(self).__dict__.setdefault("_account_dashboards", {})

    def set_dashboards(self, value):
        # moto's __init__ assigns an empty dict to every new Region's backend; that must not empty the account's.
        pass

    CloudWatchBackend.dashboards = property(get_dashboards, set_dashboards)

    inner_tag = CloudWatchBackend.tag_resource
    inner_list = CloudWatchBackend.list_tags_for_resource
    inner_untag = CloudWatchBackend.untag_resource

    def is_dashboard(arn):
        return ":dashboard/" in (arn or "")

    def tag_resource(self, arn, tags):
        return inner_tag(anchor(self) if is_dashboard(arn) else self, arn, tags)

    def list_tags_for_resource(self, arn):
        return inner_list(anchor(self) if is_dashboard(arn) else self, arn)

    def untag_resource(self, arn, tag_keys):
        return inner_untag(anchor(self) if is_dashboard(arn) else self, arn, tag_keys)

    CloudWatchBackend.tag_resource = tag_resource
    CloudWatchBackend.list_tags_for_resource = list_tags_for_resource
    CloudWatchBackend.untag_resource = untag_resource


def strict_lambda_log_levels_need_json():
    """Strict S7: log levels are accepted only with the JSON log format.

    AWS: "To use log-level filtering, your function must be configured to use the JSON log format. The default log
    format for all Lambda managed runtimes is currently plain text." (Lambda Developer Guide, "Log-level filtering",
    https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs-log-level.html). A request that sets
    ApplicationLogLevel or SystemLogLevel while the format is, or stays, Text is refused with "LogLevel is not
    supported when LogFormat is set to "Text". Remove LogLevel from your request or change the LogFormat to "Json"
    and try again." (Lambda's answer, quoted in https://github.com/aws/aws-cdk/pull/28045), code
    InvalidParameterValueException and HTTP 400, how Lambda refuses an invalid parameter of CreateFunction and
    UpdateFunctionConfiguration (botocore's lambda/2015-03-31 model). moto accepts it (and patch H would drop the
    levels). Checked on CreateFunction and UpdateFunctionConfiguration; nothing is changed by a refused request.
    """
    from moto.awslambda.exceptions import InvalidParameterValueException
    from moto.awslambda.models import LambdaFunction

    message = (
        'LogLevel is not supported when LogFormat is set to "Text". Remove LogLevel from your request or change the '
        'LogFormat to "Json" and try again.'
    )

    def check(current, sent):
        if not isinstance(sent, dict) or not any(sent.get(member) for member in LAMBDA_LOG_LEVEL_MEMBERS):
            return
        log_format = sent.get("LogFormat") or (current or {}).get("LogFormat") or "Text"
        if log_format != "JSON":
            raise InvalidParameterValueException(message)

    inner_init = LambdaFunction.__init__
    inner_update = LambdaFunction.update_configuration

    def __init__(self, account_id, spec, region, version=1):
        check(None, spec.get("LoggingConfig"))
        inner_init(self, account_id, spec, region, version)

    def update_configuration(self, config_updates):
        check(getattr(self, "logging_config", None), config_updates.get("LoggingConfig"))
        return inner_update(self, config_updates)

    LambdaFunction.__init__ = __init__
    LambdaFunction.update_configuration = update_configuration


LOG_RETENTION_DAYS = (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653)


def strict_logs_retention_allowed_values():
    """Strict S8: PutRetentionPolicy takes only the retention periods CloudWatch Logs offers.

    AWS: retentionInDays "Possible values are: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096,
    1827, 2192, 2557, 2922, 3288, and 3653." and a parameter "specified incorrectly" is InvalidParameterException,
    HTTP 400 (PutRetentionPolicy, CloudWatch Logs API Reference,
    https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutRetentionPolicy.html; botocore's
    logs/2014-03-28 model, shape Days). The wording is CloudWatch Logs' as quoted in
    https://github.com/aws/aws-cdk/issues/1343 ("Invalid retention value. Valid values are: [...]"), with today's list.
    moto stores any number. The group's retention is left as it was.
    """
    from moto.logs.exceptions import InvalidParameterException
    from moto.logs.models import LogsBackend

    inner = LogsBackend.put_retention_policy

    def put_retention_policy(self, log_group_name, retention_in_days):
        if retention_in_days not in LOG_RETENTION_DAYS:
            listed = ", ".join(str(days) for days in LOG_RETENTION_DAYS)
            raise InvalidParameterException(f"Invalid retention value. Valid values are: [{listed}]")
        return inner(self, log_group_name, retention_in_days)

    LogsBackend.put_retention_policy = put_retention_policy


XRAY_GROUPS_PER_REGION = 25  # "Groups in an account", Each supported Region: 25, not adjustable


def strict_xray_filter_expression_syntax():
    """Strict S9: CreateGroup and UpdateGroup refuse a FilterExpression that cannot be read.

    AWS: a group "contain[s] a filter expression. The service compares incoming traces to the expression and stores
    them accordingly" (AWS X-Ray Developer Guide, "Configuring groups in the X-Ray console"), in the language of
    "Using filter expressions"; CreateGroup and UpdateGroup answer a request with "invalid parameters" with HTTP 400
    InvalidRequestException (X-Ray API Reference, CreateGroup, UpdateGroup). AWS documents no message for a malformed
    expression, and none was found in public reports, so the message is ours: "Invalid filter expression: <expression>
    (<what the parser expected>)". The parser reads only the subset described above patch O, so an expression AWS
    would take (edge(), annotation.KEY, http.url, ...) is refused here too: the rule is as strict as what the emulator
    can evaluate, which is what the project sends. moto (patch M) stores any string. An absent or empty
    FilterExpression is not judged. A refused request changes nothing.
    """
    from moto.xray.responses import XRayResponse

    def check(response):
        expression = response._get_param("FilterExpression")
        if not expression:
            return
        try:
            parse_filter_expression(expression)
        except FilterExpressionError as reason:
            raise xray_invalid(f"Invalid filter expression: {expression} ({reason})")

    for name in ("create_group", "update_group"):
        inner = getattr(XRayResponse, name)

        def checked(self, inner=inner):
            check(self)
            return inner(self)

        setattr(XRayResponse, name, checked)


def strict_xray_group_limit():
    """Strict S10: at most 25 groups per account in each Region.

    AWS: "Groups in an account", default "Each supported Region: 25", not adjustable, "The maximum number of groups
    per account" (AWS X-Ray endpoints and quotas, AWS General Reference). The page names no error code and CreateGroup
    documents only InvalidRequestException (400) and ThrottledException (429), so the refusal is 400
    InvalidRequestException; its message is ours. Whether the Default group counts toward the 25 is not documented;
    it is not counted here (it is not created). moto (patch M) creates any number.
    """
    from moto.xray.responses import XRayResponse

    inner = XRayResponse.create_group

    def create_group(self):
        config = xray_config(self.current_account, self.region)
        with XRAY_CONFIG_LOCK:
            if len(config.groups) >= XRAY_GROUPS_PER_REGION and self._get_param("GroupName") not in config.groups:
                raise xray_invalid(
                    f"You have reached the maximum number of groups ({XRAY_GROUPS_PER_REGION}) in {config.region}")
            return inner(self)

    XRayResponse.create_group = create_group


def apply_strict_rules(update_seconds):
    strict_lambda_tracing_needs_xray_role()
    strict_lambda_log_levels_need_json()
    # S2 wraps S1 and S7, so a function that is busy answers 409 before its request is judged, and a refused request
    # does not make it busy.
    strict_lambda_update_in_progress(update_seconds)
    strict_cloudwatch_alarm_actions_same_region()
    strict_cloudwatch_composite_children_not_deleted()
    strict_cloudwatch_alarm_description_length()
    strict_cloudwatch_account_global_dashboards()
    strict_logs_retention_allowed_values()
    # S10 wraps S9, so a Region that is full answers the limit whatever the expression.
    strict_xray_filter_expression_syntax()
    strict_xray_group_limit()


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def announce_when_listening(port):
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                print(f"MOTO_READY http://127.0.0.1:{port}", flush=True)
                return
        except OSError:
            time.sleep(0.05)
    print(f"MOTO_FAILED port {port} never accepted connections", flush=True)


def parse_arguments(argv):
    parser = argparse.ArgumentParser(description="Start patched moto on 127.0.0.1.")
    parser.add_argument("port", nargs="?", type=int, default=0, help="loopback port; 0 or absent picks a free one")
    strictness = parser.add_mutually_exclusive_group()
    strictness.add_argument("--strict", dest="strict", action="store_true", default=None, help="refuse what AWS refuses (S1-S10)")
    strictness.add_argument("--no-strict", dest="strict", action="store_false", help="ignore MOTO_STRICT")
    parser.add_argument("--update-seconds", type=float, default=None, help="S2's InProgress window (default 2)")
    arguments = parser.parse_args(argv)
    if arguments.strict is None:
        arguments.strict = os.environ.get("MOTO_STRICT", "").strip().lower() in ("1", "true", "yes", "on")
    if arguments.update_seconds is None:
        text = os.environ.get("MOTO_STRICT_UPDATE_SECONDS", "").strip()
        try:
            arguments.update_seconds = float(text) if text else 2.0
        except ValueError:
            parser.error(f"MOTO_STRICT_UPDATE_SECONDS must be a number of seconds, not '{text}'")
    if arguments.update_seconds < 0:
        parser.error("--update-seconds must be 0 or more")
    return arguments


def main():
    arguments = parse_arguments(sys.argv[1:])
    port = arguments.port or free_port()
    if arguments.strict:
        # Before moto is imported: S1 needs AWS's managed policies (AWSXRayDaemonWriteAccess) to be attachable.
        os.environ.setdefault("MOTO_IAM_LOAD_MANAGED_POLICIES", "true")
    try:
        import moto.server
    except ImportError as error:
        print(f"MOTO_MISSING {error}: install it with 'pip install \"moto[server]==5.2.1\"'", flush=True)
        sys.exit(3)

    patch_lambda_tracing_config()
    patch_tagging_api_gateway()
    patch_tagging_resource_arn_list()
    patch_lambda_list_functions_paging()
    patch_cloudwatch_describe_alarms_paging()
    patch_cloudwatch_dashboard_tags()
    patch_cloudwatch_put_composite_alarm()
    patch_sns_subscription_confirmation()
    patch_lambda_logging_config()
    patch_cloudwatch_state_update_history()
    patch_cloudwatch_alarm_sns_actions()
    patch_cloudwatch_describe_alarm_history()
    patch_lambda_copies_share_logs_backend()
    patch_xray_groups()
    patch_xray_sampling_rules()
    patch_xray_service_graph()
    if arguments.strict:
        apply_strict_rules(arguments.update_seconds)
        print(f"MOTO_STRICT on (S1-S10; Lambda updates stay InProgress for {arguments.update_seconds:g} s)", flush=True)
    threading.Thread(target=announce_when_listening, args=(port,), daemon=True).start()
    # Loopback only: tests and the demo must never expose the emulator.
    moto.server.main(["-H", "127.0.0.1", "-p", str(port)])


if __name__ == "__main__":
    main()
