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
# container) has none, so this runs every container's check every 10 s instead (the services'
# interval: each failed run counts against the check's retries).
start_health_beat() {
  while :; do
    for id in $(podman ps -q); do podman healthcheck run "$id" >/dev/null 2>&1 & done
    wait
    sleep 10
  done &
  health_beat=$!
}

# The anonymous volumes that hold the services' home directories (/home/app).
home_volumes() {
  podman ps -a -q --filter label=com.docker.compose.project=imagesearch-ci | xargs -r podman inspect \
    -f '{{range .Mounts}}{{if eq .Destination "/home/app"}}{{println .Name}}{{end}}{{end}}'
}

container() { podman ps -a -q --filter "label=com.docker.compose.service=$1" | head -1; }
health() { podman inspect -f '{{.State.Health.Status}}' "$(container "$1")" 2>/dev/null; }

# Waits until every service is healthy, polling all at once so each one's time is its own; prints
# the seconds since $1 (epoch, the `up`) and since the container started. Fails at once when the
# background `compose up` ($up_pid) fails: it gives up on a dependency that turned unhealthy.
await_healthy() {
  local since=$1 deadline=$((SECONDS + 900)) service started now
  shift
  local pending=("$@") waiting
  while [ ${#pending[@]} -gt 0 ]; do
    waiting=()
    for service in "${pending[@]}"; do
      if [ "$(health "$service")" = healthy ]; then
        now=$(date +%s)
        started="$(podman inspect -f '{{.State.StartedAt.Unix}}' "$(container "$service")")"
        echo "  $service healthy $((now - since)) s after up, $((now - started)) s after its start"
      else
        waiting+=("$service")
      fi
    done
    pending=("${waiting[@]}")
    [ ${#pending[@]} -gt 0 ] || break
    if [ -n "$up_pid" ] && ! kill -0 "$up_pid" 2>/dev/null; then
      wait "$up_pid" || { show_unhealthy; fail "compose up failed"; }
      up_pid=
    fi
    [ $SECONDS -le $deadline ] || { show_unhealthy; fail "not healthy after 15 min: ${pending[*]}"; }
    sleep 2
  done
  [ -z "$up_pid" ] || wait "$up_pid" || fail "compose up failed"
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

# The ids of those given that are not indexed yet (one status request through search-api).
not_indexed() {
  printf '%s\n' "$@" | jq -R . | jq -sc '{ids: .}' \
    | curl -fsS -H 'Content-Type: application/json' -d @- http://127.0.0.1:8080/api/images/status \
    | jq -r '.statuses[] | select(.status != "indexed") | .id'
}

# A command in a service's network namespace, with the host's curl: for the ports compose does
# not publish (the worker's 8082, Elasticsearch's 9200).
inside() {
  local pid
  pid="$(podman inspect -f '{{.State.Pid}}' "$(container "$1")")"
  shift
  nsenter -n -t "$pid" "$@"
}

# The worker's imagesearch_worker_events_in_flight: events it began and has not committed.
events_in_flight() {
  inside embed-worker curl -fsS http://127.0.0.1:8082/actuator/prometheus \
    | sed -n 's/^imagesearch_worker_events_in_flight{.*} \([0-9]*\).*/\1/p' | grep .
}

# Stops the worker as compose does (its stop_grace_period is the container's StopTimeout) and
# fails unless it exited by itself within that time: a kill after the timeout is exit code 137.
stop_worker() {
  local grace at=$SECONDS code
  grace="$(podman inspect -f '{{.Config.StopTimeout}}' "$worker")"
  quietly stop "$worker"
  code="$(podman inspect -f '{{.State.ExitCode}}' "$worker")"
  [ "$code" != 137 ] && [ $((SECONDS - at)) -lt "$grace" ] \
    || fail "the worker did not exit within its stop timeout ($grace s): exit code $code after $((SECONDS - at)) s"
  echo "  worker stopped in $((SECONDS - at)) s of its $grace s (exit code $code)"
}

# Documents in the image index, after a refresh: one per accepted upload, however often delivered.
indexed_documents() {
  inside elasticsearch curl -fsS -X POST http://127.0.0.1:9200/images/_refresh >/dev/null
  inside elasticsearch curl -fsS http://127.0.0.1:9200/images/_count | jq .count
}

# What compose and the containers that are not healthy said last.
show_unhealthy() {
  local id
  tail -5 "$work/up.log" >&2 || true
  for id in $(podman ps -a -q); do
    if [ "$(podman inspect -f '{{.State.Health.Status}}' "$id")" != healthy ]; then
      podman ps -a --filter "id=$id" --format '--- {{.Names}} {{.Status}}' >&2
      podman logs --tail 30 "$id" >&2 2>&1 || true
    fi
  done
}

# Podman, its output shown only when it fails: without systemd it logs an error for every health
# check timer it cannot set up (start_health_beat runs the checks instead).
quietly() {
  local out
  out="$(podman "$@" 2>&1)" || { echo "$out" >&2; return 1; }
}

fail() { echo "FAILED: $*" >&2; exit 1; }
