package dev.imagesearch.searchapi.info;

import dev.imagesearch.searchapi.SearchApiTest;
import dev.imagesearch.testsupport.RealServers;
import dev.imagesearch.testsupport.WithRealServers;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * The pending count comes from the ingest-service; an in-process stand-in for it answers as told: a
 * count, a 503 (its Kafka is away), or too late.
 */
@WithRealServers
@SearchApiTest
class InfoPendingTest {
  record Answer(int status, String body, Duration delay) {}

  static final AtomicReference<Answer> ANSWER = new AtomicReference<>();
  static final DisposableServer INGEST =
      HttpServer.create()
          .host("127.0.0.1")
          .port(0)
          .route(
              routes ->
                  routes.get(
                      "/api/pipeline",
                      (request, response) -> {
                        Answer answer = ANSWER.get();
                        return Mono.delay(answer.delay())
                            .then(
                                response
                                    .status(answer.status())
                                    .header(HttpHeaders.CONTENT_TYPE, "application/json")
                                    .sendString(Mono.just(answer.body()))
                                    .then());
                      }))
          .bindNow();

  @Autowired WebTestClient http;

  @DynamicPropertySource
  static void servers(DynamicPropertyRegistry registry) {
    RealServers.registerS3(registry);
    RealServers.registerElasticsearch(registry);
    registry.add("imagesearch.uploads.forward-to", () -> "http://127.0.0.1:" + INGEST.port());
  }

  @AfterAll
  static void stop() {
    INGEST.disposeNow();
  }

  @Test
  void includesWhatTheIngestServiceCountsAsPending() {
    ANSWER.set(new Answer(200, "{\"pending\":7}", Duration.ZERO));
    info().jsonPath("$.pending").isEqualTo(7);
    ANSWER.set(new Answer(200, "{\"pending\":0}", Duration.ZERO));
    info().jsonPath("$.pending").isEqualTo(0);
  }

  @Test
  void leavesPendingOutWhenTheIngestServiceCannotCount() {
    ANSWER.set(new Answer(503, "{\"status\":503,\"detail\":\"Kafka is away.\"}", Duration.ZERO));
    info().jsonPath("$.pending").doesNotExist().jsonPath("$.indexed").isNumber();
  }

  @Test
  void doesNotWaitLongForASlowIngestService() {
    ANSWER.set(new Answer(200, "{\"pending\":3}", Duration.ofSeconds(5)));
    long start = System.nanoTime();
    info().jsonPath("$.pending").doesNotExist().jsonPath("$.indexed").isNumber();
    org.assertj.core.api.Assertions.assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isLessThan(Duration.ofSeconds(4));
  }

  private WebTestClient.BodyContentSpec info() {
    return http.mutate()
        .responseTimeout(Duration.ofSeconds(10))
        .build()
        .get()
        .uri("/api/info")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody();
  }
}
