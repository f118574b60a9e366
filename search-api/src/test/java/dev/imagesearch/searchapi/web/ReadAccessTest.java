package dev.imagesearch.searchapi.web;

import dev.imagesearch.searchapi.SearchApiTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.TestPropertySource;

/** sha256("read-key"); CORS for one origin. */
@TestPropertySource(
    properties = {
      "imagesearch.security.api-key-sha256=8578df6c579d44d3bf7caeada69ed9cbca30b318a50a0e60216b46760edf5477",
      "imagesearch.security.cors-origins=https://photos.example"
    })
class ReadAccessTest extends SearchApiTestBase {
  @Test
  void apiNeedsTheKeyWhenOneIsConfigured() {
    http.get()
        .uri("/api/info")
        .exchange()
        .expectStatus()
        .isUnauthorized()
        .expectHeader()
        .contentType("application/problem+json")
        .expectBody()
        .returnResult();
    http.get()
        .uri("/api/info")
        .header("X-Api-Key", "wrong")
        .exchange()
        .expectStatus()
        .isUnauthorized()
        .expectBody()
        .returnResult();
    http.get()
        .uri("/api/info")
        .header("X-Api-Key", "read-key")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .returnResult();
    http.get()
        .uri("/api/collections")
        .header(HttpHeaders.AUTHORIZATION, "Bearer read-key")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .returnResult();
  }

  @Test
  void theUiAndHealthStayOpen() {
    http.get().uri("/").exchange().expectStatus().isOk().expectBody().returnResult();
    management()
        .get()
        .uri("/actuator/health")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .returnResult();
  }

  @Test
  void corsOnlyForConfiguredOrigins() {
    http.options()
        .uri("/api/search")
        .header(HttpHeaders.ORIGIN, "https://photos.example")
        .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET")
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "https://photos.example")
        .expectBody()
        .returnResult();
    http.options()
        .uri("/api/search")
        .header(HttpHeaders.ORIGIN, "https://evil.example")
        .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET")
        .exchange()
        .expectStatus()
        .isForbidden()
        .expectHeader()
        .doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)
        .expectBody()
        .returnResult();
  }
}
