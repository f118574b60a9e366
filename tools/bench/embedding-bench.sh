#!/usr/bin/env bash
# Embedding benchmark: Java (DJL, libtorch 2.7.1) vs Python (Debian torch 1.13) on the same
# full-size stand-in TorchScript files, in one run. Needs: apt-get install python3-torch python3-torchvision
# Usage: tools/bench/embedding-bench.sh [SECONDS_PER_CASE]   (from the repository root)
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_PER_CASE=${1:-4}
MODELS=${IMAGESEARCH_FULL_STANDINS:-$HOME/.cache/imagesearch/models/standin-full}
VOCAB=${IMAGESEARCH_CLIP_VOCAB:-../shared/models/clip/bpe_simple_vocab_16e6.txt.gz}
IMAGES=embedding/src/test/resources/parity/images
[ -f "$MODELS/clip/model.pt" ] || /usr/bin/python3 tools/models/export_standins.py --size full --out "$MODELS"
./mvnw -q -B -f embedding/pom.xml test-compile
./mvnw -q -B -f embedding/pom.xml dependency:build-classpath -Dmdep.outputFile="$PWD/embedding/target/bench.classpath" >/dev/null
. .mvn/jdk.sh 2>/dev/null || true
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
# One caller on every core, as these figures were measured (the default shares them between 2 predictors).
exec "$JAVA" -Xmx2g -Dai.djl.offline=true -Dai.djl.pytorch.num_threads="$(nproc)" \
  -cp "embedding/target/test-classes:embedding/target/classes:$(cat embedding/target/bench.classpath)" \
  dev.imagesearch.embedding.bench.EmbeddingBenchmark "$MODELS" "$IMAGES" "$VOCAB" "$SECONDS_PER_CASE"
