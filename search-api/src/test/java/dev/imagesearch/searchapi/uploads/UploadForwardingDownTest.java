package dev.imagesearch.searchapi.uploads;

import dev.imagesearch.searchapi.SearchApiTest;
import dev.imagesearch.testsupport.RealServers;
import dev.imagesearch.testsupport.WithRealServers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

@WithRealServers
@SearchApiTest
class UploadForwardingDownTest {
  @Autowired WebTestClient http;

  @DynamicPropertySource
  static void servers(DynamicPropertyRegistry registry) {
    RealServers.registerS3(registry);
    RealServers.registerElasticsearch(registry);
    int closed = RealServers.freePort();
    registry.add("imagesearch.uploads.forward-to", () -> "http://127.0.0.1:" + closed);
  }

  @Test
  void anUnreachableIngestServiceIs503WithRetryAfter() {
    http.get()
        .uri("/api/images/{id}/status", "b".repeat(64))
        .exchange()
        .expectStatus()
        .isEqualTo(503)
        .expectHeader()
        .valueEquals(HttpHeaders.RETRY_AFTER, "5")
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .returnResult();
  }

  @Test
  void infoStillAnswersWithoutPendingWhenTheIngestServiceIsUnreachable() {
    http.get()
        .uri("/api/info")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.pending")
        .doesNotExist()
        .jsonPath("$.failed")
        .isNumber();
  }
}
