#!/usr/bin/env bash
# 1 predictor x 2 intra-op threads against 2 predictors x 1 thread, fp32 and bf16 variants of the
# full-size stand-ins, both models per image, batch 8. Each case is its own JVM (libtorch's thread
# count is process-wide); the four cases run in turns, ROUNDS times, with the same work each.
# Usage: tools/bench/threads-bench.sh [ROUNDS] [BATCHES]   (from the repository root)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROUNDS=${1:-3}
BATCHES=${2:-4}
MODELS=${IMAGESEARCH_FULL_STANDINS:-$HOME/.cache/imagesearch/models/standin-full}
[ -f "$MODELS/clip/model-bf16.pt" ] || /usr/bin/python3 tools/models/export_standins.py --size full --out "$MODELS"
./mvnw -q -B -f embedding/pom.xml test-compile
./mvnw -q -B -f embedding/pom.xml dependency:build-classpath -Dmdep.outputFile="$PWD/embedding/target/bench.classpath" >/dev/null
lscpu | grep "Model name"
echo "bf16 flags: $(grep -o -w -E 'avx512_bf16|amx_bf16' /proc/cpuinfo | sort -u | tr '\n' ' ')"
uptime
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
for round in $(seq "$ROUNDS"); do
  for precision in fp32 bf16; do
    # callers, intra-op threads, batches per caller: the same 2*BATCHES batches in every case
    for the_case in "1 2 $((2 * BATCHES))" "2 1 $BATCHES"; do
      read -r callers threads batches <<<"$the_case"
      "$JAVA" -Xmx3g -Dai.djl.offline=true -Dai.djl.pytorch.num_threads="$threads" \
        -cp "embedding/target/test-classes:embedding/target/classes:$(cat embedding/target/bench.classpath)" \
        dev.imagesearch.embedding.precision.ThreadsBenchmark "$MODELS" \
        embedding/src/test/resources/parity/images "$precision" "$callers" "$batches" 2>/dev/null \
        | sed "s/^/round $round: /"
    done
  done
done
uptime
