#!/bin/bash
# S3Proxy with one identity (S3PROXY_IDENTITY / S3PROXY_CREDENTIAL); every directory under the data
# directory (the first argument) is a bucket.
set -euo pipefail
config=/tmp/s3proxy.properties
umask 077
cat > "$config" <<PROPERTIES
s3proxy.endpoint=http://0.0.0.0:9000
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=${S3PROXY_IDENTITY:?set S3PROXY_IDENTITY}
s3proxy.credential=${S3PROXY_CREDENTIAL:?set S3PROXY_CREDENTIAL}
jclouds.provider=filesystem
jclouds.identity=${S3PROXY_IDENTITY}
jclouds.credential=${S3PROXY_CREDENTIAL}
jclouds.filesystem.basedir=${1:-/data}
PROPERTIES
exec java ${S3PROXY_HEAP_OPTS:--Xmx256m} -jar /opt/s3proxy/s3proxy.jar --properties "$config"
