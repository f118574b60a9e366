#!/usr/bin/env bash
# Measures how long ./imagesearch up takes to a fully healthy stack, from an empty var/ (first run:
# unpacks Elasticsearch, formats Kafka) and then warm restarts on the same data, and the memory of
# each component. Usage: tools/stack-startup.sh [restarts]   (default 2)
set -euo pipefail
cd "$(dirname "$0")/.."
restarts="${1:-2}"
export IMAGESEARCH_VAR
IMAGESEARCH_VAR="$(mktemp -d /tmp/imagesearch-startup-XXXXXX)"
chmod 755 "$IMAGESEARCH_VAR"
trap 'imagesearch down >/dev/null 2>&1 || true; rm -rf "$IMAGESEARCH_VAR"' EXIT
. .mvn/jdk.sh
[ -f cli/target/imagesearch-cli.jar ] || ./mvnw -B -q -Dmaven.test.skip=true package
# The CLI jar directly: ./imagesearch would rebuild stale jars inside the timing.
imagesearch() { "$JAVA_HOME/bin/java" -Dimagesearch.home="$PWD" -Dai.djl.offline=true -jar cli/target/imagesearch-cli.jar "$@"; }

for run in $(seq 0 "$restarts"); do
  label=$([ "$run" -eq 0 ] && echo "empty var/" || echo "restart $run")
  start=$(date +%s%N)
  imagesearch up >/dev/null
  imagesearch status >/dev/null # exit code 0 only when every component is healthy
  ms=$((($(date +%s%N) - start) / 1000000))
  printf '%-12s up to all healthy: %d.%d s\n' "$label" $((ms / 1000)) $((ms % 1000 / 100))
  if [ "$run" -eq "$restarts" ]; then
    sleep 20 # let the JVMs settle after start-up before reading memory
    imagesearch status
  fi
  imagesearch down >/dev/null
done
