#!/usr/bin/env bash
# Parity on full-size models: Python reference (PIL + torchvision + TorchScript) vs Java (DJL) on
# the committed parity images; prints the minimum cosine and fails below 0.999.
# Usage: tools/parity/verify-full.sh [MODELS_DIR]   (default: full-size stand-ins, generated if missing)
set -euo pipefail
cd "$(dirname "$0")/../.."
MODELS=${1:-$HOME/.cache/imagesearch/models/standin-full}
VOCAB=${IMAGESEARCH_CLIP_VOCAB:-../shared/models/clip/bpe_simple_vocab_16e6.txt.gz}
IMAGES=embedding/src/test/resources/parity/images
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
[ -f "$MODELS/clip/model.pt" ] || /usr/bin/python3 tools/models/export_standins.py --size full --out "$MODELS"
/usr/bin/python3 tools/parity/reference.py --images "$IMAGES" --models "$MODELS" --vocab "$VOCAB" --out "$OUT" --no-crops >/dev/null
./mvnw -q -B -f embedding/pom.xml test-compile
./mvnw -q -B -f embedding/pom.xml dependency:build-classpath -Dmdep.outputFile="$PWD/embedding/target/bench.classpath" >/dev/null
. .mvn/jdk.sh 2>/dev/null || true
"${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java" -Dai.djl.offline=true -Dimagesearch.clip.vocab="$VOCAB" \
  -cp "embedding/target/test-classes:embedding/target/classes:$(cat embedding/target/bench.classpath)" \
  dev.imagesearch.embedding.parity.VerifyParity "$OUT/golden.json" "$MODELS" "$IMAGES"
