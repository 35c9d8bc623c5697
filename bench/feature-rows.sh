#!/usr/bin/env bash
# Reading one-row JSON monitoring posts (1,024 named features) when clients of 1, 2 or 4 baselines
# with different feature names post in turn: median microseconds per post (FeatureRowsBench, in the
# command side's test classes). Usage: bench/feature-rows.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
CP_FILE=$ROOT/command-side/target/bench-classpath.txt
flock /tmp/dinsight-mvn.lock ./mvnw -q -B -o -pl command-side -am install -DskipTests >/dev/null
flock /tmp/dinsight-mvn.lock ./mvnw -q -B -pl command-side test-compile dependency:build-classpath \
    -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=test >/dev/null
echo "# $(nproc) cores, $(java -version 2>&1 | head -1), $(date -u +%Y-%m-%dT%H:%MZ)"
java -cp "$ROOT/command-side/target/classes:$ROOT/command-side/target/test-classes:$(cat "$CP_FILE")" \
    com.dinsight.command.monitoring.FeatureRowsBench
