#!/usr/bin/env bash
# Audit benchmark (not a test). Starts a command node (which owns the embedded PostgreSQL) and a
# query node on the same database, then prints medians of RUNS runs of:
#  (b) event-store appends per second from 1, 4 and 16 concurrent clients, each a user of its own
#      sending POST /api/v1/datasets (one CreateDataset -> one DatasetCreated) for DURATION seconds
#      with wrk, counted in axon.domain_event_entry; projections run on the query node meanwhile;
#  (c) PostgreSQL's own single-row INSERT rate on the same server with pgbench (same client counts);
#  (a) the audit projection's rate over the whole store after EVENTS synthetic LoginFailed events
#      (the stored JSON of the real event and its request metadata) were inserted by SQL: per run the
#      query node is stopped, the audit processor's tokens deleted and audit_logs emptied, the node
#      started again; the rate is all events / time from the first audit row to the last (start-up
#      of the node excluded; the first pass, when the read model also meets the new events, apart).
# Usage: bench/audit.sh   Environment: EVENTS (1000000), RUNS (3), DURATION (10), CLIENTS ("1 4 16").
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/app-lib.sh
EVENTS=${EVENTS:-1000000}
RUNS=${RUNS:-3}
DURATION=${DURATION:-10}
CLIENTS=${CLIENTS:-"1 4 16"}
command -v psql >/dev/null && command -v pgbench >/dev/null || apt-get install -y -q postgresql-client >/dev/null
command -v wrk >/dev/null || apt-get install -y -q wrk >/dev/null

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

DB_PORT=$(free_port)
DINSIGHT_ROLES=command DINSIGHT_EMBEDDED_DB_PORT=$DB_PORT start_app
PSQL="psql -qtA -h 127.0.0.1 -p $DB_PORT -U postgres -d dinsight -v ON_ERROR_STOP=1"
QUERY_PID=

start_query_node() {
    QUERY_PORT=$(free_port)
    DINSIGHT_ROLES=query DINSIGHT_DB_URL=jdbc:postgresql://127.0.0.1:$DB_PORT/dinsight DINSIGHT_DB_USER=postgres \
        DINSIGHT_DATA_DIR=$WORK/data SERVER_PORT=$QUERY_PORT SERVER_ADDRESS=127.0.0.1 \
        java ${JAVA_OPTS:-} -jar "$WORK/dinsight.jar" >> "$WORK/query.log" 2>&1 &
    QUERY_PID=$!
    for _ in $(seq 1 240); do
        curl -fs "http://127.0.0.1:$QUERY_PORT/actuator/health" 2>/dev/null | grep -q '"status":"UP"' && return 0
        kill -0 "$QUERY_PID" 2>/dev/null || { tail -n 40 "$WORK/query.log" >&2; return 1; }
        sleep 0.5
    done
    return 1
}

stop_query_node() {
    if [ -n "$QUERY_PID" ] && kill -0 "$QUERY_PID" 2>/dev/null; then
        kill -TERM "$QUERY_PID" 2>/dev/null || true
        wait "$QUERY_PID" 2>/dev/null || true
    fi
    QUERY_PID=
}
trap 'stop_query_node; stop_app' EXIT

start_query_node
events() { $PSQL -c "SELECT count(*) FROM axon.domain_event_entry"; }
echo "# $(nproc) cores, uptime: $(uptime)"
echo "# PostgreSQL $($PSQL -c 'SHOW server_version'), fsync=$($PSQL -c 'SHOW fsync'), synchronous_commit=$($PSQL -c 'SHOW synchronous_commit')"

# (b) appends through the API
TOKENS=$WORK/tokens.txt
for i in $(seq 1 16); do sign_up "client$i-$RANDOM@example.com"; done > "$TOKENS"
cat > "$WORK/datasets.lua" <<'LUA'
local tokens = {}
for line in io.lines(os.getenv("TOKENS")) do tokens[#tokens + 1] = line end
local next_token = 0
function setup(thread)
    next_token = next_token + 1
    thread:set("token", tokens[next_token])
end
function request()
    return wrk.format("POST", "/api/v1/datasets",
        {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token},
        '{"name": "bench", "description": "a dataset made by the audit bench"}')
end
LUA
# warm-up (JIT, connection pools): not counted
TOKENS=$TOKENS wrk -t 4 -c 4 -d "${DURATION}s" -s "$WORK/datasets.lua" "$BASE" > /dev/null
for clients in $CLIENTS; do
    rates=()
    for _ in $(seq 1 "$RUNS"); do
        before=$(events)
        TOKENS=$TOKENS wrk -t "$clients" -c "$clients" -d "${DURATION}s" -s "$WORK/datasets.lua" "$BASE" > "$WORK/wrk.txt"
        after=$(events)
        rates+=("$(( (after - before) / DURATION ))")
    done
    echo "(b) event-store appends via POST /datasets, $clients clients: median $(printf '%s\n' "${rates[@]}" | median) events/s (runs: ${rates[*]})"
done

# (c) PostgreSQL's own single-row inserts on the same server
$PSQL -c "CREATE DATABASE pgbench" >/dev/null
psql -qtA -h 127.0.0.1 -p "$DB_PORT" -U postgres -d pgbench -c "CREATE TABLE single_row (id BIGSERIAL PRIMARY KEY, payload TEXT NOT NULL)"
echo "INSERT INTO single_row (payload) VALUES (repeat('x', 300));" > "$WORK/insert.sql"
for clients in $CLIENTS; do
    rates=()
    for _ in $(seq 1 "$RUNS"); do
        rates+=("$(pgbench -n -f "$WORK/insert.sql" -c "$clients" -j "$clients" -T "$DURATION" -h 127.0.0.1 -p "$DB_PORT" \
            -U postgres pgbench 2>/dev/null | awk '/^tps/ {printf "%d", $3}')")
    done
    echo "(c) pgbench single-row INSERT (one per transaction), $clients clients: median $(printf '%s\n' "${rates[@]}" | median) rows/s (runs: ${rates[*]})"
done

# (a) the audit projection over the whole store
stop_query_node
$PSQL <<SQL
INSERT INTO axon.domain_event_entry (aggregateIdentifier, sequenceNumber, type, eventIdentifier, metaData, payload,
                                     payloadRevision, payloadType, timeStamp)
SELECT u.id, g / 10000, 'User', md5('audit-bench-' || g)::uuid::text,
       convert_to(json_build_object('traceId', md5('t' || g)::uuid, 'correlationId', md5('c' || g)::uuid,
                  'ipAddress', '10.1.' || (g % 250) || '.' || (g % 199),
                  'userAgent', 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0')::text, 'UTF8'),
       convert_to(json_build_object('userId', u.id, 'consecutiveFailures', 1 + g % 9, 'lockedUntil', null,
                  'failedAt', to_char(t, 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))::text, 'UTF8'),
       '1', 'com.dinsight.api.identity.LoginFailed', to_char(t, 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
FROM generate_series(0, $EVENTS - 1) g,
     LATERAL (SELECT md5('audit-bench-user-' || (g % 10000))::uuid AS id,
                     timestamp '2026-11-01 00:00:00' + g * interval '1 millisecond' AS t) u;
SQL
TOTAL=$(events)
echo "# before (a): $(uptime)"
rates=()
for run in $(seq 0 "$RUNS"); do
    $PSQL -c "DELETE FROM axon.token_entry WHERE processorname = 'audit'; TRUNCATE audit_logs;"
    start_query_node
    # the first row: a cheap probe; then count(*) (a scan of the growing table) seldom until near the end
    first= last=
    for _ in $(seq 1 6000); do
        [ "$($PSQL -c "SELECT EXISTS (SELECT 1 FROM audit_logs)")" = t ] && first=$(date +%s.%N) && break
        sleep 0.1
    done
    while [ -n "$first" ]; do
        rows=$($PSQL -c "SELECT count(*) FROM audit_logs")
        now=$(date +%s.%N)
        [ "$rows" -ge "$TOTAL" ] && last=$now && break
        python3 -c "import sys; sys.exit(0 if $now - $first < 1800 else 1)" || break
        python3 -c "import time; e = $now - $first; left = ($TOTAL - $rows) * e / max($rows, 1); time.sleep(min(3.0, max(0.1, left / 2)))"
    done
    stop_query_node
    [ -n "$last" ] || { echo "# the audit projection did not reach $TOTAL rows" >&2; exit 1; }
    rate=$(python3 -c "print(int($TOTAL / ($last - $first)))")
    if [ "$run" = 0 ]; then # the first pass also brings the read model over the new events
        echo "(a) first pass (read model catching up beside it): $rate events/s"
    else
        rates+=("$rate")
    fi
done
echo "(a) audit projection over $TOTAL events ($EVENTS synthetic LoginFailed): median $(printf '%s\n' "${rates[@]}" | median) events/s (runs: ${rates[*]})"
echo "# uptime after: $(uptime)"
