package dev.imagesearch.ingestservice;

import org.junit.jupiter.api.Test;

class IngestServiceApplicationTest extends IngestApiTestBase {

  @Test
  void reportsItselfHealthyAndReadyOnTheManagementPort() {
    management()
        .get()
        .uri("/actuator/health")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo("UP");
    management()
        .get()
        .uri("/actuator/health/readiness")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .returnResult();
  }

  /** The API port is what the Ingress publishes: metrics and health must not be reachable there. */
  @Test
  void theApiPortServesNoActuator() {
    for (String path : new String[] {"/actuator/prometheus", "/actuator/health", "/actuator"}) {
      http.get().uri(path).exchange().expectStatus().isNotFound().expectBody().returnResult();
    }
  }
}
