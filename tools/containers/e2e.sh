#!/usr/bin/env bash
# The compose stack for real, under Podman: builds the images, starts docker-compose.yml with
# compose.override.yml, uploads the sample photos through the ingest-service container, finds them
# through the search-api container, checks what only a real run shows, and tears it all down.
# Usage (root, after ./mvnw -B package): tools/containers/e2e.sh [samples-dir]
# It runs in a network namespace of its own, so the fixed host ports (8080, 8081) never collide
# with a local stack or another run on this machine.
set -euo pipefail
cd "$(dirname "$0")/../.."
here=tools/containers
samples="$(realpath "${1:-../shared/data/samples}")"
ls "$samples"/*.jpg >/dev/null || { echo "no sample photos (*.jpg) in $samples" >&2; exit 1; }
export CONTAINERS_CONF="${CONTAINERS_CONF:-$PWD/$here/containers.conf}"
if [ -z "${IMAGESEARCH_E2E_NETNS:-}" ]; then
  started=$(date +%s)
  echo "== images"
  versions="$("$here/build-images.sh" | tail -2)"
  echo "  built in $(($(date +%s) - started)) s"
  podman images --format '  {{.Repository}}:{{.Tag}} {{.Size}}' | grep imagesearch
  exec env $versions IMAGESEARCH_E2E_NETNS=1 unshare -n bash -c 'ip link set lo up && exec "$0" "$@"' "$0" "$samples"
fi
export ELASTICSEARCH_VERSION KAFKA_VERSION
source "$here/stack.sh"

work="$(mktemp -d /tmp/imagesearch-e2e-XXXXXX)"
chmod 755 "$work"
# The stand-in models, with the CLIP vocabulary the repository does not carry (its own licence).
export MODELS_DIR="$work/models"
cp -r models "$MODELS_DIR"
cp "${CLIP_VOCAB:-../shared/models/clip/bpe_simple_vocab_16e6.txt.gz}" "$MODELS_DIR/standin/clip/"
chmod -R a+rX "$MODELS_DIR"
api_key="$(head -c 24 /dev/urandom | base64 | tr -d '/+=')"
export INGEST_API_KEY_SHA256="$(printf %s "$api_key" | sha256sum | cut -d' ' -f1)"
export S3_ACCESS_KEY=imagesearch-ci S3_SECRET_KEY="$(head -c 24 /dev/urandom | base64 | tr -d '/+=')"
# compose.override.yml puts S3Proxy in MinIO's place; docker-compose.yml still requires these.
export MINIO_ROOT_USER=unused MINIO_ROOT_PASSWORD=unused-by-s3proxy
cleanup() {
  compose down -v --remove-orphans >/dev/null 2>&1 || true
  [ ! -f "$work/home-volumes" ] || xargs -r podman volume rm -f <"$work/home-volumes" >/dev/null 2>&1 || true
  kill "${health_beat:-}" "${podman_api:-}" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 143' TERM INT
start_podman_api
start_health_beat
services=(kafka elasticsearch minio ingest-service embed-worker search-api)
apps=(ingest-service embed-worker search-api)

echo "== up (health checks, and services reaching each other by name)"
up_at=$(date +%s)
compose up -d --no-build >"$work/up.log" 2>&1 &
up_pid=$!
await_healthy "$up_at" "${services[@]}"

echo "== upload through ingest-service, find through search-api"
mapfile -t ids < <(upload "$samples"/*)
[ ${#ids[@]} -gt 0 ] || fail "no sample was accepted"
await_indexed "${ids[@]}"
hits="$(curl -fsS 'http://127.0.0.1:8080/api/search?q=a%20dog&k=50' | jq -r '.hits[].id')"
for id in "${ids[@]}"; do grep -qx "$id" <<<"$hits" || fail "image $id is indexed but not found"; done
echo "  ${#ids[@]} images uploaded, indexed and found"

"$here/checks.sh" "${apps[@]}"

echo "== the worker, stopped with a batch in flight, exits within its stop timeout; nothing is lost"
java tools/containers/LargePhotos.java "$work/large" 16  # 12 MP: seconds per batch
worker="$(container embed-worker)"
stop_worker  # idle: the uploads wait for its next start, and its first batch is a full one
mapfile -t more < <(upload "$work"/large/*.jpg)
[ ${#more[@]} = 16 ] || fail "${#more[@]} of the 16 large photos were accepted"
quietly start "$worker"
deadline=$((SECONDS + 600))
# Which images wait, then whether a batch is in flight: every event in flight is one of those.
while :; do
  [ $SECONDS -le $deadline ] || fail "the restarted worker began no batch in 600 s"
  if waiting="$(not_indexed "${more[@]}")" && in_flight="$(events_in_flight 2>/dev/null)"; then
    [ -n "$waiting" ] || fail "the worker indexed all large photos before it was seen mid-batch"
    [ "$in_flight" -gt 0 ] && break
  fi
  sleep 0.2
done
mapfile -t pending <<<"$waiting"
[ ${#pending[@]} -ge "$in_flight" ] || fail "$in_flight events in flight, only ${#pending[@]} images waiting"
stop_worker
mapfile -t unfinished < <(not_indexed "${pending[@]}")
echo "  stopped with $in_flight events in flight, ${#pending[@]} images waiting: it indexed $((${#pending[@]} - ${#unfinished[@]})) of them before it exited and left ${#unfinished[@]} to its next start"
quietly start "$worker"
await_indexed "${more[@]}"
documents="$(indexed_documents)"
[ "$documents" = $((${#ids[@]} + ${#more[@]})) ] \
  || fail "$documents documents in the index for $((${#ids[@]} + ${#more[@]})) uploads"
echo "  after a restart all ${#pending[@]} are indexed, each once: $documents documents for as many uploads"

echo "== volumes persist across down/up"
home_volumes >>"$work/home-volumes"  # anonymous, so `down` keeps them and no later `down -v` sees them
compose down >/dev/null
up_at=$(date +%s)
compose up -d --no-build >"$work/up.log" 2>&1 &
up_pid=$!
await_healthy "$up_at" "${services[@]}"
await_indexed "${ids[@]}" "${more[@]}"
curl -fsS -o /dev/null "http://127.0.0.1:8080/api/images/${ids[0]}/thumbnail" \
  || fail "the thumbnail of ${ids[0]} is gone after down/up"
echo "  index, image status and stored images survived down/up"
echo "== passed in $(($(date +%s) - up_at)) s after the second up"
