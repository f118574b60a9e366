#!/usr/bin/env bash
# Model migration benchmark (issue #14): the worker's re-embed throughput against its fresh-ingest
# throughput, and image-query p50/p99 during the migration against idle, in one run on the real
# local stack (imagesearch up; fixed ports: run it in its own network namespace, see README Tests).
# Models: the committed tiny stand-ins (A) and stand-ins B of another seed, exported here.
# Usage: tools/bench/migration-bench.sh [N_IMAGES]   (from the repository root, services built)
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-200}
IMAGES=${IMAGESEARCH_BENCH_IMAGES:-../shared/data/clothing10/images}
OUT=$PWD/cli/target/migration-bench
if [ ! -d "$IMAGES" ]; then echo "SKIPPED: no images at $IMAGES"; exit 0; fi
rm -rf "$OUT/photos"
mkdir -p "$OUT"
if [ ! -f "$OUT/standin-b/clip/model.json" ]; then
  /usr/bin/python3 tools/models/export_standins.py --size tiny --seed 20261205 --out "$OUT/standin-b"
fi
./mvnw -q -B -o -pl cli -am test-compile -Dspotless.check.skip=true
./mvnw -q -B -o -pl cli dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$PWD/cli/target/bench.classpath" >/dev/null
# The project's own modules from this checkout, never the SNAPSHOT jars another build left in ~/.m2.
CLASSPATH=$(tr ':' '\n' < cli/target/bench.classpath | sed -E \
  "s#^.*/dev/imagesearch/([a-z-]+)/[^/]+/[^/]+\.jar\$#$PWD/\1/target/classes#" | paste -sd:)
. .mvn/jdk.sh 2>/dev/null || true
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
cd cli
exec "$JAVA" -Dai.djl.offline=true -Dimagesearch.repo.dir="$PWD/.." \
  -cp "$PWD/target/test-classes:$PWD/target/classes:$CLASSPATH" \
  dev.imagesearch.cli.demo.MigrationBenchmark "$(cd .. && realpath "$IMAGES")" "$N" "$OUT/standin-b" "$OUT"
