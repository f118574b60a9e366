# Elasticsearch from the distribution the local stack runs (Maven Central's integ-test-zip), for
# machines that cannot pull docker.elastic.co. Build context: target/containers/servers, staged by
# tools/containers/build-images.sh. Same paths and user id as the official image.
ARG JRE_IMAGE=localhost/imagesearch/jre:25
FROM ${JRE_IMAGE}
RUN groupadd --gid 1000 elasticsearch \
 && useradd --uid 1000 --gid 1000 --home-dir /usr/share/elasticsearch elasticsearch
COPY --chown=1000:1000 elasticsearch/ /usr/share/elasticsearch/
COPY --chown=1000:1000 elasticsearch.yml /usr/share/elasticsearch/config/elasticsearch.yml
COPY elasticsearch-start.sh /usr/local/bin/
USER 1000:1000
WORKDIR /usr/share/elasticsearch
# The distribution has no bundled JDK; it runs on the base image's JRE.
ENV ES_JAVA_HOME=/usr/lib/jvm/java-25-openjdk-amd64
EXPOSE 9200
ENTRYPOINT ["/usr/local/bin/elasticsearch-start.sh"]
