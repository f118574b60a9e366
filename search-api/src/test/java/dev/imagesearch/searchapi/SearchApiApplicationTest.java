package dev.imagesearch.searchapi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SearchApiApplicationTest extends SearchApiTestBase {
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

  @Test
  void servesTheWebUiAtTheRoot() {
    http.get()
        .uri("/")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(String.class)
        .value(body -> assertThat(body).contains("<title>imagesearch</title>"));
  }

  @Test
  void publishesTheOpenApiDocumentAndSwaggerUi() {
    http.get()
        .uri("/v3/api-docs")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.paths['/api/search'].get")
        .exists()
        .jsonPath("$.paths['/api/search'].post")
        .exists()
        .jsonPath("$.paths['/api/images/{id}/similar'].get")
        .exists();
    http.get()
        .uri("/swagger-ui/index.html")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .returnResult();
  }
}
