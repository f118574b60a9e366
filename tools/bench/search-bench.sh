#!/usr/bin/env bash
# Search API benchmark: loads DOCUMENTS (default 100000) stand-in documents into a dedicated
# Elasticsearch, runs the search-api in-process with the full-size stand-in models, and prints
# latency, throughput, recall@10 and the brute-force baseline as Markdown tables.
# Usage: tools/bench/search-bench.sh [DOCUMENTS GROUPS GROUP_NOISE DOC_NOISE [SETTING...]]
# (from the repository root), e.g. 100000 50 0.3 0.1 imagesearch.search.min-candidates=500
# GROUPS/noise: see BenchCorpus; each SETTING re-measures recall and similar-by-id with it.
set -euo pipefail
cd "$(dirname "$0")/../.."
DOCUMENTS=${1:-100000}
GROUP_COUNT=${2:-50}
GROUP_NOISE=${3:-0.3}
DOC_NOISE=${4:-0.1}
shift $(( $# < 4 ? $# : 4 ))
MODELS=${IMAGESEARCH_FULL_STANDINS:-$HOME/.cache/imagesearch/models/standin-full}
[ -f "$MODELS/clip/model.pt" ] || /usr/bin/python3 tools/models/export_standins.py --size full --out "$MODELS"
./mvnw -q -B -o -pl search-api test-compile
./mvnw -q -B -o -pl search-api dependency:build-classpath -Dmdep.outputFile="$PWD/search-api/target/bench.classpath" >/dev/null
. .mvn/jdk.sh 2>/dev/null || true
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
exec "$JAVA" -Xmx3g -Dai.djl.offline=true \
  -Dimagesearch.shared.dir="$PWD/../shared" -Dimagesearch.repo.dir="$PWD" \
  -cp "search-api/target/test-classes:search-api/target/classes:$(cat search-api/target/bench.classpath)" \
  dev.imagesearch.searchapi.bench.SearchBenchmark "$MODELS" "$DOCUMENTS" "$GROUP_COUNT" "$GROUP_NOISE" "$DOC_NOISE" "$@"
