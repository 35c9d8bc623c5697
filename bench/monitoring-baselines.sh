#!/usr/bin/env bash
# Monitoring benchmark over many baselines (not a test): BASELINES machines, each with its own
# baseline of ../shared/data/test-baseline.csv, and CONCURRENCY clients each posting one row (JSON,
# 1024 features) to a baseline picked at random, back to back. After WARMUP s it prints, per SLICE s
# slice: posts/s, p50, p90 and p99 latency, PostgreSQL commits per post (the group commit's
# batching, decisions 34 and 56) and CPU per post of the JVM and of PostgreSQL; then the medians.
# Usage: bench/monitoring-baselines.sh   Environment: BASELINES (20), CONCURRENCY (20), WARMUP (90),
#   SLICES (3), SLICE (20), BENCH_REBUILD (1; 0 reuses app/target/dinsight.jar), and any application
#   setting, e.g. DINSIGHT_MONITORING_RECORDER_DRAINS.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/app-lib.sh
DATA=${DINSIGHT_DATA:-$(pwd)/../shared/data}
BASELINES=${BASELINES:-20}
CONCURRENCY=${CONCURRENCY:-20}
WARMUP=${WARMUP:-90}
SLICES=${SLICES:-3}
SLICE=${SLICE:-20}
command -v wrk >/dev/null || { apt-get install -y -q wrk >/dev/null 2>&1 || (apt-get update -q >/dev/null && apt-get install -y -q wrk >/dev/null); }
command -v psql >/dev/null || { apt-get install -y -q postgresql-client >/dev/null 2>&1 || (apt-get update -q >/dev/null && apt-get install -y -q postgresql-client >/dev/null); }

start_app
TOKEN=$(sign_up bench@example.com)
PATHS=()
for _ in $(seq 1 "$BASELINES"); do
    baseline_of_test_data "$TOKEN"
    PATHS+=("/api/v1/monitor/$DINSIGHT")
done

python3 - "$DATA/test-monitoring.csv" "$WORK" <<'PY'
import json, sys
src, work = sys.argv[1], sys.argv[2]
lines = open(src).read().splitlines()
header = lines[0].split(",")
cells = lines[1].split(",")
row = {"features": {h: float(v) for h, v in zip(header, cells) if h.startswith("f_")},
       "metadata": {h: v for h, v in zip(header, cells) if not h.startswith("f_")}}
open(work + "/one-row.json", "w").write(json.dumps({"rows": [row]}))
PY
{
    echo "local paths = {"
    printf '"%s",\n' "${PATHS[@]}"
    echo "}"
    cat <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $TOKEN"
local f = io.open("$WORK/one-row.json", "r")
wrk.body = f:read("*a")
f:close()
request = function()
    return wrk.format(nil, paths[math.random(#paths)])
end
done = function(summary, latency, requests)
    io.write(string.format("RESULT %d %.3f %d %d %d %d\n", summary.requests, summary.duration / 1e6,
        latency:percentile(50), latency:percentile(90), latency:percentile(99),
        summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
LUA
} > "$WORK/posts.lua"

# the embedded PostgreSQL of this run: its port, and its processes' CPU ticks
PGPORT=$(ss -ltnp | grep postgres | grep -o '127.0.0.1:[0-9]*' | head -1 | cut -d: -f2)
commits() { psql -h 127.0.0.1 -p "$PGPORT" -U postgres -d dinsight -Atc \
    "SELECT xact_commit FROM pg_stat_database WHERE datname = 'dinsight'"; }
ticks() { # JVM ticks, PostgreSQL ticks
    python3 - "$APP_PID" <<'PY'
import os, sys
def ticks(pid):
    try:
        f = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
        return int(f[11]) + int(f[12])
    except OSError:
        return 0
pg = sum(ticks(p) for p in os.listdir("/proc") if p.isdigit() and open(f"/proc/{p}/comm").read().strip() == "postgres")
print(ticks(sys.argv[1]), pg)
PY
}

echo "# $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $BASELINES baselines, $CONCURRENCY clients, cpu probe $(cpu_probe) ms (lower is faster)"
wrk -t2 -c"$CONCURRENCY" -d"${WARMUP}s" -s "$WORK/posts.lua" "$BASE" > /dev/null   # warm-up
: > "$WORK/slices"
for i in $(seq 1 "$SLICES"); do
    c0=$(commits); t0=$(ticks)
    wrk -t2 -c"$CONCURRENCY" -d"${SLICE}s" --timeout 10s -s "$WORK/posts.lua" "$BASE" > "$WORK/wrk.txt"
    c1=$(commits); t1=$(ticks)
    python3 - "$(grep RESULT "$WORK/wrk.txt")" "$c0" "$c1" "$t0" "$t1" "$(getconf CLK_TCK)" "$i" <<'PY' | tee -a "$WORK/slices"
import sys
_, n, seconds, p50, p90, p99, errors = sys.argv[1].split()
n = int(n)
c0, c1 = int(sys.argv[2]), int(sys.argv[3])
j0, g0 = map(int, sys.argv[4].split()); j1, g1 = map(int, sys.argv[5].split())
us = 1e6 / int(sys.argv[6]) / n
print(f"slice {sys.argv[7]}: {n / float(seconds):.0f} posts/s, p50 {int(p50) / 1000:.1f} ms, p90 {int(p90) / 1000:.1f} ms, "
      f"p99 {int(p99) / 1000:.1f} ms, errors {errors}, commits/post {(c1 - c0) / n:.2f}, "
      f"cpu/post jvm {(j1 - j0) * us:.0f} us, postgres {(g1 - g0) * us:.0f} us")
PY
done
python3 - "$WORK/slices" <<'PY'
import re, statistics, sys
rows = [line for line in open(sys.argv[1]) if line.startswith("slice")]
def median(pattern):
    return statistics.median(float(re.search(pattern, row).group(1)) for row in rows)
print(f"median of {len(rows)} slices: {median(r'([0-9.]+) posts/s'):.0f} posts/s, p50 {median(r'p50 ([0-9.]+)'):.1f} ms, "
      f"p99 {median(r'p99 ([0-9.]+)'):.1f} ms, commits/post {median(r'commits/post ([0-9.]+)'):.2f}")
PY
