#!/usr/bin/env bash
# Builds the JRE base image (Debian trixie + openjdk-25-jre-headless) with debootstrap, for machines
# that cannot pull eclipse-temurin:25-jre. Kept in Podman's store: a second run does nothing.
# Usage: tools/containers/base-image.sh [image-name]   (default localhost/imagesearch/jre:25)
set -euo pipefail
image="${1:-localhost/imagesearch/jre:25}"
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
export CONTAINERS_CONF="${CONTAINERS_CONF:-$(cd "$(dirname "$0")" && pwd)/containers.conf}"

if podman image exists "$image"; then
  echo "base image $image is cached"
  exit 0
fi
root="$(mktemp -d /var/tmp/imagesearch-rootfs-XXXXXX)"
trap 'rm -rf "$root"' EXIT
# minbase has bash and useradd (the Dockerfiles need both); the JRE brings ca-certificates.
debootstrap --variant=minbase --include=openjdk-25-jre-headless trixie "$root" "$mirror"
rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
tar -C "$root" -c . | podman import \
  --change 'ENV JAVA_HOME=/usr/lib/jvm/java-25-openjdk-amd64' \
  --change 'ENV LANG=C.UTF-8' \
  --change 'CMD ["bash"]' \
  - "$image"
echo "built base image $image"
