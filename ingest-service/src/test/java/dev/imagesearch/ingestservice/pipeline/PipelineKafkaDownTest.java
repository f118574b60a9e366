package dev.imagesearch.ingestservice.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagesearch.ingestservice.IngestTest;
import dev.imagesearch.testsupport.RealServers;
import dev.imagesearch.testsupport.WithRealServers;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** With no broker on the port it was given, the count is a quick 503, not a hang. */
@WithRealServers
@IngestTest
class PipelineKafkaDownTest {
  @Autowired WebTestClient http;

  @DynamicPropertySource
  static void servers(DynamicPropertyRegistry registry) {
    RealServers.registerS3(registry);
    RealServers.registerElasticsearch(registry);
    int closed = RealServers.freePort();
    registry.add("spring.kafka.bootstrap-servers", () -> "127.0.0.1:" + closed);
    registry.add("imagesearch.pipeline.timeout", () -> "1s");
  }

  @Test
  void pendingIs503WithRetryAfterWhenKafkaIsAway() {
    http.mutate()
        .responseTimeout(Duration.ofSeconds(10))
        .build()
        .get()
        .uri("/api/pipeline")
        .exchange()
        .expectStatus()
        .isEqualTo(503)
        .expectHeader()
        .valueEquals(HttpHeaders.RETRY_AFTER, "5")
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.detail")
        .value(String.class, d -> assertThat(d).contains("Kafka"));
  }
}
