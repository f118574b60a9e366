#!/usr/bin/env bash
# Direct memory of the ingest-service (in this JVM, on real S3, Kafka and Elasticsearch) before and
# after REFUSED uploads answered 401 before their body is read and ABORTED uploads whose client
# closes mid-body, each BODY_KB large. Prints a Markdown table for docs/benchmarks.md.
# Usage: tools/bench/refused-uploads-bench.sh [REFUSED [ABORTED [BODY_KB]]] (from the repository root)
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -q -B -pl ingest-service -am test-compile
./mvnw -q -B -pl ingest-service dependency:build-classpath -Dmdep.outputFile="$PWD/ingest-service/target/bench.classpath" >/dev/null
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
CLASSES=""
for module in contracts storage imaging index web-support local-stack test-support; do
  CLASSES="$CLASSES:$module/target/classes"
done
exec "$JAVA" -Xmx512m -XX:+UseSerialGC \
  -Dimagesearch.shared.dir="$PWD/../shared" -Dimagesearch.repo.dir="$PWD" \
  -cp "ingest-service/target/test-classes:ingest-service/target/classes$CLASSES:$(cat ingest-service/target/bench.classpath)" \
  dev.imagesearch.ingestservice.bench.RefusedUploadsBenchmark "$@"
