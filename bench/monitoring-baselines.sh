#!/usr/bin/env bash
# Monitoring benchmark over many baselines (not a test): BASELINES machines, each with its own
# baseline of ../shared/data/test-baseline.csv, and CONCURRENCY clients each posting one row (JSON,
# 1024 features) to a baseline picked at random, back to back. After WARMUP s it prints, per SLICE s
# slice: posts/s, p50, p90 and p99 latency, PostgreSQL commits per post (the group commit's
# batching, decisions 34 and 56) and CPU per post of the JVM and of PostgreSQL (by kind of process,
# as bench/monitoring.sh), and the machine's idle and stolen CPU time; then the medians.
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
need wrk wrk
need psql postgresql-client

start_app
TOKEN=$(sign_up bench@example.com)
PATHS=()
for _ in $(seq 1 "$BASELINES"); do
    baseline_of_test_data "$TOKEN"
    PATHS+=("/api/v1/monitor/$DINSIGHT")
done

one_row_json "$DATA/test-monitoring.csv" "$WORK/one-row.json"
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

# the embedded PostgreSQL of this run, and the JVM's CPU ticks
PGPORT=$(ss -ltnp | grep postgres | grep -o '127.0.0.1:[0-9]*' | head -1 | cut -d: -f2)
commits() { psql -h 127.0.0.1 -p "$PGPORT" -U postgres -d dinsight -Atc \
    "SELECT xact_commit FROM pg_stat_database WHERE datname = 'dinsight'"; }
jvm_ticks() { awk '{print $14 + $15}' "/proc/$APP_PID/stat"; }

echo "# $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $BASELINES baselines, $CONCURRENCY clients, cpu probe $(cpu_probe) ms (lower is faster)"
wrk -t2 -c"$CONCURRENCY" -d"${WARMUP}s" -s "$WORK/posts.lua" "$BASE" > /dev/null   # warm-up
: > "$WORK/slices"
for i in $(seq 1 "$SLICES"); do
    c0=$(commits); j0=$(jvm_ticks); postgres_cpu "$WORK/pg0.json"; cpu_stat "$WORK/cpu0"
    wrk -t2 -c"$CONCURRENCY" -d"${SLICE}s" --timeout 10s -s "$WORK/posts.lua" "$BASE" > "$WORK/wrk.txt"
    c1=$(commits); j1=$(jvm_ticks); postgres_cpu "$WORK/pg1.json"; cpu_stat "$WORK/cpu1"
    set -- $(grep RESULT "$WORK/wrk.txt")
    postgres=$(postgres_cpu_per_post "$WORK/pg0.json" "$WORK/pg1.json" "$2")
    python3 - "$*" "$c0" "$c1" "$j0" "$j1" "$(getconf CLK_TCK)" "$i" "$postgres" "$(cpu_stat_share "$WORK/cpu0" "$WORK/cpu1")" <<'PY' | tee -a "$WORK/slices"
import sys
_, n, seconds, p50, p90, p99, errors = sys.argv[1].split()
n = int(n)
commits = (int(sys.argv[3]) - int(sys.argv[2])) / n
jvm = (int(sys.argv[5]) - int(sys.argv[4])) * 1e6 / int(sys.argv[6]) / n
print(f"slice {sys.argv[7]}: {n / float(seconds):.0f} posts/s, p50 {int(p50) / 1000:.1f} ms, p90 {int(p90) / 1000:.1f} ms, "
      f"p99 {int(p99) / 1000:.1f} ms, errors {errors}, commits/post {commits:.2f}, "
      f"cpu/post jvm {jvm:.0f} us, postgres {sys.argv[8]}, machine {sys.argv[9]}")
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
