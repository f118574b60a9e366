#!/usr/bin/env bash
# Checks of the running compose stack that only a real run shows (run by e2e.sh, after the models
# are loaded and used): non-root and read-only as k8s/base runs them, memory limits held, and the
# manifests against the built images. Usage: checks.sh service...
set -euo pipefail
cd "$(dirname "$0")/../.."
here=tools/containers
source "$here/stack.sh"

echo "== non-root, read-only root filesystem, memory limits"
for service in "$@"; do
  id="$(container "$service")"
  uid="$(podman exec "$id" id -u)"
  [ "$uid" != 0 ] || fail "$service runs as root"
  read -r read_only limit oom restarts < <(podman inspect -f \
    '{{.HostConfig.ReadonlyRootfs}} {{.HostConfig.Memory}} {{.State.OOMKilled}} {{.RestartCount}}' "$id")
  manifest_read_only="$(grep -c 'readOnlyRootFilesystem: true' "k8s/base/$service.yaml" || true)"
  if [ "$manifest_read_only" -gt 0 ]; then
    [ "$read_only" = true ] || fail "$service: k8s says read-only, the container is not"
    if podman exec "$id" touch /app/written 2>/dev/null; then fail "$service could write /app"; fi
  fi
  [ "$limit" -gt 0 ] || fail "$service has no memory limit"
  [ "$oom" = false ] && [ "$restarts" = 0 ] || fail "$service: OOM killed $oom, restarts $restarts"
  usage="$(podman stats --no-stream --format '{{.MemUsage}}' "$id")"
  echo "  $service: uid $uid, read-only $read_only, memory $usage, no OOM kill or restart"
  # The image runs the jar the offline checks read: same application.yml.
  [ "$(podman exec "$id" sha256sum /app/BOOT-INF/classes/application.yml | cut -d' ' -f1)" \
    = "$(unzip -p "$service/target/$service.jar" BOOT-INF/classes/application.yml | sha256sum | cut -d' ' -f1)" ] \
    || fail "$service: the image's application.yml is not the one in $service/target/$service.jar"
done

echo "== k8s/base against the built images"
kubectl kustomize k8s/base | python3 "$here/k8s_images.py"
