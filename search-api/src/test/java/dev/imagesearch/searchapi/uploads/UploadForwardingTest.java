package dev.imagesearch.searchapi.uploads;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagesearch.searchapi.SearchApiTest;
import dev.imagesearch.testsupport.RealServers;
import dev.imagesearch.testsupport.WithRealServers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * The page uploads through search-api; an in-process stand-in for the ingest-service records it.
 */
@WithRealServers
@SearchApiTest
class UploadForwardingTest {
  record Received(
      String method, String uri, String authorization, String contentType, String body) {}

  static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();
  static final DisposableServer INGEST =
      HttpServer.create()
          .host("127.0.0.1")
          .port(0)
          .handle(
              (request, response) ->
                  request
                      .receive()
                      .aggregate()
                      .asString(StandardCharsets.ISO_8859_1)
                      .defaultIfEmpty("")
                      .flatMap(
                          body -> {
                            RECEIVED.add(
                                new Received(
                                    request.method().name(),
                                    request.uri(),
                                    request.requestHeaders().get(HttpHeaders.AUTHORIZATION),
                                    request.requestHeaders().get(HttpHeaders.CONTENT_TYPE),
                                    body));
                            return response
                                .status(415)
                                .header(HttpHeaders.CONTENT_TYPE, "application/problem+json")
                                .header(HttpHeaders.RETRY_AFTER, "7")
                                .sendString(
                                    Mono.just(
                                        "{\"status\":415,\"detail\":\"This is not an image.\"}"))
                                .then();
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
  void anUploadReachesTheIngestServiceWithItsKeyAndBytesAndItsAnswerComesBack() {
    MultipartBodyBuilder body = new MultipartBodyBuilder();
    body.part(
        "file",
        new ByteArrayResource("pixels-123".getBytes(StandardCharsets.UTF_8)) {
          @Override
          public String getFilename() {
            return "a.jpg";
          }
        });
    body.part("collection", "holidays");

    http.post()
        .uri("/api/images")
        .header(HttpHeaders.AUTHORIZATION, "Bearer the-key")
        .bodyValue(body.build())
        .exchange()
        .expectStatus()
        .isEqualTo(415)
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectHeader()
        .valueEquals(HttpHeaders.RETRY_AFTER, "7")
        .expectBody()
        .jsonPath("$.detail")
        .isEqualTo("This is not an image.");

    Received received = RECEIVED.getLast();
    assertThat(received.method()).isEqualTo("POST");
    assertThat(received.uri()).isEqualTo("/api/images");
    assertThat(received.authorization()).isEqualTo("Bearer the-key");
    assertThat(received.contentType()).startsWith("multipart/form-data");
    assertThat(received.body())
        .contains("filename=\"a.jpg\"", "pixels-123", "name=\"collection\"", "holidays");
  }

  @Test
  void statusAndDeletionGoToTheIngestServiceToo() {
    String id = "a".repeat(64);

    http.get()
        .uri("/api/images/{id}/status", id)
        .exchange()
        .expectStatus()
        .isEqualTo(415)
        .expectBody()
        .returnResult();
    http.post()
        .uri("/api/images/status")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"ids\":[\"" + id + "\"]}")
        .exchange()
        .expectStatus()
        .isEqualTo(415)
        .expectBody()
        .returnResult();
    http.delete()
        .uri("/api/images/{id}", id)
        .header("X-Api-Key", "k")
        .exchange()
        .expectStatus()
        .isEqualTo(415)
        .expectBody()
        .returnResult();

    assertThat(RECEIVED)
        .extracting(Received::method, Received::uri)
        .contains(
            org.assertj.core.groups.Tuple.tuple("GET", "/api/images/" + id + "/status"),
            org.assertj.core.groups.Tuple.tuple("POST", "/api/images/status"),
            org.assertj.core.groups.Tuple.tuple("DELETE", "/api/images/" + id));
    assertThat(RECEIVED)
        .filteredOn(r -> r.uri().equals("/api/images/status"))
        .singleElement()
        .satisfies(r -> assertThat(r.body()).isEqualTo("{\"ids\":[\"" + id + "\"]}"))
        .satisfies(r -> assertThat(r.contentType()).startsWith("application/json"));
  }
}
