#!/usr/bin/env bash
# Builds every image the compose test runs, after `./mvnw -B package` (or verify):
#   the JRE base (base-image.sh, cached), the three services from their real Dockerfiles, and
#   Kafka, Elasticsearch and S3Proxy from the distributions Maven fetched for local-stack.
# Prints the versions compose.override.yml needs as KEY=value lines on the last lines.
set -euo pipefail
cd "$(dirname "$0")/../.."
here=tools/containers
export CONTAINERS_CONF="${CONTAINERS_CONF:-$PWD/$here/containers.conf}"
jre="${JRE_IMAGE:-localhost/imagesearch/jre:25}"
"$here/base-image.sh" "$jre" >&2

# --format docker: the OCI format has no HEALTHCHECK, and the services' health checks are the point.
build() { podman build -q --format docker --build-arg "JRE_IMAGE=$jre" "$@" >/dev/null; }

for service in ingest-service search-api embed-worker; do
  [ -f "$service/target/$service.jar" ] || { echo "no $service/target/$service.jar: run ./mvnw -B package first" >&2; exit 1; }
  build -f "$service/Dockerfile" -t "localhost/imagesearch/$service:latest" .
done

# Where Maven stored the distributions (local-stack's build writes the paths down).
paths=local-stack/target/classes/imagesearch-servers.properties
[ -f "$paths" ] || { echo "no $paths: run ./mvnw -B package first" >&2; exit 1; }
property() { sed -n "s/^$1=//p" "$paths"; }
es_version="$(property elasticsearch.version)"
kafka_classpath="$(property kafka.classpath)"
kafka_version="$(tr ':' '\n' <<<"$kafka_classpath" | sed -n 's|.*/kafka_2.13-\(.*\)\.jar$|\1|p')"

context=target/containers/servers
rm -rf "$context" && mkdir -p "$context/kafka"
cp "$here"/servers/* "$context/"
unzip -q "$(property elasticsearch.zip)" -d "$context"
mv "$context/elasticsearch-$es_version" "$context/elasticsearch"
cp "$(property s3proxy.jar)" "$context/s3proxy.jar"
tr ':' '\n' <<<"$kafka_classpath" | sort -u | xargs cp -t "$context/kafka"

build -f "$context/elasticsearch.Dockerfile" -t "localhost/imagesearch/elasticsearch:$es_version" "$context"
build -f "$context/kafka.Dockerfile" -t "localhost/imagesearch/kafka:$kafka_version" "$context"
build -f "$context/s3proxy.Dockerfile" -t localhost/imagesearch/s3proxy:latest "$context"

# Layers of earlier builds that no tag names any more.
podman image prune -f >/dev/null
echo "ELASTICSEARCH_VERSION=$es_version"
echo "KAFKA_VERSION=$kafka_version"
