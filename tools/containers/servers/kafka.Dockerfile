# A KRaft Kafka broker from the jars the local stack runs (Maven Central's kafka_2.13 and its
# dependencies), for machines that cannot pull apache/kafka. Build context: target/containers/servers,
# staged by tools/containers/build-images.sh. Same paths and user id as the official image.
ARG JRE_IMAGE=localhost/imagesearch/jre:25
FROM ${JRE_IMAGE}
RUN groupadd --gid 1000 appuser \
 && useradd --uid 1000 --gid 1000 --home-dir /home/appuser --create-home appuser \
 && mkdir -p /var/lib/kafka/data /opt/kafka/config \
 && chown 1000:1000 /var/lib/kafka/data
COPY kafka/ /opt/kafka/libs/
COPY kafka-log4j2.properties /opt/kafka/config/log4j2.properties
COPY kafka-start.sh /opt/kafka/bin/
USER 1000:1000
EXPOSE 9092
ENTRYPOINT ["/opt/kafka/bin/kafka-start.sh"]
