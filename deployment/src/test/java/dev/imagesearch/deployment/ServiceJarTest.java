package dev.imagesearch.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The binding check itself: it must accept real properties and refuse everything else. */
class ServiceJarTest {

  @Test
  void findsTheProjectsOwnPropertiesByReflection() {
    assertThat(Service.INGEST_SERVICE.jar().properties())
        .contains(
            "imagesearch.s3.endpoint",
            "imagesearch.s3.access-key",
            "imagesearch.elasticsearch.api-key",
            "imagesearch.events.partitions",
            "imagesearch.security.api-keys[].sha256");
    assertThat(Service.EMBED_WORKER.jar().properties())
        .contains("imagesearch.models.clip", "imagesearch.worker.batch.max-size")
        .as("the old name is refused at start, not declared")
        .doesNotContain("imagesearch.worker.models.clip");
    assertThat(Service.SEARCH_API.jar().properties())
        .contains("imagesearch.models.vgg16", "imagesearch.models.multilingual");
  }

  @Test
  void bindsEnvironmentVariablesTheWaySpringBootDoes() {
    ServiceJar ingest = Service.INGEST_SERVICE.jar();
    assertThat(ingest.propertyFor("IMAGESEARCH_S3_ENDPOINT")).contains("imagesearch.s3.endpoint");
    assertThat(ingest.propertyFor("IMAGESEARCH_S3_ACCESS_KEY"))
        .contains("imagesearch.s3.access-key");
    assertThat(ingest.propertyFor("IMAGESEARCH_S3_ACCESSKEY"))
        .contains("imagesearch.s3.access-key");
    assertThat(ingest.propertyFor("IMAGESEARCH_SECURITY_APIKEYS_0_SHA256"))
        .contains("imagesearch.security.api-keys[].sha256");
    assertThat(ingest.propertyFor("SPRING_KAFKA_BOOTSTRAP_SERVERS")).isPresent();
    assertThat(ingest.propertyFor("SERVER_PORT")).contains("server.port");
  }

  @Test
  void refusesWhatNoPropertyDeclares() {
    ServiceJar ingest = Service.INGEST_SERVICE.jar();
    assertThat(ingest.propertyFor("IMAGESEARCH_S3_ENDPONT")).isEmpty();
    assertThat(ingest.propertyFor("IMAGESEARCH_SECURITY_APIKEYS_SHA256")).isEmpty();
    assertThat(ingest.propertyFor("IMAGESEARCH_SECURITY_APIKEYS_0_HASH")).isEmpty();
    assertThat(ingest.propertyFor("IMAGESEARCH_WORKER_DEVICE")).as("a worker property").isEmpty();
    assertThat(Service.SEARCH_API.jar().propertyFor("SPRING_KAFKA_BOOTSTRAP_SERVERS"))
        .as("search-api has no Kafka client")
        .isEmpty();
  }
}
