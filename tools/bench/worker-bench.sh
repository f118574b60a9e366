#!/usr/bin/env bash
# Embed-worker benchmark: end-to-end throughput (events published -> searchable) next to the
# embedding library's bare throughput on the same images, latency at low load, 1, 2 and 3 worker
# processes. Real Kafka, S3 store and Elasticsearch as child processes; workers as separate JVMs.
# Usage: tools/bench/worker-bench.sh [IMAGES_PER_RUN] [LATENCY_SAMPLES] [property=value...]
#        (from the repository root; the settings go to every worker process)
set -euo pipefail
cd "$(dirname "$0")/../.."
PER_RUN=${1:-120}
SAMPLES=${2:-20}
MODELS=${IMAGESEARCH_FULL_STANDINS:-$HOME/.cache/imagesearch/models/standin-full}
IMAGES=${IMAGESEARCH_BENCH_IMAGES:-../shared/data/clothing10/images}
if [ ! -d "$IMAGES" ]; then echo "SKIPPED: no images at $IMAGES"; exit 0; fi
if [ ! -f "$MODELS/clip/model.pt" ]; then
  echo "No full-size stand-ins in $MODELS (generate: /usr/bin/python3 tools/models/export_standins.py --size full --out $MODELS); using the tiny ones."
  MODELS=models/standin
fi
MODELS=$(realpath "$MODELS")
./mvnw -q -B -o -pl embed-worker test-compile
./mvnw -q -B -o -pl embed-worker dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$PWD/embed-worker/target/bench.classpath" >/dev/null
. .mvn/jdk.sh 2>/dev/null || true
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
cd embed-worker
exec "$JAVA" -Xmx2g -Dai.djl.offline=true -Dimagesearch.repo.dir="$PWD/.." \
  -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  dev.imagesearch.embedworker.bench.WorkerBenchmark "$MODELS" "$(cd .. && realpath "$IMAGES")" "$PER_RUN" "$SAMPLES" "${@:3}"
