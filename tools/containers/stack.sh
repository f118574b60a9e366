# Functions for e2e.sh: the compose stack under Podman, its health, and HTTP against it.
# Sourced, not run. Expects $here (tools/containers) and the compose variables to be set.

# docker-compose 1.29 against Podman's Docker API: Podman 4.3 has no `podman compose`, and
# podman-compose 1.0.3 starts services in order without waiting for depends_on conditions
# (service_healthy, service_completed_successfully), which this stack's start-up order relies on.
# docker-compose 1.29 predates the top-level `name`; it reads a copy without it (-p names the
# project), with paths relative to the repository root as for the original.
compose() {
  [ -f "$work/docker-compose.yml" ] || sed '/^name:/d' docker-compose.yml >"$work/docker-compose.yml"
  docker-compose --ansi never -p imagesearch-ci --project-directory . \
    -f "$work/docker-compose.yml" -f "$here/compose.override.yml" "$@"
}

start_podman_api() {
  export DOCKER_HOST="unix://$work/podman.sock"
  # Its log has a line per health check about the missing systemd (see start_health_beat).
  podman system service --time=0 "$DOCKER_HOST" 2>"$work/podman-api.log" &
  podman_api=$!
  for _ in $(seq 50); do [ -S "$work/podman.sock" ] && return; sleep 0.2; done
  echo "podman system service did not open $DOCKER_HOST" >&2
  return 1
}

# Podman schedules health checks with systemd timers; a machine without systemd as PID 1 (a CI
# container) has none, so this runs every container's check on the same 5 s beat instead.
start_health_beat() {
  while :; do
    for id in $(podman ps -q); do podman healthcheck run "$id" >/dev/null 2>&1 & done
    wait
    sleep 5
  done &
  health_beat=$!
}

container() { podman ps -a -q --filter "label=com.docker.compose.service=$1" | head -1; }
health() { podman inspect -f '{{.State.Health.Status}}' "$(container "$1")" 2>/dev/null; }

# Waits until each service is healthy; prints the seconds since $1 (epoch) and since its start.
await_healthy() {
  local since=$1 deadline=$((SECONDS + 900)) service
  shift
  for service in "$@"; do
    until [ "$(health "$service")" = healthy ]; do
      if [ $SECONDS -gt $deadline ]; then
        echo "$service is not healthy after 15 min: $(health "$service")" >&2
        podman logs --tail 40 "$(container "$service")" >&2 || true
        return 1
      fi
      sleep 2
    done
    echo "  $service healthy $(($(date +%s) - since)) s after up," \
      "$(($(date +%s) - $(podman inspect -f '{{.State.StartedAt.Unix}}' "$(container "$service")"))) s after its start"
  done
}

# Uploads files to the ingest-service (one request each); prints the accepted ids.
upload() {
  local file
  for file in "$@"; do
    curl -fsS -H "Authorization: Bearer $api_key" -F "file=@$file" \
      http://127.0.0.1:8081/api/images | jq -r '.results[] | select(.status == "accepted") | .id'
  done
}

# Asks search-api (which forwards to ingest-service:8081) until every id is indexed.
await_indexed() {
  local deadline=$((SECONDS + 600)) id status
  for id in "$@"; do
    until status="$(curl -fsS "http://127.0.0.1:8080/api/images/$id/status" | jq -r .status)" \
        && [ "$status" = indexed ]; do
      if [ "$status" = failed ] || [ $SECONDS -gt $deadline ]; then
        echo "image $id is $status, not indexed" >&2
        return 1
      fi
      sleep 2
    done
  done
}

fail() { echo "FAILED: $*" >&2; exit 1; }
