#!/usr/bin/env bash
# Monitoring benchmark (not a test). Starts the packaged application on loopback with its own
# embedded PostgreSQL, makes a baseline of ../shared/data/test-baseline.csv, then prints:
#   - one monitoring row per POST (JSON, 1024 features) from CONCURRENCY clients for DURATION s
#     (wrk): requests/s, p50 and p99 latency; first with each client posting again as soon as it has
#     its answer (as many posts as the 2 cores take), then paced, each client waiting THINK_MS
#     (uniformly 0.5-1.5 times, so the clients do not fall in step) between its answer and its next
#     post, as a sensor streaming a row every so often would; for the back-to-back run also
#     PostgreSQL's CPU per post by kind of process (client backends, autovacuum, the others) and the
#     machine's idle and stolen (hypervisor) CPU time;
#   - batches of 1,000 rows (CSV): rows per second from the first POST until all rows are in
#     monitor_data (read back through GET /monitor/{id}), median of RUNS batches one at a time, and
#     median of BATCH_ROUNDS rounds of RUNS batches posted back to back; then the same with every row
#     made anomalous (a band of 50 features multiplied by 20) and an alert rule with a webhook
#     matching them all (FAULTY=0 skips it).
# Usage: bench/monitoring.sh    Environment: CONCURRENCY (20), DURATION (20), WARMUP (150 s of single
#   rows), FAULTY (1), THINK_MS (80; 0 skips the paced run; several, as "40 20 10", run
#   one paced run each, in that order: the latency at a lower offered load), BATCH_WARMUP (60 batches), RUNS (5), BATCH_ROUNDS (3),
#   JAVA_OPTS,
#   WRK_NICE (0; -10 runs the load generator at a higher priority, so that its own wait for one of
#   the 2 cores it shares with the application is not counted as the application's latency; needs
#   root).
# The warm-ups are long on purpose: on 2 cores under this load the JIT's C2 compiler keeps compiling
# for 2-3 minutes and takes a quarter to a half of the CPU meanwhile (docs/monitoring-performance.md);
# a shorter warm-up measures a JVM that is still compiling, not the steady state.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/app-lib.sh
DATA=${DINSIGHT_DATA:-$(pwd)/../shared/data}
CONCURRENCY=${CONCURRENCY:-20}
DURATION=${DURATION:-20}
RUNS=${RUNS:-5}
WARMUP=${WARMUP:-150}
THINK_MS=${THINK_MS:-80}
# 60: after 20 warm-up batches (about 10 s) C2 was still compiling the CSV path, and the first rounds
# of back-to-back batches ran 10-15% slower than the later ones (docs/monitoring-performance.md)
BATCH_WARMUP=${BATCH_WARMUP:-60}
BATCH_ROUNDS=${BATCH_ROUNDS:-3}
FAULTY=${FAULTY:-1}
need wrk wrk

export DINSIGHT_ALERTS_WEBHOOKS_ALLOW_PRIVATE_NETWORKS=true   # the faulty batches' webhook receiver is local
start_app
TOKEN=$(sign_up bench@example.com)
AUTH="Authorization: Bearer $TOKEN"
baseline_of_test_data "$TOKEN"

one_row_json "$DATA/test-monitoring.csv" "$WORK/one-row.json"
python3 - "$DATA/test-monitoring.csv" "$WORK" <<'PY'
import sys
src, work = sys.argv[1], sys.argv[2]
lines = open(src).read().splitlines()
with open(work + "/batch.csv", "w") as out:
    out.write(lines[0] + "\n")
    for i in range(1000):
        out.write(lines[1 + i % (len(lines) - 1)] + "\n")
PY
cat > "$WORK/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $TOKEN"
local f = io.open("$WORK/one-row.json", "r")
wrk.body = f:read("*a")
f:close()
LUA
# the paced script adds a delay() (wrk then schedules every next post on a timer, so the back-to-back
# script must not have one): each connection waits about THINK_MS between its answer and its next post
for think in $THINK_MS; do
    [ "$think" -gt 0 ] || continue
    cat "$WORK/post.lua" - > "$WORK/paced-$think.lua" <<LUA
function delay()
    return math.random(math.floor($think / 2), math.floor($think * 3 / 2))
end
LUA
done

echo "# $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1), wrk $(wrk -v 2>&1 | head -1 | cut -d' ' -f2), cpu probe $(cpu_probe) ms (lower is faster), autogroup $(autogroup)"
wrk -t2 -c"$CONCURRENCY" -d"${WARMUP}s" -s "$WORK/post.lua" "$BASE/api/v1/monitor/$DINSIGHT" > /dev/null   # warm-up
# single_rows LUA LABEL: one wrk run of DURATION s, its figures on one line
single_rows() {
    nice -n "${WRK_NICE:-0}" wrk -t2 -c"$CONCURRENCY" -d"${DURATION}s" --timeout 10s --latency -s "$WORK/$1" \
        "$BASE/api/v1/monitor/$DINSIGHT" > "$WORK/wrk.txt"
    cat "$WORK/wrk.txt" >&2
    python3 - "$WORK/wrk.txt" "$CONCURRENCY" "$DURATION" "${WRK_NICE:-0}" "$2" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
def pct(p):
    m = re.search(r"^\s+%s%%\s+([\d.]+)(us|ms|s)" % p, text, re.M)
    v, unit = float(m.group(1)), m.group(2)
    return v / 1000 if unit == "us" else v * 1000 if unit == "s" else v
rps = re.search(r"Requests/sec:\s+([\d.]+)", text).group(1)
non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
print("one row per POST, c=%s, %s, %ss, wrk nice %s: %s req/s, p50 %.1f ms, p99 %.1f ms, non-2xx %s"
      % (sys.argv[2], sys.argv[5], sys.argv[3], sys.argv[4], rps, pct(50), pct(99), non2xx.group(1) if non2xx else 0))
PY
}
postgres_cpu "$WORK/pg-before.json"; cpu_stat "$WORK/cpu-before"
single_rows post.lua "back to back"
postgres_cpu "$WORK/pg-after.json"; cpu_stat "$WORK/cpu-after"
echo "machine's cpu, back to back: $(cpu_stat_share "$WORK/cpu-before" "$WORK/cpu-after")"
echo "postgresql cpu per post, back to back: $(postgres_cpu_per_post "$WORK/pg-before.json" "$WORK/pg-after.json" \
    "$(grep -oE '[0-9]+ requests in' "$WORK/wrk.txt" | cut -d' ' -f1)")"
for think in $THINK_MS; do
    [ "$think" -gt 0 ] || continue
    single_rows "paced-$think.lua" "paced (${think} ms between a client's answer and its next post)"
done

# batches: one Python process posts and polls over kept-alive connections (bench/batches.py); a curl
# and two greps per poll took most of a core from the application being timed
python3 bench/batches.py "$BASE" "$TOKEN" "$DINSIGHT" "$WORK/batch.csv" "$APP_PID" "$BATCH_WARMUP" "$RUNS" "$BATCH_ROUNDS"

# faulty batches: the same rows with a band of 50 adjacent features (f_300..f_349) multiplied by 20, so
# that every row is an anomaly and matches an alert rule whose webhook a local receiver answers: the
# anomalies, the alert policy (one alert, updated at every match) and its delivery under the batch load
if [ "$FAULTY" = 1 ]; then
    python3 - "$WORK/batch.csv" "$WORK/faulty.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1])))
band = [i for i, name in enumerate(rows[0]) if name in {f"f_{k}" for k in range(300, 350)}]
for row in rows[1:]:
    for i in band:
        row[i] = repr(float(row[i]) * 20)
csv.writer(open(sys.argv[2], "w", newline=""), lineterminator="\n").writerows(rows)
PY
    python3 - "$WORK/hook-port" <<'PY' &
import http.server, sys
class Receiver(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers["Content-Length"]))
        self.send_response(204)
        self.end_headers()
    def log_message(self, *args):
        pass
server = http.server.HTTPServer(("127.0.0.1", 0), Receiver)
open(sys.argv[1], "w").write(str(server.server_port))
server.serve_forever()
PY
    HOOK_PID=$!
    trap 'kill $HOOK_PID 2>/dev/null; stop_app' EXIT
    for _ in $(seq 1 100); do [ -s "$WORK/hook-port" ] && break; sleep 0.1; done
    [ -s "$WORK/hook-port" ] || { echo "# the webhook receiver did not start" >&2; exit 1; }
    DATASET=$(curl -fs "$BASE/api/v1/analyses/$ANALYSIS" -H "$AUTH" | python3 -c 'import json, sys; print(json.load(sys.stdin)["dataset_id"])')
    curl -fs -X POST "$BASE/api/v1/alerts/rules" -H "$AUTH" -H 'Content-Type: application/json' -d "{\"dataset_id\": \"$DATASET\",
        \"name\": \"bench\", \"severity\": \"high\", \"condition\": {\"metric\": \"mahalanobis_distance\",
        \"operator\": \"greater_than\", \"value\": 3}, \"actions\": [{\"type\": \"webhook\",
        \"url\": \"http://127.0.0.1:$(cat "$WORK/hook-port")/hook\"}]}" > /dev/null
    python3 bench/batches.py "$BASE" "$TOKEN" "$DINSIGHT" "$WORK/faulty.csv" "$APP_PID" 5 "$RUNS" "$BATCH_ROUNDS" \
        "CSV, every row anomalous, a webhook rule matching"
    curl -fs "$BASE/api/v1/alerts?dataset_id=$DATASET" -H "$AUTH" | python3 -c '
import json, sys
alerts = json.load(sys.stdin)["items"]
print("alerts of the faulty batches: %d, matches counted %s, webhook deliveries %s" % (len(alerts),
      [a["data"]["count"] for a in alerts], [len(a["data"]["deliveries"]) for a in alerts]))'
fi
