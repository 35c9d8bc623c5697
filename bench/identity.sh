#!/usr/bin/env bash
# Identity latency benchmark (not a test): starts the packaged application on loopback with its
# own embedded PostgreSQL in a temporary data directory and raised rate limits, registers and
# logs in one user, then prints one line per measurement:
#   - an authenticated GET /api/v1/users/profile under closed-loop load (wrk, or a stdlib Python
#     generator when wrk cannot be had), for each concurrency in CONNECTIONS: requests/s, median
#     and 99th-percentile latency;
#   - sequential logins (bcrypt cost 12 on every one): median and 99th percentile.
# Load generator and application share this machine's cores, so the figures are for one box.
# While it runs it holds the Maven lock (/tmp/dinsight-mvn.lock), so no build or test started
# through the lock competes for the cores; it runs a copy of the jar, so a rebuild cannot pull
# classes out from under it.
# Usage: bench/identity.sh
# Environment: CONNECTIONS ("4 16"), DURATION (20 s each), WARMUP (20 s, before the first),
#              LOGINS (30), STARTUP_TIMEOUT (240 s), JAVA_OPTS (for the application's JVM),
#              BENCH_LOCK (1; 0 runs without taking the Maven lock).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
JAR=$ROOT/app/target/dinsight.jar
CONNECTIONS=${CONNECTIONS:-"4 16"}
DURATION=${DURATION:-20}
WARMUP=${WARMUP:-20}
LOGINS=${LOGINS:-30}
STARTUP_TIMEOUT=${STARTUP_TIMEOUT:-240}
PASSWORD='Bench#Secret123'

# always rebuilt (BENCH_REBUILD=0 to skip): Maven's incremental package can keep a stale repackaged jar
if [ "${BENCH_REBUILD:-1}" = 1 ] || [ ! -f "$JAR" ]; then
    echo "# building $JAR" >&2
    rm -f "$JAR" "$JAR.original"
    flock /tmp/dinsight-mvn.lock ./mvnw -q -B -o -DskipTests package -pl app -am >&2 \
        || flock /tmp/dinsight-mvn.lock ./mvnw -q -B -DskipTests package -pl app -am >&2
fi

if ! command -v wrk >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "# installing wrk from Debian" >&2
    timeout 300 apt-get install -y -q wrk >/dev/null 2>&1 \
        || { timeout 300 apt-get update -q >/dev/null 2>&1 && timeout 300 apt-get install -y -q wrk >/dev/null 2>&1; } \
        || echo "# wrk could not be installed; using the Python load generator" >&2
fi

if [ "${BENCH_LOCK:-1}" = 1 ] && [ -z "${DINSIGHT_BENCH_LOCKED:-}" ]; then
    echo "# waiting for /tmp/dinsight-mvn.lock" >&2
    exec env DINSIGHT_BENCH_LOCKED=1 flock /tmp/dinsight-mvn.lock "$ROOT/bench/identity.sh" "$@"
fi
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)

WORK=$(mktemp -d "${TMPDIR:-/tmp}/dinsight-bench.XXXXXX")
APP_PID=
cleanup() {
    status=$?
    if [ -n "$APP_PID" ] && kill -0 "$APP_PID" 2>/dev/null; then
        kill -TERM "$APP_PID" 2>/dev/null || true
        for _ in $(seq 1 60); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 1; done
        kill -0 "$APP_PID" 2>/dev/null && kill -KILL "$APP_PID" 2>/dev/null || true
        wait "$APP_PID" 2>/dev/null || true
    fi
    if [ "$status" -ne 0 ] && [ -f "$WORK/app.log" ]; then
        echo "# failed; the application's last log lines:" >&2
        tail -n 40 "$WORK/app.log" >&2
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The helper: user setup, sequential logins, and a load generator for machines without wrk.
cat > "$WORK/bench.py" <<'PY'
import http.client, json, sys, threading, time, uuid

HOST = "127.0.0.1"

def pct(sorted_values, p):
    """Nearest-rank percentile of an ascending list."""
    rank = max(1, -(-len(sorted_values) * p // 100))
    return sorted_values[int(rank) - 1]

def call(conn, method, path, body=None, token=None):
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = "Bearer " + token
    conn.request(method, path, body=None if body is None else json.dumps(body), headers=headers)
    response = conn.getresponse()
    return response.status, response.read()

def setup(port, password):
    conn = http.client.HTTPConnection(HOST, port, timeout=30)
    email = "bench-%s@example.com" % uuid.uuid4().hex[:8]
    status, body = call(conn, "POST", "/api/v1/auth/register",
                        {"email": email, "password": password, "full_name": "Bench"})
    if status != 201:
        sys.exit("register answered %d: %s" % (status, body[:300]))
    status, body = call(conn, "POST", "/api/v1/auth/login", {"email": email, "password": password})
    if status != 200:
        sys.exit("login answered %d: %s" % (status, body[:300]))
    token = json.loads(body)["access_token"]
    deadline = time.monotonic() + 30
    while True:  # the profile comes from the read model, which follows the events
        status, body = call(conn, "GET", "/api/v1/users/profile", token=token)
        if status == 200:
            break
        if time.monotonic() > deadline:
            sys.exit("profile still answers %d: %s" % (status, body[:300]))
        time.sleep(0.2)
    print(email)
    print(token)

def logins(port, email, password, count):
    conn = http.client.HTTPConnection(HOST, port, timeout=30)
    login = {"email": email, "password": password}
    for _ in range(3):  # warm-up, not counted
        call(conn, "POST", "/api/v1/auth/login", login)
    times = []
    for _ in range(count):
        start = time.perf_counter()
        status, body = call(conn, "POST", "/api/v1/auth/login", login)
        elapsed = time.perf_counter() - start
        if status != 200:
            sys.exit("login answered %d: %s" % (status, body[:300]))
        times.append(elapsed * 1000)
    times.sort()
    print("login POST /api/v1/auth/login  sequential  n=%d  median=%.1fms  p99=%.1fms  min=%.1fms  max=%.1fms"
          "  (python3 http.client, keep-alive)"
          % (count, pct(times, 50), pct(times, 99), times[0], times[-1]))

def load(port, token, connections, seconds, label):
    """Closed loop: each thread keeps one keep-alive connection busy until the deadline."""
    latencies, errors, lock = [], [0], threading.Lock()
    start = time.monotonic()
    deadline = start + seconds
    def worker():
        conn = http.client.HTTPConnection(HOST, port, timeout=10)
        mine, bad = [], 0
        while time.monotonic() < deadline:
            t0 = time.perf_counter()
            try:
                status, _ = call(conn, "GET", "/api/v1/users/profile", token=token)
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection(HOST, port, timeout=10)
                status = 0
            mine.append((time.perf_counter() - t0) * 1000)
            bad += status != 200
        with lock:
            latencies.extend(mine)
            errors[0] += bad
    threads = [threading.Thread(target=worker) for _ in range(connections)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - start
    latencies.sort()
    if label:
        print("profile GET /api/v1/users/profile  c=%d  %.1fs  requests=%d  rps=%.1f  median=%.2fms  p99=%.2fms"
              "  max=%.2fms  errors=%d  (python3 stdlib generator, %d threads)"
              % (connections, elapsed, len(latencies), len(latencies) / elapsed, pct(latencies, 50),
                 pct(latencies, 99), latencies[-1], errors[0], connections))

if __name__ == "__main__":
    command, port = sys.argv[1], int(sys.argv[2])
    if command == "setup":
        setup(port, sys.argv[3])
    elif command == "logins":
        logins(port, sys.argv[3], sys.argv[4], int(sys.argv[5]))
    elif command == "load":
        load(port, sys.argv[3], int(sys.argv[4]), float(sys.argv[5]), sys.argv[6] == "report")
PY

cp "$JAR" "$WORK/dinsight.jar"
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# Relaxed binding: DINSIGHT_RATE_LIMIT_LOGIN_ATTEMPTS is dinsight.rate-limit.login.attempts, and so on.
DINSIGHT_DATA_DIR=$WORK/data SERVER_PORT=$PORT SERVER_ADDRESS=127.0.0.1 \
    DINSIGHT_RATE_LIMIT_LOGIN_ATTEMPTS=1000000 DINSIGHT_RATE_LIMIT_REGISTER_PER_HOUR=1000000 \
    DINSIGHT_RATE_LIMIT_FORGOT_PASSWORD_PER_HOUR=1000000 \
    java ${JAVA_OPTS:-} -jar "$WORK/dinsight.jar" >"$WORK/app.log" 2>&1 &
APP_PID=$!

BASE=http://127.0.0.1:$PORT
deadline=$((SECONDS + STARTUP_TIMEOUT))
until curl -sf --max-time 5 "$BASE/actuator/health" 2>/dev/null \
        | python3 -c 'import json, sys; sys.exit(json.load(sys.stdin).get("status") != "UP")' 2>/dev/null; do
    kill -0 "$APP_PID" 2>/dev/null || { echo "the application stopped during startup" >&2; exit 1; }
    [ "$SECONDS" -lt "$deadline" ] || { echo "no UP health within ${STARTUP_TIMEOUT}s" >&2; exit 1; }
    sleep 1
done

mapfile -t USER_LINES < <(python3 "$WORK/bench.py" setup "$PORT" "$PASSWORD")
[ "${#USER_LINES[@]}" -eq 2 ] || { echo "user setup failed" >&2; exit 1; }
EMAIL=${USER_LINES[0]}
TOKEN=${USER_LINES[1]}

if command -v wrk >/dev/null 2>&1; then
    GENERATOR="$({ wrk --version 2>&1 || true; } | awk 'NR == 1 {print $1, $2}')"  # it exits 1 after the version
else
    GENERATOR="python3 stdlib"
fi
echo "# $(nproc) cores, $(java -version 2>&1 | head -1), load generator: $GENERATOR, load average before: $LOAD_BEFORE, $(date -u +%Y-%m-%dT%H:%MZ)"

# wrk reports through done(): exact microseconds, not the rounded text of --latency.
cat > "$WORK/profile.lua" <<LUA
wrk.method = "GET"
wrk.headers["Authorization"] = "Bearer $TOKEN"
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("WRK %.0f %.0f %.0f %.0f %.0f %.0f %.0f %.0f %.0f %.0f\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), latency.max,
    e.connect, e.read, e.write, e.status, e.timeout))
end
LUA

profile_wrk() {  # connections seconds report|quiet
    local threads=$(( $1 < 2 ? $1 : 2 ))
    local cmd=(wrk -t"$threads" -c"$1" -d"$2"s --timeout 10s --latency -s "$WORK/profile.lua" "$BASE/api/v1/users/profile")
    local out
    out=$(timeout $(( $2 + 60 )) "${cmd[@]}")
    [ "$3" = report ] || return 0
    echo "$out" | awk -v c="$1" -v cmd="wrk -t$threads -c$1 -d${2}s --timeout 10s --latency -s <Authorization header script>" '
        /^WRK / { secs = $3 / 1e6; non2xx = $10; errs = $7 + $8 + $9 + $11
                  printf "profile GET /api/v1/users/profile  c=%d  %.1fs  requests=%d  rps=%.1f  median=%.2fms  p99=%.2fms  max=%.2fms  errors=%d  non2xx=%d  (%s)\n",
                         c, secs, $2, $2 / secs, $4 / 1000, $5 / 1000, $6 / 1000, errs, non2xx, cmd }'
}

profile_load() {
    if command -v wrk >/dev/null 2>&1; then
        profile_wrk "$@"
    else
        timeout $(( $2 + 60 )) python3 "$WORK/bench.py" load "$PORT" "$TOKEN" "$1" "$2" "$3"
    fi
    kill -0 "$APP_PID" 2>/dev/null || { echo "the application stopped during the measurement" >&2; exit 1; }
}

profile_load 4 "$WARMUP" quiet   # JIT and connection pool warm-up, not reported
for c in $CONNECTIONS; do
    profile_load "$c" "$DURATION" report
done
timeout $(( LOGINS * 10 + 60 )) python3 "$WORK/bench.py" logins "$PORT" "$EMAIL" "$PASSWORD" "$LOGINS"
