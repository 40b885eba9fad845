#!/usr/bin/env python3
"""Start moto 5.2.x on 127.0.0.1 with four small patches this project needs.

Usage: python3 tools/moto/run_moto.py [PORT]     (PORT 0 or absent: pick a free port)

Prints "MOTO_READY http://127.0.0.1:PORT" on stdout once the server accepts connections.
Only the standard library and moto are needed. The patches are monkeypatches applied at import time; nothing under
site-packages is edited.

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
"""

import os
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


def main():
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    if port == 0:
        port = free_port()
    try:
        import moto.server
    except ImportError as error:
        print(f"MOTO_MISSING {error}: install it with 'pip install \"moto[server]==5.2.1\"'", flush=True)
        sys.exit(3)

    patch_lambda_tracing_config()
    patch_tagging_api_gateway()
    patch_lambda_list_functions_paging()
    patch_cloudwatch_describe_alarms_paging()
    patch_cloudwatch_dashboard_tags()
    threading.Thread(target=announce_when_listening, args=(port,), daemon=True).start()
    # Loopback only: tests and the demo must never expose the emulator.
    moto.server.main(["-H", "127.0.0.1", "-p", str(port)])


if __name__ == "__main__":
    main()
