#!/usr/bin/env bash
# Upload and analysis benchmark (not a test). Starts the packaged application on loopback with its
# own embedded PostgreSQL, then prints one line per measurement, medians of RUNS runs:
#   - POST /analyze to status completed for ../shared/data/test-baseline.csv (219 x 1024);
#   - the same for a 2,000-row file made from the baseline (rows with 1% noise, seeded);
#   - upload ingest: MB/s of the 202 answer for a ~100 MB file (rows of the baseline, noisy).
# Usage: bench/analysis.sh    Environment: RUNS (5), BIG_RUNS (3), JAVA_OPTS.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/app-lib.sh
DATA=${DINSIGHT_DATA:-$(pwd)/../shared/data}
RUNS=${RUNS:-5}
BIG_RUNS=${BIG_RUNS:-3}

start_app
TOKEN=$(sign_up bench@example.com)
AUTH="Authorization: Bearer $TOKEN"

python3 - "$DATA/test-baseline.csv" "$WORK" <<'PY'
import random, sys
src, work = sys.argv[1], sys.argv[2]
lines = open(src).read().splitlines()
header, rows = lines[0], [l.split(",") for l in lines[1:]]
first_feature = header.split(",").index("f_0")
rng = random.Random(7)
def noisy(row):
    return ",".join(row[:first_feature] + ["%.6g" % (float(v) * (1 + rng.gauss(0, 0.01))) for v in row[first_feature:]])
with open(work + "/rows2000.csv", "w") as out:
    out.write(header + "\n")
    for i in range(2000):
        out.write(noisy(rows[i % len(rows)]) + "\n")
with open(work + "/big.csv", "w") as out:
    out.write(header + "\n")
    size, i = 0, 0
    while size < 100 * 1024 * 1024:
        line = noisy(rows[i % len(rows)]) + "\n"
        out.write(line)
        size += len(line)
        i += 1
PY

# seconds from POST to completed; prints "seconds engine_ms" (bench/analysis_run.py)
run_once() {
    python3 bench/analysis_run.py "$BASE" "$TOKEN" "$1"
}

measure() {
    local label=$1 file=$2 runs=$3 results
    run_once "$file" > /dev/null   # warm-up
    results=$(for _ in $(seq 1 "$runs"); do run_once "$file"; done)
    echo "$label: median POST-to-completed $(echo "$results" | cut -d' ' -f1 | median) s, engine $(echo "$results" | cut -d' ' -f2 | median) ms (runs=$runs)"
}

echo "# $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"
measure "baseline 219x1024" "$DATA/test-baseline.csv" "$RUNS"
measure "generated 2000x1024" "$WORK/rows2000.csv" "$BIG_RUNS"

MB=$(python3 -c "import os; print('%.1f' % (os.path.getsize('$WORK/big.csv') / 1048576))")
RATES=$(for _ in $(seq 1 "$BIG_RUNS"); do
    seconds=$(curl -fs -o /dev/null -w '%{time_total}' -X POST "$BASE/api/v1/analyze" -H "$AUTH" -F "files=@$WORK/big.csv")
    python3 -c "print('%.1f' % ($MB / $seconds))"
done)
echo "upload ingest ${MB} MB: median $(echo "$RATES" | median) MB/s to the 202 answer (runs=$BIG_RUNS)"
