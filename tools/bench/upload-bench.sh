#!/usr/bin/env bash
# Upload throughput and latency against the running local stack (./imagesearch up first).
# Usage: [WARMUP=uploads] tools/bench/upload-bench.sh [count per run] [concurrency...]
#        (default: WARMUP=2000, 1000 1 16)
set -euo pipefail
cd "$(dirname "$0")/../.."
count="${1:-1000}"; shift || true
concurrency=("${@:-1 16}")
var="${IMAGESEARCH_VAR:-var}"
[ -f "$var/api-key" ] || { echo "no $var/api-key: run ./imagesearch up first" >&2; exit 1; }
. .mvn/jdk.sh
./mvnw -B -q -pl cli test-compile -o >&2
cp=$(./mvnw -B -q -pl cli dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=test -o)
exec "$JAVA_HOME/bin/java" -Dwarmup="${WARMUP:-2000}" -cp "cli/target/test-classes:cli/target/classes:$cp" \
  dev.imagesearch.cli.bench.UploadBenchmark http://127.0.0.1:8081 "$var/api-key" "$count" ${concurrency[@]}
