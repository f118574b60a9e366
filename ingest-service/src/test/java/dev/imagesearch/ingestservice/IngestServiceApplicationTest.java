package dev.imagesearch.ingestservice;

import org.junit.jupiter.api.Test;

class IngestServiceApplicationTest extends IngestApiTestBase {

  @Test
  void reportsItselfHealthyAndReady() {
    http.get()
        .uri("/actuator/health")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo("UP");
    http.get()
        .uri("/actuator/health/readiness")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .returnResult();
  }
}
