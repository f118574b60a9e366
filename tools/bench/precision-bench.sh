#!/usr/bin/env bash
# fp32 against bf16 variants (full-size stand-ins), same run, alternating cases: images/s of both
# models per image at batch 8, centred cosine on the parity images, recall@10 on clothing10 photos.
# Usage: tools/bench/precision-bench.sh [ROUNDS] [PHOTOS]   (from the repository root)
#   tools/bench/precision-bench.sh --threads [ROUNDS] [BATCHES]: 1 predictor x 2 intra-op threads
#   against 2 predictors x 1 thread, fp32 and bf16, both models per image, batch 8. Each case is its
#   own JVM (libtorch's thread count is process-wide); the four cases run in turns, ROUNDS times,
#   with the same 2*BATCHES batches each (ThreadsBenchmark).
set -euo pipefail
cd "$(dirname "$0")/../.."
THREADS=false
ROUNDS=${1:-10}
PHOTOS=${2:-500}
if [ "${1:-}" = --threads ]; then
  THREADS=true
  ROUNDS=${2:-3}
  BATCHES=${3:-4}
fi
MODELS=${IMAGESEARCH_FULL_STANDINS:-$HOME/.cache/imagesearch/models/standin-full}
[ -f "$MODELS/clip/model-bf16.pt" ] || /usr/bin/python3 tools/models/export_standins.py --size full --out "$MODELS"
./mvnw -q -B -f embedding/pom.xml test-compile
./mvnw -q -B -f embedding/pom.xml dependency:build-classpath -Dmdep.outputFile="$PWD/embedding/target/bench.classpath" >/dev/null
lscpu | grep "Model name"
echo "bf16 flags: $(grep -o -w -E 'avx512_bf16|amx_bf16' /proc/cpuinfo | sort -u | tr '\n' ' ')"
uptime
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
CP="embedding/target/test-classes:embedding/target/classes:$(cat embedding/target/bench.classpath)"
if $THREADS; then
  for round in $(seq "$ROUNDS"); do
    for precision in fp32 bf16; do
      for the_case in "1 2 $((2 * BATCHES))" "2 1 $BATCHES"; do # callers, threads, batches per caller
        read -r callers threads batches <<<"$the_case"
        "$JAVA" -Xmx3g -Dai.djl.offline=true -Dai.djl.pytorch.num_threads="$threads" -cp "$CP" \
          dev.imagesearch.embedding.precision.ThreadsBenchmark "$MODELS" \
          embedding/src/test/resources/parity/images "$precision" "$callers" "$batches" 2>/dev/null \
          | sed "s/^/round $round: /"
      done
    done
  done
  uptime
  exit 0
fi
# One caller on every core, as measured before the default became 2 predictors x 1 thread.
exec "$JAVA" -Xmx3g -Dai.djl.offline=true -Dai.djl.pytorch.num_threads="$(nproc)" -cp "$CP" \
  dev.imagesearch.embedding.precision.PrecisionBenchmark "$MODELS" \
  embedding/src/test/resources/parity/images ../shared/data/clothing10/images "$PHOTOS" "$ROUNDS"
