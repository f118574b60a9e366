#!/bin/bash
# Each environment variable named like a setting (it has a dot) becomes -E<name>=<value>, as the
# official image's entrypoint does, so docker-compose.yml's environment works unchanged.
set -euo pipefail
settings=()
while IFS= read -r -d '' entry; do
  name="${entry%%=*}"
  if [[ "$name" == *.* ]]; then
    settings+=("-E$entry")
  fi
done < /proc/self/environ
exec /usr/share/elasticsearch/bin/elasticsearch "${settings[@]}"
