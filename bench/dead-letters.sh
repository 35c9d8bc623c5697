#!/usr/bin/env bash
# Dead-letter queue overhead (not a test). For each mode, starts the packaged application with its own
# embedded PostgreSQL, with the read model's dead-letter queue on (DINSIGHT_DEAD_LETTER_PROCESSORS=
# read-model) or off (empty), writes EVENTS DatasetCreated events straight into the event store (copies
# of one created over HTTP, in one transaction) and times the read model from that commit until every
# dataset row is there. Prints events per second per run (stderr) and the median per mode.
# Usage: bench/dead-letters.sh    Environment: EVENTS (20000), RUNS (3), JAVA_OPTS.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/app-lib.sh
EVENTS=${EVENTS:-20000}
RUNS=${RUNS:-3}

run() {
    export DINSIGHT_DEAD_LETTER_PROCESSORS=$1
    start_app
    local token auth db dataset count start end
    token=$(sign_up root@example.com)
    auth="Authorization: Bearer $token"
    db=$(grep -o 'embedded PostgreSQL 17 on port [0-9]*' "$WORK/app.log" | head -1 | grep -o '[0-9]*$')
    dataset=$(curl -fs -X POST "$BASE/api/v1/datasets" -H "$auth" -H 'Content-Type: application/json' \
        -d '{"name": "template"}' | python3 -c 'import json, sys; print(json.load(sys.stdin)["id"])')
    sql() { psql -qtA -h 127.0.0.1 -p "$db" -U postgres -d dinsight -c "$1"; }
    for _ in $(seq 1 100); do [ "$(sql "SELECT count(*) FROM datasets")" = 1 ] && break; sleep 0.1; done
    start=$(date +%s.%N)
    sql "INSERT INTO axon.domain_event_entry (aggregateIdentifier, sequenceNumber, type, eventIdentifier, metaData,
             payload, payloadRevision, payloadType, timeStamp)
         SELECT id::text, 0, e.type, gen_random_uuid()::text, e.metaData,
             convert_to(replace(convert_from(e.payload, 'UTF8'), '$dataset', id::text), 'UTF8'),
             e.payloadRevision, e.payloadType, e.timeStamp
         FROM axon.domain_event_entry e, (SELECT gen_random_uuid() AS id FROM generate_series(1, $EVENTS)) ids
         WHERE e.aggregateIdentifier = '$dataset' AND e.sequenceNumber = 0"
    for _ in $(seq 1 6000); do
        count=$(sql "SELECT count(*) FROM datasets")
        [ "$count" -ge $((EVENTS + 1)) ] && break
        sleep 0.05
    done
    end=$(date +%s.%N)
    stop_app
    python3 -c "print(round($EVENTS / ($end - $start)))"
}

(flock /tmp/dinsight-mvn.lock ./mvnw -q -B -o -DskipTests package -pl app -am >&2)   # one build for every run
export BENCH_REBUILD=0
echo "# $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1), $EVENTS events"
for mode in read-model ""; do
    RATES=$(for _ in $(seq 1 "$RUNS"); do r=$(run "$mode"); echo "dead letters ${mode:-off}: $r events/s" >&2; echo "$r"; done)
    echo "read model with dead-letter queue ${mode:-off}: median $(echo "$RATES" | median) events/s over $RUNS runs"
done
