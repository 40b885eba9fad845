#!/usr/bin/env bash
# Measures the Lambda cold start of the Native AOT bootstrap against the JIT (framework-dependent) build, and memory
# at the end of a real run:
#   cold start  time from process start to its first GET /runtime/invocation/next on a fake Runtime API (127.0.0.1)
#   run         one EventBridge scheduled event, reconciled for real against moto (patched, tools/moto/run_moto.py):
#               FUNCTIONS drifted functions (tracing PassThrough, no alarms) → tracing Active + 2 alarms each, the
#               report published to an SNS topic; the response must be the report with outcome "corrected"
#   memory      VmRSS and VmHWM (peak RSS) once the run has posted its response and asked for the next event
# Every repetition seeds its own functions (unique tag, alarm prefix), so each run starts from the same drift.
# Nothing leaves the machine. Usage: tools/measure-cold-start.sh [runs]   (default 10 runs of each build)
#   SKIP_BUILD=1      reuse artifacts/publish/linux-x64 (AOT) and artifacts/publish/jit
#   AOT_FLAGS=...     extra publish flags for the AOT build (none needed: .NET links with clang, else gcc)
#   FUNCTIONS=N       drifted functions per run (default 5)
# Needs python3 with moto 5.2 and boto3 (boto3 only seeds moto).
set -euo pipefail
cd "$(dirname "$0")/.."

runs="${1:-10}"
aot_dir=artifacts/publish/linux-x64
jit_dir=artifacts/publish/jit

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  make publish RID=linux-x64 AOT_FLAGS="${AOT_FLAGS:-}"
  dotnet publish src/Reconciler/Reconciler.csproj -c Release -r linux-x64 --self-contained false -p:PublishAot=false -o "$jit_dir"
fi

work="$(mktemp -d)"
moto_pid=""
cleanup() {
  if [ -n "$moto_pid" ]; then kill "$moto_pid" 2>/dev/null || true; wait "$moto_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

python3 tools/moto/run_moto.py 0 > "$work/moto.log" 2>&1 &
moto_pid=$!
for _ in $(seq 1 300); do
  grep -q MOTO_READY "$work/moto.log" && break
  if ! kill -0 "$moto_pid" 2>/dev/null; then cat "$work/moto.log" >&2; exit 1; fi
  sleep 0.1
done
endpoint="$(sed -n 's/^MOTO_READY //p' "$work/moto.log")"
[ -n "$endpoint" ] || { echo "moto did not start:" >&2; cat "$work/moto.log" >&2; exit 1; }

python3 - "$runs" "$aot_dir/reconciler" "$jit_dir/reconciler" "$work" "$endpoint" "${FUNCTIONS:-5}" <<'PY'
import http.server, io, json, os, signal, socketserver, statistics, subprocess, sys, threading, time, uuid, zipfile
import boto3

runs, aot, jit, work, endpoint, functions = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5], int(sys.argv[6])
REGION, ACCOUNT = "us-east-1", "123456789012"
CREDS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"}
aws = lambda service: boto3.client(service, region_name=REGION, endpoint_url=endpoint,
                                   aws_access_key_id="testing", aws_secret_access_key="testing")
lam, sns, sqs, cw = aws("lambda"), aws("sns"), aws("sqs"), aws("cloudwatch")
role = aws("iam").create_role(RoleName="measure-cold-start", AssumeRolePolicyDocument=json.dumps({
    "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"},
                                           "Action": "sts:AssumeRole"}]}))["Role"]["Arn"]
code = io.BytesIO()
with zipfile.ZipFile(code, "w") as z:
    z.writestr("index.py", "def handler(event, context):\n    return 1\n")

def seed(suffix):
    """FUNCTIONS drifted functions, a report topic with an SQS subscriber, and a policy folder; returns (dir, queue)."""
    for i in range(functions):
        lam.create_function(FunctionName=f"m-{suffix}-{i}", Runtime="python3.12", Role=role, Handler="index.handler",
                            Code={"ZipFile": code.getvalue()}, TracingConfig={"Mode": "PassThrough"},
                            Tags={"measure": suffix})
    topic = sns.create_topic(Name=f"m-{suffix}")["TopicArn"]
    queue = sqs.create_queue(QueueName=f"m-{suffix}")["QueueUrl"]
    sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=f"arn:aws:sqs:{REGION}:{ACCOUNT}:m-{suffix}")
    policies = os.path.join(work, suffix)
    os.makedirs(policies)
    with open(os.path.join(policies, "measure.yaml"), "w") as f:
        f.write(f"""apiVersion: reconciler.observability/v1
kind: ObservabilityPolicy
metadata:
  name: m-{suffix}
spec:
  selector:
    tags: {{ measure: "{suffix}" }}
    resourceTypes: [lambda:function]
  tracing:
    lambda: Active
  alarms:
    lambda:
      - {{ name: error-rate, metric: ErrorRate, threshold: 5 }}
      - {{ name: latency, metric: Duration, statistic: p99, threshold: 2000 }}
  report:
    topicArn: "{topic}"
    when: always
""")
    return policies, queue

EVENT = json.dumps({"version": "0", "id": "1", "detail-type": "Scheduled Event", "source": "aws.events",
                    "account": ACCOUNT, "time": "2026-11-25T12:00:00Z", "region": REGION,
                    "resources": [f"arn:aws:events:{REGION}:{ACCOUNT}:rule/measure"], "detail": {}}).encode()

class State:
    def __init__(self):
        self.next_times, self.posts, self.cond = [], [], threading.Condition()

def make_handler(state):
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        def log_message(self, *args): pass
        def do_GET(self):
            with state.cond:
                state.next_times.append(time.monotonic()); state.cond.notify_all()
                first = len(state.next_times) == 1
            if not first:                      # hold later "next" calls open, as Lambda does between events
                time.sleep(60); return
            self.send_response(200)
            self.send_header("Lambda-Runtime-Aws-Request-Id", "measure-1")
            self.send_header("Lambda-Runtime-Deadline-Ms", str(int(time.time() * 1000) + 900_000))
            self.send_header("Content-Length", str(len(EVENT))); self.end_headers(); self.wfile.write(EVENT)
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            with state.cond:
                state.posts.append((self.path, body, time.monotonic())); state.cond.notify_all()
            self.send_response(202); self.send_header("Content-Length", "2"); self.end_headers(); self.wfile.write(b"{}")
    return Handler

class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True

def status(pid, key):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1]) / 1024.0
    return float("nan")

def measure(binary):
    suffix = uuid.uuid4().hex[:10]
    policies, queue = seed(suffix)
    state = State()
    server = Server(("127.0.0.1", 0), make_handler(state))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    env = {"PATH": os.environ["PATH"], "HOME": work, **CREDS,
           "AWS_LAMBDA_RUNTIME_API": f"127.0.0.1:{server.server_address[1]}",
           "AWS_LAMBDA_FUNCTION_NAME": "measure", "POLICY_DIR": policies, "ALARM_NAME_PREFIX": f"m-{suffix}",
           "AWS_REGION": REGION, "AWS_ENDPOINT_URL": endpoint, "AWS_EC2_METADATA_DISABLED": "true",
           "DOTNET_CLI_TELEMETRY_OPTOUT": "1"}
    started = time.monotonic()
    process = subprocess.Popen([binary], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        with state.cond:
            if not state.cond.wait_for(lambda: len(state.next_times) >= 1, timeout=60):
                raise RuntimeError(f"{binary} never asked for an event")
            first_next = state.next_times[0] - started
            if not state.cond.wait_for(lambda: len(state.next_times) >= 2 and state.posts, timeout=300):
                raise RuntimeError(f"{binary} did not finish the run")
        path, body, posted = state.posts[0]
        if not path.endswith("/response"):
            raise RuntimeError(f"{binary} posted {path}: {body[:500]!r}")
        report = json.loads(body)
        if report["summary"]["outcome"] != "corrected":
            raise RuntimeError(f"{binary}: the run did not correct the drift: {report['summary']}")
        rss, hwm = status(process.pid, "VmRSS"), status(process.pid, "VmHWM")
        process.send_signal(signal.SIGTERM)
        exit_code = process.wait(timeout=30)
        if exit_code != 0:
            raise RuntimeError(f"{binary} exited with {exit_code} after SIGTERM")
        alarms = cw.describe_alarms(AlarmNamePrefix=f"m-{suffix}-")["MetricAlarms"]
        delivered = sqs.receive_message(QueueUrl=queue, MaxNumberOfMessages=10).get("Messages", [])
        if len(alarms) != 2 * functions or len(delivered) != 1:
            raise RuntimeError(f"{binary}: {len(alarms)} alarms, {len(delivered)} reports delivered")
        return first_next * 1000, (posted - state.next_times[0]) * 1000, rss, hwm
    finally:
        if process.poll() is None:
            process.kill(); process.wait()
        server.shutdown(); server.server_close()

print(f"{functions} drifted functions a run ({3 * functions} writes), {runs} runs of each build")
print(f"{'build':<5} {'start→next median ms':>21} {'min':>7} {'max':>7} {'run median ms':>14} {'RSS MiB':>8} {'peak RSS MiB':>13}")
for name, binary in (("AOT", aot), ("JIT", jit)):
    results = [measure(binary) for _ in range(runs)]
    times = [r[0] for r in results]
    print(f"{name:<5} {statistics.median(times):>21.1f} {min(times):>7.1f} {max(times):>7.1f} "
          f"{statistics.median(r[1] for r in results):>14.0f} "
          f"{statistics.median(r[2] for r in results):>8.1f} {statistics.median(r[3] for r in results):>13.1f}")
PY
