#!/usr/bin/env bash
# fp32 against bf16 variants (full-size stand-ins), same run, alternating cases: images/s of both
# models per image at batch 8, centred cosine on the parity images, recall@10 on clothing10 photos.
# Usage: tools/bench/precision-bench.sh [ROUNDS] [PHOTOS]   (from the repository root)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROUNDS=${1:-10}
PHOTOS=${2:-500}
MODELS=${IMAGESEARCH_FULL_STANDINS:-$HOME/.cache/imagesearch/models/standin-full}
[ -f "$MODELS/clip/model-bf16.pt" ] || /usr/bin/python3 tools/models/export_standins.py --size full --out "$MODELS"
./mvnw -q -B -f embedding/pom.xml test-compile
./mvnw -q -B -f embedding/pom.xml dependency:build-classpath -Dmdep.outputFile="$PWD/embedding/target/bench.classpath" >/dev/null
lscpu | grep "Model name"
echo "bf16 flags: $(grep -o -w -E 'avx512_bf16|amx_bf16' /proc/cpuinfo | sort -u | tr '\n' ' ')"
uptime
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
exec "$JAVA" -Xmx3g -Dai.djl.offline=true \
  -cp "embedding/target/test-classes:embedding/target/classes:$(cat embedding/target/bench.classpath)" \
  dev.imagesearch.embedding.precision.PrecisionBenchmark "$MODELS" \
  embedding/src/test/resources/parity/images ../shared/data/clothing10/images "$PHOTOS" "$ROUNDS"
