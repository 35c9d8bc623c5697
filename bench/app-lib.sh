# Shared by the bench scripts that need a running application (source it, do not run it).
# start_app: builds the jar if missing, copies it, starts it on a free loopback port with its own
# embedded PostgreSQL in a temporary directory; sets WORK, PORT, BASE, APP_PID; stops it on exit.
# sign_up EMAIL: registers and logs in, prints the access token.

start_app() {
    local root jar
    root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
    jar=$root/app/target/dinsight.jar
    # always rebuilt: Maven's incremental package keeps an existing repackaged jar with stale modules
    if [ "${BENCH_REBUILD:-1}" = 1 ] || [ ! -f "$jar" ]; then
        rm -f "$jar" "$jar.original"
        if flock -n /tmp/dinsight-mvn.lock true; then
            (cd "$root" && flock /tmp/dinsight-mvn.lock ./mvnw -q -B -DskipTests package -pl app -am >&2)
        else # the caller holds the build lock already (or a build runs): build without it
            (cd "$root" && ./mvnw -q -B -DskipTests package -pl app -am >&2)
        fi
    fi
    WORK=$(mktemp -d "${TMPDIR:-/tmp}/dinsight-bench.XXXXXX")
    cp "$jar" "$WORK/dinsight.jar"
    PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
    BASE=http://127.0.0.1:$PORT
    DINSIGHT_DATA_DIR=$WORK/data SERVER_PORT=$PORT SERVER_ADDRESS=127.0.0.1 \
        DINSIGHT_RATE_LIMIT_LOGIN_ATTEMPTS=1000000 DINSIGHT_RATE_LIMIT_REGISTER_PER_HOUR=1000000 \
        java ${JAVA_OPTS:-} -jar "$WORK/dinsight.jar" > "$WORK/app.log" 2>&1 &
    APP_PID=$!
    trap stop_app EXIT
    for _ in $(seq 1 240); do
        if curl -fs "$BASE/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; then
            return 0
        fi
        kill -0 "$APP_PID" 2>/dev/null || { tail -n 40 "$WORK/app.log" >&2; return 1; }
        sleep 1
    done
    echo "# the application did not start" >&2
    return 1
}

stop_app() {
    local status=$?
    if [ "$status" -ne 0 ] && [ -n "${WORK:-}" ] && [ -f "$WORK/app.log" ]; then
        cp "$WORK/app.log" "${TMPDIR:-/tmp}/dinsight-bench-failed-app.log"
        echo "# the run failed (exit $status); the application's log: ${TMPDIR:-/tmp}/dinsight-bench-failed-app.log" >&2
    fi
    if [ -n "${APP_PID:-}" ] && kill -0 "$APP_PID" 2>/dev/null; then
        kill -TERM "$APP_PID" 2>/dev/null || true
        wait "$APP_PID" 2>/dev/null || true
    fi
    [ -n "${WORK:-}" ] && rm -rf "$WORK"
}

sign_up() {
    local email=$1
    curl -fs -X POST "$BASE/api/v1/auth/register" -H 'Content-Type: application/json' \
        -d "{\"email\": \"$email\", \"password\": \"Bench#Secret1\", \"full_name\": \"Bench\"}" > /dev/null
    curl -fs -X POST "$BASE/api/v1/auth/login" -H 'Content-Type: application/json' \
        -d "{\"email\": \"$email\", \"password\": \"Bench#Secret1\"}" \
        | python3 -c 'import json, sys; print(json.load(sys.stdin)["access_token"])'
}

# baseline_of_test_data TOKEN: analyses ../shared/data/test-baseline.csv and waits until monitoring
# rows can be posted to its baseline; sets DINSIGHT (and ANALYSIS).
baseline_of_test_data() {
    local auth="Authorization: Bearer $1"
    ANALYSIS=$(curl -fs -X POST "$BASE/api/v1/analyze" -H "$auth" -F "files=@$DATA/test-baseline.csv" \
        | python3 -c 'import json, sys; print(json.load(sys.stdin)["analysis_id"])')
    for _ in $(seq 1 600); do
        DINSIGHT=$(curl -fs "$BASE/api/v1/analyses/$ANALYSIS" -H "$auth" 2>/dev/null \
            | python3 -c 'import json, sys; print(json.load(sys.stdin).get("dinsight_id") or "")' 2>/dev/null || true)
        [ -n "$DINSIGHT" ] && [ "$(curl -s -o /dev/null -w '%{http_code}' -X POST "$BASE/api/v1/monitor/$DINSIGHT" \
            -H "$auth" -H 'Content-Type: application/json' -d '{"rows": []}')" != 404 ] && return 0
        sleep 0.1
    done
    echo "the baseline did not become ready" >&2
    return 1
}

# need COMMAND PACKAGE: installs the Debian PACKAGE when COMMAND is missing
need() {
    command -v "$1" >/dev/null || { apt-get install -y -q "$2" >/dev/null 2>&1 \
        || (apt-get update -q >/dev/null && apt-get install -y -q "$2" >/dev/null); }
}

# one_row_json CSV OUT: the CSV's first data row as a POST /monitor body: {rows: [{features, metadata}]}
one_row_json() {
    python3 - "$1" "$2" <<'PY'
import json, sys
lines = open(sys.argv[1]).read().splitlines()
header, cells = lines[0].split(","), lines[1].split(",")
row = {"features": {h: float(v) for h, v in zip(header, cells) if h.startswith("f_")},
       "metadata": {h: v for h, v in zip(header, cells) if not h.startswith("f_")}}
open(sys.argv[2], "w").write(json.dumps({"rows": [row]}))
PY
}

# median of the numbers on stdin
median() {
    sort -g | awk '{a[NR]=$1} END {if (NR % 2) print a[(NR+1)/2]; else print (a[NR/2] + a[NR/2+1]) / 2}'
}

# cpu_probe: milliseconds for a fixed single-threaded workload (SHA-256 over 4 KB, 100,000 times; best
# of 3), to tell a slow machine from a slow change: this shared machine's speed has varied twofold
# between days (docs/monitoring-performance.md)
cpu_probe() {
    python3 -c "
import hashlib, time
best = 1e9
for _ in range(3):
    t = time.perf_counter(); d = b'x' * 4096
    for _ in range(100000): d = hashlib.sha256(d).digest() * 128
    best = min(best, time.perf_counter() - t)
print('%.0f' % (best * 1000))"
}

# autogroup: whether the kernel groups processes by session for scheduling (1, 0, or "n/a"). With it
# on, every PostgreSQL process is a group of its own that weighs as much as the whole JVM; the
# single-row p99 of 20 s slices was longer with it on (decision 46; docs/operations.md).
autogroup() {
    cat /proc/sys/kernel/sched_autogroup_enabled 2>/dev/null || echo n/a
}

# postgres_cpu FILE: writes the CPU time (clock ticks, user + system) of every PostgreSQL process by
# its kind: backend, autovacuum (its workers, and those that ended, through the postmaster's reaped
# children), other (background writer, checkpointer, WAL writer, ...).
postgres_cpu() {
    python3 - "$1" <<'PY'
import json, os, sys
kinds = {"backend": 0, "autovacuum": 0, "other": 0}
for pid in filter(str.isdigit, os.listdir("/proc")):
    try:
        if open(f"/proc/{pid}/comm").read().strip() != "postgres":
            continue
        stat = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
        title = open(f"/proc/{pid}/cmdline").read().replace("\0", " ")
    except OSError:
        continue
    own = int(stat[11]) + int(stat[12])
    if "postgres:" not in title:  # the postmaster: its reaped children are mostly autovacuum workers
        kinds["autovacuum"] += int(stat[13]) + int(stat[14])
        kinds["other"] += own
    elif "autovacuum worker" in title:
        kinds["autovacuum"] += own
    elif "(" in title or "[local]" in title:  # a client: "postgres: user db host(port) state"
        kinds["backend"] += own
    else:
        kinds["other"] += own
json.dump(kinds, open(sys.argv[1], "w"))
PY
}

# postgres_cpu_per_post BEFORE AFTER POSTS: microseconds of PostgreSQL CPU per post, by kind
postgres_cpu_per_post() {
    python3 - "$1" "$2" "$3" <<'PY'
import json, os, sys
a, b, posts = json.load(open(sys.argv[1])), json.load(open(sys.argv[2])), float(sys.argv[3])
tick = 1e6 / os.sysconf("SC_CLK_TCK")
print(", ".join(f"{kind} {(b[kind] - a[kind]) * tick / posts:.0f} us" for kind in b))
PY
}

# cpu_stat FILE: saves the machine's CPU time by state (/proc/stat's first line)
cpu_stat() {
    head -1 /proc/stat > "$1"
}

# cpu_stat_share BEFORE AFTER: the share of the machine's CPU time between the two samples that was
# idle, and that the hypervisor gave to other machines (steal): a run with idle time left was not
# saturated by the benchmark, one with steal ran on fewer cores than it counted
cpu_stat_share() {
    python3 - "$1" "$2" <<'PY'
import sys
a, b = ([int(v) for v in open(f).read().split()[1:]] for f in sys.argv[1:3])
d = [y - x for x, y in zip(a, b)]
total = sum(d[:8]) or 1  # guest time is counted in user time already
print(f"idle {100 * (d[3] + d[4]) / total:.1f}%, steal {100 * d[7] / total:.1f}%")
PY
}
