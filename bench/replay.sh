#!/usr/bin/env bash
# Replay benchmark (not a test). Starts the packaged application on loopback with its own embedded
# PostgreSQL, fills the event store through the API (a baseline of ../shared/data/test-baseline.csv,
# DATASETS dataset creations, BATCHES monitoring batches of 1,000 CSV rows), then replays the read
# model RUNS times with POST /admin/replay and prints, per run and as the median, the events replayed
# per second from the POST to state completed (shadow build and switch included) and the rows in the
# read model; each run's line (stderr) also shows how long the live processor was paused for the switch.
# Usage: bench/replay.sh    Environment: DATASETS (2000), BATCHES (20), RUNS (3), JAVA_OPTS.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/app-lib.sh
DATA=${DINSIGHT_DATA:-$(pwd)/../shared/data}
DATASETS=${DATASETS:-2000}
BATCHES=${BATCHES:-20}
RUNS=${RUNS:-3}

start_app
TOKEN=$(sign_up root@example.com)   # the first user is the super_admin
AUTH="Authorization: Bearer $TOKEN"
baseline_of_test_data "$TOKEN"
python3 - "$DATA/test-monitoring.csv" "$WORK/batch.csv" <<'PY'
import sys
lines = open(sys.argv[1]).read().splitlines()
with open(sys.argv[2], "w") as out:
    out.write(lines[0] + "\n")
    for i in range(1000):
        out.write(lines[1 + i % (len(lines) - 1)] + "\n")
PY
for _ in $(seq 1 "$BATCHES"); do
    curl -fs -o /dev/null -X POST "$BASE/api/v1/monitor/$DINSIGHT" -H "$AUTH" -F "file=@$WORK/batch.csv"
done
seq 1 "$DATASETS" | xargs -P 8 -I{} curl -fs -o /dev/null -X POST "$BASE/api/v1/datasets" -H "$AUTH" \
    -H 'Content-Type: application/json' -d '{"name": "bench {}"}'

lag() {
    curl -fs "$BASE/api/v1/admin/processors" -H "$AUTH" | python3 -c '
import json, sys
p = [p for p in json.load(sys.stdin)["items"] if p["name"] == "read-model"][0]
print(p["lag"] if p["lag"] is not None else -1, p["head"])'
}
for _ in $(seq 1 600); do read -r LAG HEAD < <(lag); [ "$LAG" = 0 ] && break; sleep 0.2; done
echo "# $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1); store head $HEAD"

RATES=$(for run in $(seq 1 "$RUNS"); do
    curl -fs -o /dev/null -X POST "$BASE/api/v1/admin/replay" -H "$AUTH" -H 'Content-Type: application/json' \
        -d '{"processor": "read-model"}'
    for _ in $(seq 1 6000); do
        STATE=$(curl -fs "$BASE/api/v1/admin/replay/read-model" -H "$AUTH")
        echo "$STATE" | grep -q '"state":"\(completed\|failed\)"' && break
        sleep 0.1
    done
    echo "$STATE" | python3 -c '
import json, sys
from datetime import datetime
s = json.load(sys.stdin)
if s["state"] != "completed":
    sys.exit("replay failed: %s" % s["error"])
t = lambda v: datetime.fromisoformat(v.replace("Z", "+00:00"))
seconds = (t(s["finished_at"]) - t(s["started_at"])).total_seconds()
print("%.0f" % (s["events_done"] / seconds))
print("run %s: %d events in %.2f s, %.0f events/s, %d rows changed, live processor paused %d ms" % (sys.argv[1],
      s["events_done"], seconds, s["events_done"] / seconds, s["rows_changed"], s["live_paused_millis"]), file=sys.stderr)' "$run"
done)
ROWS=$(curl -fs "$BASE/api/v1/monitor/$DINSIGHT?size=1" -H "$AUTH" | python3 -c 'import json, sys; print(json.load(sys.stdin)["total"])')
echo "read-model replay, $HEAD events ($DATASETS datasets, $BATCHES x 1000 monitoring rows = $ROWS points, one 1024-feature baseline): median $(echo "$RATES" | median) events/s (runs=$RUNS)"
