#!/usr/bin/env bash
# Measures the Lambda cold start of the Native AOT bootstrap against the JIT (framework-dependent) build:
# time from process start to its first GET /runtime/invocation/next on a fake Runtime API on 127.0.0.1, then memory
# (VmRSS, and VmHWM = peak RSS) after it has handled one scheduled event and asked for the next one.
# Nothing leaves the machine. Usage: tools/measure-cold-start.sh [runs]   (default 10 runs of each build)
#   SKIP_BUILD=1      reuse artifacts/publish/linux-x64 (AOT) and artifacts/publish/jit
#   AOT_FLAGS=...     extra publish flags for the AOT build (default: -p:CppCompilerAndLinker=clang-14 if clang is absent)
set -euo pipefail
cd "$(dirname "$0")/.."

runs="${1:-10}"
aot_dir=artifacts/publish/linux-x64
jit_dir=artifacts/publish/jit
if [ -z "${AOT_FLAGS+x}" ]; then
  if command -v clang >/dev/null; then AOT_FLAGS=""; else AOT_FLAGS="-p:CppCompilerAndLinker=clang-14"; fi
fi

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  make publish RID=linux-x64 AOT_FLAGS="$AOT_FLAGS"
  dotnet publish src/Reconciler/Reconciler.csproj -c Release -r linux-x64 --self-contained false -p:PublishAot=false -o "$jit_dir"
fi

policies="$(mktemp -d)"
trap 'rm -rf "$policies"' EXIT

python3 - "$runs" "$aot_dir/reconciler" "$jit_dir/reconciler" "$policies" <<'PY'
import http.server, json, os, signal, socketserver, statistics, subprocess, sys, threading, time

runs, aot, jit, policies = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
EVENT = json.dumps({"version": "0", "id": "1", "detail-type": "Scheduled Event", "source": "aws.events",
                    "account": "123456789012", "time": "2026-11-25T12:00:00Z", "region": "us-east-1",
                    "resources": [], "detail": {}}).encode()

class State:
    def __init__(self):
        self.next_times, self.posts, self.lock, self.cond = [], [], threading.Lock(), threading.Condition()

def make_handler(state):
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        def log_message(self, *args): pass
        def do_GET(self):
            with state.cond:
                state.next_times.append(time.monotonic()); state.cond.notify_all()
                first = len(state.next_times) == 1
            if not first:                      # hold later "next" calls open, as Lambda does between events
                time.sleep(30); return
            self.send_response(200)
            self.send_header("Lambda-Runtime-Aws-Request-Id", "cold-start-1")
            self.send_header("Lambda-Runtime-Deadline-Ms", str(int(time.time() * 1000) + 900_000))
            self.send_header("Content-Length", str(len(EVENT))); self.end_headers(); self.wfile.write(EVENT)
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            with state.cond:
                state.posts.append((self.path, body)); state.cond.notify_all()
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
    state = State()
    server = Server(("127.0.0.1", 0), make_handler(state))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    env = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp"),
           "AWS_LAMBDA_RUNTIME_API": f"127.0.0.1:{server.server_address[1]}",
           "AWS_LAMBDA_FUNCTION_NAME": "cold-start", "POLICY_DIR": policies,
           "DOTNET_CLI_TELEMETRY_OPTOUT": "1"}
    started = time.monotonic()
    process = subprocess.Popen([binary], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        with state.cond:
            if not state.cond.wait_for(lambda: len(state.next_times) >= 1, timeout=30):
                raise RuntimeError(f"{binary} never asked for an event")
            first_next = state.next_times[0] - started
            if not state.cond.wait_for(lambda: len(state.next_times) >= 2 and state.posts, timeout=30):
                raise RuntimeError(f"{binary} did not finish the first event")
        rss, hwm = status(process.pid, "VmRSS"), status(process.pid, "VmHWM")
        process.send_signal(signal.SIGTERM)
        code = process.wait(timeout=10)
        if code != 0:
            raise RuntimeError(f"{binary} exited with {code} after SIGTERM")
        return first_next * 1000, rss, hwm
    finally:
        if process.poll() is None:
            process.kill(); process.wait()
        server.shutdown(); server.server_close()

print(f"{'build':<5} {'runs':>4} {'start→next median ms':>21} {'min':>7} {'max':>7} {'RSS MiB':>8} {'peak RSS MiB':>13}")
for name, binary in (("AOT", aot), ("JIT", jit)):
    results = [measure(binary) for _ in range(runs)]
    times = [r[0] for r in results]
    print(f"{name:<5} {runs:>4} {statistics.median(times):>21.1f} {min(times):>7.1f} {max(times):>7.1f} "
          f"{statistics.median(r[1] for r in results):>8.1f} {statistics.median(r[2] for r in results):>13.1f}")
PY
