#!/usr/bin/env bash
# Text-query encoding, CLIP's text tower vs the multilingual encoder, on full-size stand-ins in one
# run (p50/p99, language detection, memory each adds). Needs python3-torch for the export.
# Usage: tools/bench/text-model-bench.sh [ROUNDS] [--precision]   (from the repository root)
#   --precision: both encoders in fp32 against bf16, interleaved, with the centred cosine.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROUNDS=${1:-50}
lscpu | grep "Model name"
uptime
MODELS=${IMAGESEARCH_FULL_STANDINS:-$HOME/.cache/imagesearch/models/standin-full}
VOCAB=${IMAGESEARCH_CLIP_VOCAB:-../shared/models/clip/bpe_simple_vocab_16e6.txt.gz}
[ -f "$MODELS/multilingual/model-bf16.pt" ] || /usr/bin/python3 tools/models/export_standins.py --size full --out "$MODELS"
# The reactor's embedding classes go first: ~/.m2 may hold an older SNAPSHOT of it.
./mvnw -q -B -pl search-api -am test-compile -DskipTests
./mvnw -q -B -pl search-api dependency:build-classpath -Dmdep.outputFile="$PWD/search-api/target/bench.classpath" >/dev/null
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
# One caller on every core, as measured (the default shares the cores between 2 predictors).
exec "$JAVA" -Xmx1g -Dai.djl.offline=true -Dai.djl.pytorch.num_threads="$(nproc)" -Dimagesearch.clip.vocab="$VOCAB" \
  -cp "search-api/target/test-classes:search-api/target/classes:embedding/target/classes:$(cat search-api/target/bench.classpath)" \
  dev.imagesearch.searchapi.search.TextModelBenchmark "$MODELS/clip" "$MODELS/multilingual" "$ROUNDS" ${2:+"$2"}
