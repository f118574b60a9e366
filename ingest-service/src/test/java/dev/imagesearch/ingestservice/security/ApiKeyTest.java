package dev.imagesearch.ingestservice.security;

import dev.imagesearch.ingestservice.IngestApiTestBase;
import dev.imagesearch.ingestservice.IngestTest;
import dev.imagesearch.testsupport.TestImages;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * Every answer's body is read: the test client's buffers of an unread body are never released, and
 * the build fails on leaked buffers (test-support's NettyLeakCheck).
 */
class ApiKeyTest extends IngestApiTestBase {

  @Test
  void uploadWithoutAKeyIs401AndSaysHowToSendOne() {
    http.post()
        .uri("/api/images")
        .bodyValue(files(Map.of("a.jpg", TestImages.jpeg(8, 8))).build())
        .exchange()
        .expectStatus()
        .isUnauthorized()
        .expectHeader()
        .valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
        .expectHeader()
        .valueEquals("X-Content-Type-Options", "nosniff")
        .expectHeader()
        .valueEquals("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.detail")
        .value(
            String.class,
            detail ->
                org.assertj.core.api.Assertions.assertThat(detail)
                    .contains("Authorization: Bearer"));
  }

  @Test
  void anUnknownKeyIs401() {
    http.post()
        .uri("/api/images")
        .header(HttpHeaders.AUTHORIZATION, "Bearer not-a-key")
        .bodyValue(files(Map.of("a.jpg", TestImages.jpeg(8, 8))).build())
        .exchange()
        .expectStatus()
        .isUnauthorized()
        .expectBody()
        .jsonPath("$.detail")
        .isEqualTo("Unknown API key.");
  }

  @Test
  void aReadOnlyKeyMayNotUploadOrDelete() {
    http.post()
        .uri("/api/images")
        .header("X-Api-Key", IngestTest.READ_KEY)
        .bodyValue(files(Map.of("a.jpg", TestImages.jpeg(8, 8))).build())
        .exchange()
        .expectStatus()
        .isForbidden()
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.detail")
        .isEqualTo("This API key may read but not upload or delete.");
    http.delete()
        .uri("/api/images/" + "a".repeat(64))
        .header("X-Api-Key", IngestTest.READ_KEY)
        .exchange()
        .expectStatus()
        .isForbidden()
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo(403);
  }

  @Test
  void theWriteKeyWorksInTheXApiKeyHeaderToo() {
    http.post()
        .uri("/api/images")
        .header("X-Api-Key", IngestTest.WRITE_KEY)
        .bodyValue(files(Map.of("a.jpg", TestImages.jpeg(8, 8))).build())
        .exchange()
        .expectStatus()
        .isAccepted()
        .expectBody()
        .jsonPath("$.results[0].filename")
        .isEqualTo("a.jpg");
  }

  @Test
  void readingNeedsNoKey() {
    http.get()
        .uri("/api/images/" + "0".repeat(64) + "/status")
        .exchange()
        .expectStatus()
        .isNotFound()
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo(404);
  }
}
