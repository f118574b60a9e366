#!/usr/bin/env bash
# Search API benchmark: loads DOCUMENTS (default 100000) stand-in documents into a dedicated
# Elasticsearch, runs the search-api in-process with the full-size stand-in models, and prints
# latency, throughput, recall@10 and the brute-force baseline as Markdown tables.
# Usage: tools/bench/search-bench.sh [DOCUMENTS GROUPS GROUP_NOISE DOC_NOISE [SETTING...]]
# (from the repository root), e.g. 100000 50 0.3 0.1 imagesearch.search.min-candidates=500
# GROUPS/noise: see BenchCorpus; each SETTING re-measures recall and similar-by-id with it.
#   tools/bench/search-bench.sh --precision [DOCUMENTS ROUNDS]: text and image query latency with
#   the fp32 against the bf16 model variants, in turns (PrecisionLatencyBenchmark).
set -euo pipefail
cd "$(dirname "$0")/../.."
MAIN=SearchBenchmark
if [ "${1:-}" = --precision ]; then
  MAIN=PrecisionLatencyBenchmark
  shift
  set -- "${1:-20000}" "${2:-3}"
fi
ARGS=("$@")
if [ "$MAIN" = SearchBenchmark ]; then
  ARGS=("${1:-100000}" "${2:-50}" "${3:-0.3}" "${4:-0.1}" "${@:5}")
fi
MODELS=${IMAGESEARCH_FULL_STANDINS:-$HOME/.cache/imagesearch/models/standin-full}
[ -f "$MODELS/clip/model-bf16.pt" ] || /usr/bin/python3 tools/models/export_standins.py --size full --out "$MODELS"
# The reactor (-am): the sibling modules' classes of this checkout, not jars in ~/.m2.
./mvnw -q -B -o -pl search-api -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath >/dev/null
. .mvn/jdk.sh 2>/dev/null || true
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
exec "$JAVA" -Xmx3g -Dai.djl.offline=true \
  -Dimagesearch.shared.dir="$PWD/../shared" -Dimagesearch.repo.dir="$PWD" \
  -cp "search-api/target/test-classes:search-api/target/classes:$(cat search-api/target/bench.classpath)" \
  "dev.imagesearch.searchapi.bench.$MAIN" "$MODELS" "${ARGS[@]}"
