#!/usr/bin/env bash
# Dashboard benchmark (not a test). Starts the packaged application (embedded PostgreSQL), makes a
# baseline of ../shared/data/test-baseline.csv, posts 219 monitoring rows through the API, then
# loads the database directly with POINTS synthetic monitoring points and ANOMALIES anomalies for
# that baseline (generate_series; one-element value arrays, the dashboard never reads them), and
# prints the median and p99 latency of GET /api/v1/dashboard/summary over RUNS requests.
# Usage: bench/dashboard.sh   Environment: POINTS (1000000), ANOMALIES (100000), RUNS (50).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/app-lib.sh
DATA=${DINSIGHT_DATA:-$(pwd)/../shared/data}
POINTS=${POINTS:-1000000}
ANOMALIES=${ANOMALIES:-100000}
RUNS=${RUNS:-50}
command -v psql >/dev/null || apt-get install -y -q postgresql-client >/dev/null

start_app
TOKEN=$(sign_up bench@example.com)
AUTH="Authorization: Bearer $TOKEN"
ACCEPTED=$(curl -fs -X POST "$BASE/api/v1/analyze" -H "$AUTH" -F "files=@$DATA/test-baseline.csv")
ANALYSIS=$(echo "$ACCEPTED" | python3 -c 'import json, sys; print(json.load(sys.stdin)["analysis_id"])')
for _ in $(seq 1 600); do
    DINSIGHT=$(curl -fs "$BASE/api/v1/analyses/$ANALYSIS" -H "$AUTH" 2>/dev/null \
        | python3 -c 'import json, sys; print(json.load(sys.stdin).get("dinsight_id") or "")' 2>/dev/null || true)
    [ -n "$DINSIGHT" ] && [ "$(curl -s -o /dev/null -w '%{http_code}' -X POST "$BASE/api/v1/monitor/$DINSIGHT" \
        -H "$AUTH" -F "file=@$DATA/test-monitoring.csv")" = 200 ] && break
    sleep 0.2
done
DB_PORT=$(grep -o 'embedded PostgreSQL 17 on port [0-9]*' "$WORK/app.log" | head -1 | awk '{print $NF}')
PSQL="psql -q -h 127.0.0.1 -p $DB_PORT -U postgres -d dinsight -v ON_ERROR_STOP=1"
$PSQL <<SQL
INSERT INTO monitor_data (id, dinsight_id, monitor_values, x_values, y_values, metadata, process_order, created_at)
SELECT gen_random_uuid(), '$DINSIGHT', ARRAY[0.0], ARRAY[random()], ARRAY[random()], '{}', 1000 + g, now()
FROM generate_series(1, $POINTS) g;
UPDATE monitoring_counts SET points = points + $POINTS WHERE dinsight_id = '$DINSIGHT';
INSERT INTO anomalies (id, analysis_id, dataset_id, timestamp, severity, distance, threshold, features, metadata, created_at)
SELECT gen_random_uuid(), a.id, a.dataset_id, now() - (g % 20160) * interval '1 minute',
       (ARRAY['low','medium','high','critical'])[1 + g % 4], 5, 3.5, '[]', '{}', now()
FROM analyses a, generate_series(1, $ANOMALIES) g WHERE a.id = '$ANALYSIS';
ANALYZE;
SQL
for _ in $(seq 1 10); do curl -fs -o /dev/null "$BASE/api/v1/dashboard/summary" -H "$AUTH"; done   # warm-up
TIMES=$(for _ in $(seq 1 "$RUNS"); do curl -fs -o /dev/null -w '%{time_total}\n' "$BASE/api/v1/dashboard/summary" -H "$AUTH"; done)
echo "# $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $POINTS extra points, $ANOMALIES anomalies"
echo "$TIMES" | python3 -c '
import sys
t = sorted(float(x) * 1000 for x in sys.stdin if x.strip())
print("GET /dashboard/summary: median %.1f ms, p99 %.1f ms (n=%d)" % (t[len(t) // 2], t[min(len(t) - 1, int(len(t) * 0.99))], len(t)))'
