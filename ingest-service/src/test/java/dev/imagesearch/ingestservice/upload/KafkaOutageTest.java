package dev.imagesearch.ingestservice.upload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagesearch.contracts.ImageId;
import dev.imagesearch.ingestservice.EventLog;
import dev.imagesearch.ingestservice.IngestTest;
import dev.imagesearch.ingestservice.Uploads;
import dev.imagesearch.localstack.Kafka;
import dev.imagesearch.storage.ImageStore;
import dev.imagesearch.testsupport.RealServers;
import dev.imagesearch.testsupport.TestImages;
import dev.imagesearch.testsupport.WithRealServers;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The service starts while Kafka is away; the broker comes up later on the port it was given. */
@WithRealServers
@IngestTest
class KafkaOutageTest {
  static final int KAFKA_PORT = RealServers.freePort();

  @Autowired WebTestClient http;
  @Autowired ImageStore store;
  @TempDir Path kafkaDir;

  @DynamicPropertySource
  static void servers(DynamicPropertyRegistry registry) {
    RealServers.registerS3(registry);
    RealServers.registerElasticsearch(registry);
    registry.add("spring.kafka.bootstrap-servers", () -> "127.0.0.1:" + KAFKA_PORT);
  }

  @Test
  void anUploadWhileKafkaIsDownIs503AndItsRetryIsAnnouncedExactlyOnce() {
    byte[] jpeg = TestImages.jpeg(32, 32);
    String id = ImageId.of(jpeg).hex();

    Uploads.upload(http, jpeg)
        .expectStatus()
        .isEqualTo(503)
        .expectHeader()
        .valueEquals(HttpHeaders.RETRY_AFTER, "5")
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.detail")
        .value(
            String.class,
            detail -> assertThat(detail).contains("Kafka").contains("Retry the upload"));
    assertThat(store.originalExists(id).block()).isTrue();
    assertThat(store.isPublished(id).block()).isFalse();

    try (Kafka kafka =
        Kafka.start(
            new Kafka.Settings(
                kafkaDir, kafkaDir.resolve("kafka.log"), KAFKA_PORT, 0, "256m", false))) {
      Uploads.upload(http, jpeg)
          .expectStatus()
          .isAccepted()
          .expectBody()
          .jsonPath("$.results[0].status")
          .isEqualTo("accepted");
      Uploads.upload(http, jpeg)
          .expectStatus()
          .isAccepted()
          .expectBody()
          .jsonPath("$.results[0].status")
          .isEqualTo("duplicate");

      assertThat(EventLog.eventsFor(kafka.bootstrapServers(), id)).hasSize(1);
    }
  }
}
