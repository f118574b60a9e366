#!/usr/bin/env bash
# Embed-worker benchmark: end-to-end throughput (events published -> searchable) next to the
# embedding library's bare throughput on the same images, latency at low load, 1, 2 and 3 worker
# processes. Real Kafka, S3 store and Elasticsearch as child processes; workers as separate JVMs.
# Usage: tools/bench/worker-bench.sh [IMAGES_PER_RUN] [LATENCY_SAMPLES] [property=value...]
#        (from the repository root; the settings go to every worker process)
#   tools/bench/worker-bench.sh --cases IMAGES_PER_TURN ROUNDS NAME:SETTING,... NAME:...
#        named cases of worker settings end to end in turns (WorkerCasesBenchmark), e.g.
#        fp32:imagesearch.models.precision=fp32 auto:imagesearch.models.precision=auto
set -euo pipefail
cd "$(dirname "$0")/../.."
MAIN=WorkerBenchmark
if [ "${1:-}" = --cases ]; then
  MAIN=WorkerCasesBenchmark
  shift
fi
PER_RUN=${1:-120}
SAMPLES=${2:-20}
MODELS=${IMAGESEARCH_FULL_STANDINS:-$HOME/.cache/imagesearch/models/standin-full}
IMAGES=${IMAGESEARCH_BENCH_IMAGES:-../shared/data/clothing10/images}
if [ ! -d "$IMAGES" ]; then echo "SKIPPED: no images at $IMAGES"; exit 0; fi
if [ ! -f "$MODELS/clip/model-bf16.pt" ]; then
  echo "No full-size stand-ins in $MODELS (generate: /usr/bin/python3 tools/models/export_standins.py --size full --out $MODELS); using the tiny ones."
  MODELS=models/standin
fi
MODELS=$(realpath "$MODELS")
# The reactor (-am): the sibling modules' classes of this checkout, not jars in ~/.m2.
./mvnw -q -B -o -pl embed-worker -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench.classpath >/dev/null
. .mvn/jdk.sh 2>/dev/null || true
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
cd embed-worker
# The bare library runs one caller, so on every core; the workers are JVMs with their own defaults.
exec "$JAVA" -Xmx2g -Dai.djl.offline=true -Dai.djl.pytorch.num_threads="$(nproc)" -Dimagesearch.repo.dir="$PWD/.." \
  -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  "dev.imagesearch.embedworker.bench.$MAIN" "$MODELS" "$(cd .. && realpath "$IMAGES")" "$PER_RUN" "$SAMPLES" "${@:3}"
