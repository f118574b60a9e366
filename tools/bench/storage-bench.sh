#!/usr/bin/env bash
# The reconciler's walk over a bucket (originals/ against published/, a page at a time) on a fresh
# S3Proxy filled with N originals, all published but U; then a 25 MB original written and read.
# Usage: tools/bench/storage-bench.sh [N] [U]
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -q -B -o -pl storage -am test-compile
./mvnw -q -B -o -pl storage dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$PWD/storage/target/bench.classpath" >/dev/null
. .mvn/jdk.sh 2>/dev/null || true
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
cd storage
exec "$JAVA" -Xmx512m \
  -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  dev.imagesearch.storage.StorageBenchmark "$@"
