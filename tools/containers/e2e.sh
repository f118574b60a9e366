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

echo "== the worker, stopped right after a burst of uploads, exits by itself; nothing is lost"
for copy in 1 2 3; do
  for file in "$samples"/*.jpg; do  # new bytes after the JPEG's end: a new image to the dedup
    cp "$file" "$work/$copy-$(basename "$file")" && printf 'copy %s' "$copy" >>"$work/$copy-$(basename "$file")"
  done
done
mapfile -t more < <(upload "$work"/*.jpg)
worker="$(container embed-worker)"
stop_at=$SECONDS
podman stop -t 90 "$worker" >/dev/null
stopped_in=$((SECONDS - stop_at))
exit_code="$(podman inspect -f '{{.State.ExitCode}}' "$worker")"
[ "$exit_code" != 137 ] || fail "the worker was killed (exit 137) after ${stopped_in} s, not stopped"
echo "  worker stopped in ${stopped_in} s (exit code $exit_code)"
podman start "$worker" >/dev/null
await_indexed "${more[@]}"
echo "  all ${#more[@]} images of the interrupted uploads are indexed after the restart"

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
