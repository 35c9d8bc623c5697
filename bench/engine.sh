#!/usr/bin/env bash
# Engine benchmarks: builds the engine (and its test classes, where the benchmark lives) under
# the shared Maven lock, then prints one line per size: rows, features, method, iterations,
# median milliseconds, peak heap MB. Usage: bench/engine.sh [small|medium|monitor|single|trust|large]...
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
DATA=${DINSIGHT_DATA:-$ROOT/../shared/data}
CASES=("$@")
[ ${#CASES[@]} -eq 0 ] && CASES=(small medium monitor trust large)
CP_FILE=$ROOT/engine/target/bench-classpath.txt
flock /tmp/dinsight-mvn.lock ./mvnw -q -B -o -pl engine test-compile dependency:build-classpath \
    -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=test >/dev/null
CP=$ROOT/engine/target/classes:$ROOT/engine/target/test-classes:$(cat "$CP_FILE")
echo "# $(nproc) cores, $(java -version 2>&1 | head -1), $(date -u +%Y-%m-%dT%H:%MZ)"
for c in "${CASES[@]}"; do
    if [ "$c" = large ]; then
        java -Xmx2g -cp "$CP" com.dinsight.engine.bench.EngineBench "$DATA" large
    else
        java -Xmx4g -cp "$CP" com.dinsight.engine.bench.EngineBench "$DATA" "$c"
    fi
done
