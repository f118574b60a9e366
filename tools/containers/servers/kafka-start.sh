#!/bin/bash
# Reads the broker's settings from KAFKA_* variables as the apache/kafka image does
# (KAFKA_LOG_DIRS -> log.dirs), so docker-compose.yml's environment works unchanged; formats the
# log directory on the first start only (a kept volume keeps its cluster id).
set -euo pipefail
config=/tmp/server.properties
: > "$config"
while IFS= read -r -d '' entry; do
  name="${entry%%=*}"
  case "$name" in
    KAFKA_HEAP_OPTS | KAFKA_OPTS) ;;
    KAFKA_*)
      property="${name#KAFKA_}"
      property="${property,,}"
      echo "${property//_/.}=${entry#*=}" >> "$config"
      ;;
  esac
done < /proc/self/environ
java=(java ${KAFKA_HEAP_OPTS:--Xmx512m} -Dlog4j2.configurationFile=/opt/kafka/config/log4j2.properties
  -cp '/opt/kafka/libs/*')
log_dir="$(sed -n 's/^log\.dirs=//p' "$config")"
if [ ! -f "${log_dir:?set KAFKA_LOG_DIRS}/meta.properties" ]; then
  "${java[@]}" kafka.tools.StorageTool format -t "$("${java[@]}" kafka.tools.StorageTool random-uuid)" -c "$config"
fi
exec "${java[@]}" kafka.Kafka "$config"
