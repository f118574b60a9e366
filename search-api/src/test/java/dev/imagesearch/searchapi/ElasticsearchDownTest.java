package dev.imagesearch.searchapi;

import dev.imagesearch.testsupport.RealServers;
import dev.imagesearch.testsupport.TestImages;
import dev.imagesearch.testsupport.WithRealServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** A context whose Elasticsearch is a closed port: it starts, and every read answers 503. */
@WithRealServers
@SearchApiTest
class ElasticsearchDownTest {
  private static final String ID =
      "abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789";

  @Autowired WebTestClient http;

  @DynamicPropertySource
  static void servers(DynamicPropertyRegistry registry) {
    int port = RealServers.freePort();
    registry.add("imagesearch.elasticsearch.url", () -> "http://127.0.0.1:" + port);
    RealServers.registerS3(registry);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/api/search?q=cat",
        "/api/search?q=cat&mode=semantic&metric=l1",
        "/api/images/" + ID + "/similar",
        "/api/images/" + ID,
        "/api/info",
        "/api/collections",
      })
  void answers503WithRetryAfter(String uri) {
    http.get()
        .uri(uri)
        .exchange()
        .expectStatus()
        .isEqualTo(503)
        .expectHeader()
        .exists(HttpHeaders.RETRY_AFTER)
        .expectHeader()
        .contentType("application/problem+json")
        .expectBody()
        .returnResult();
  }

  /** Decoding and embedding work without Elasticsearch; the kNN search is what answers 503. */
  @Test
  void anImageQueryAnswers503WithRetryAfter() {
    http.post()
        .uri("/api/search")
        .bodyValue(SearchApiTestBase.withImage(TestImages.png(5, 64, 64)).build())
        .exchange()
        .expectStatus()
        .isEqualTo(503)
        .expectHeader()
        .exists(HttpHeaders.RETRY_AFTER)
        .expectHeader()
        .contentType("application/problem+json")
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo(503);
  }
}
