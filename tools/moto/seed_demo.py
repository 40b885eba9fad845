#!/usr/bin/env python3
"""Seed a local moto server with the project-management app, as `reconciler demo` shows it.

Usage: python3 tools/moto/seed_demo.py ENDPOINT_URL     (e.g. http://127.0.0.1:53127)

Creates, in account 123456789012 / us-east-1 (moto's defaults, the ones policies/project-management.yaml names):
  - Lambda functions ManageProjects and UploadFile, tagged app=project-management, X-Ray tracing PassThrough;
  - REST API ProjectManagementAPI with stages prod and dev, tagged app=project-management, tracing off;
  - SNS topics ops-alerts (alarm actions) and drift-reports (the drift report), and an SQS queue
    drift-reports-inbox subscribed to drift-reports, so the demo can read the published report back;
  - SNS topic ops-alerts-encrypted, encrypted with the AWS managed key alias/aws/sns, which the demo's last step (a
    drill) adds to one alarm to show a notification path CloudWatch cannot use.
Prints one JSON object on stdout describing what it created. Alarms are not created here: the demo creates them
with the reconciler's own CloudWatch client, from the alarms the planner renders.

Refuses any endpoint that is not on the loopback interface, and signs with the fake credentials moto accepts,
whatever AWS_* variables are set: this script must never reach a real AWS account.
"""

import io
import json
import sys
import zipfile
from urllib.parse import urlparse

ACCOUNT_ID = "123456789012"
REGION = "us-east-1"
APP_TAGS = {"app": "project-management", "team": "projects"}
FUNCTIONS = ["ManageProjects", "UploadFile"]
API_NAME = "ProjectManagementAPI"
STAGES = ["prod", "dev"]
ALERT_TOPIC = "ops-alerts"
REPORT_TOPIC = "drift-reports"
REPORT_QUEUE = "drift-reports-inbox"
ROLE_NAME = "project-management-lambda"


def fail(message):
    print(f"SEED_FAILED {message}", file=sys.stderr, flush=True)
    sys.exit(2)


def loopback_endpoint(argv):
    if len(argv) != 2:
        fail("usage: seed_demo.py ENDPOINT_URL (e.g. http://127.0.0.1:5000)")
    endpoint = argv[1].rstrip("/")
    host = urlparse(endpoint).hostname
    if host not in ("127.0.0.1", "localhost", "::1"):
        fail(f"refusing to seed {endpoint}: only a local emulator on the loopback interface may be seeded")
    return endpoint


def handler_zip():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("index.py", "def handler(event, context):\n    return {'statusCode': 200}\n")
    return buffer.getvalue()


def main():
    endpoint = loopback_endpoint(sys.argv)
    try:
        import boto3
    except ImportError as error:
        fail(f"boto3 is missing ({error}); it comes with moto: pip install \"moto[server]==5.2.1\"")

    session = boto3.session.Session(
        aws_access_key_id="testing", aws_secret_access_key="testing", region_name=REGION
    )

    def client(service):
        return session.client(service, endpoint_url=endpoint)

    iam, lam, apigw, sns, sqs = (client(s) for s in ("iam", "lambda", "apigateway", "sns", "sqs"))

    trust = {
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}],
    }
    role_arn = iam.create_role(RoleName=ROLE_NAME, AssumeRolePolicyDocument=json.dumps(trust))["Role"]["Arn"]

    code = handler_zip()
    functions = []
    for name in FUNCTIONS:
        created = lam.create_function(
            FunctionName=name,
            Runtime="python3.12",
            Role=role_arn,
            Handler="index.handler",
            Code={"ZipFile": code},
            TracingConfig={"Mode": "PassThrough"},
            Tags=APP_TAGS,
        )
        functions.append({"name": name, "arn": created["FunctionArn"], "tracing": created["TracingConfig"]["Mode"]})

    api_id = apigw.create_rest_api(name=API_NAME, tags=APP_TAGS)["id"]
    root_id = apigw.get_resources(restApiId=api_id)["items"][0]["id"]
    apigw.put_method(restApiId=api_id, resourceId=root_id, httpMethod="GET", authorizationType="NONE")
    apigw.put_integration(restApiId=api_id, resourceId=root_id, httpMethod="GET", type="MOCK")
    deployment_id = apigw.create_deployment(restApiId=api_id)["id"]
    for stage in STAGES:
        apigw.create_stage(
            restApiId=api_id,
            stageName=stage,
            deploymentId=deployment_id,
            tracingEnabled=False,
            tags={**APP_TAGS, "stage": stage},
        )

    alert_topic = sns.create_topic(Name=ALERT_TOPIC)["TopicArn"]
    report_topic = sns.create_topic(Name=REPORT_TOPIC)["TopicArn"]
    sns.create_topic(Name=ALERT_TOPIC + "-encrypted", Attributes={"KmsMasterKeyId": "alias/aws/sns"})
    queue_url = sqs.create_queue(QueueName=REPORT_QUEUE)["QueueUrl"]
    queue_arn = f"arn:aws:sqs:{REGION}:{ACCOUNT_ID}:{REPORT_QUEUE}"
    sns.subscribe(TopicArn=report_topic, Protocol="sqs", Endpoint=queue_arn)

    print(
        json.dumps(
            {
                "functions": functions,
                "restApi": {"id": api_id, "name": API_NAME, "stages": STAGES},
                "alertTopicArn": alert_topic,
                "reportTopicArn": report_topic,
                "reportQueueUrl": queue_url,
            }
        ),
        flush=True,
    )


if __name__ == "__main__":
    try:
        main()
    except Exception as error:  # noqa: BLE001 - one readable line for the demo instead of a traceback
        fail(f"{type(error).__name__}: {error}")
