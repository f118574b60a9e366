package dev.imagesearch.searchapi.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagesearch.searchapi.SearchApiTestBase;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A protected instance (sha256("read-key")) signed into from the page: the cookie opens reads,
 * thumbnails and originals, and goes on to the ingest-service (an in-process stand-in) as the key.
 */
@TestPropertySource(
    properties =
        "imagesearch.security.api-key-sha256=8578df6c579d44d3bf7caeada69ed9cbca30b318a50a0e60216b46760edf5477")
class SignInTest extends SearchApiTestBase {
  static final List<String> INGEST_KEYS = new CopyOnWriteArrayList<>();
  static final DisposableServer INGEST =
      HttpServer.create()
          .host("127.0.0.1")
          .port(0)
          .handle(
              (request, response) -> {
                INGEST_KEYS.add(String.valueOf(request.requestHeaders().get("X-Api-Key")));
                return response.status(204).send();
              })
          .bindNow();

  @Autowired ApplicationContext context;

  @DynamicPropertySource
  static void ingest(DynamicPropertyRegistry registry) {
    registry.add("imagesearch.uploads.forward-to", () -> "http://127.0.0.1:" + INGEST.port());
  }

  @AfterAll
  static void stop() {
    INGEST.disposeNow();
  }

  @Test
  void theCookieOpensReadsThumbnailsAndOriginalsAndNothingElseDoes() {
    String id = corpus.entry(0).id();
    http.get()
        .uri("/api/session")
        .exchange()
        .expectBody()
        .json("{\"keyRequired\": true, \"signedIn\": false}");
    signIn("wrong")
        .expectStatus()
        .isUnauthorized()
        .expectHeader()
        .doesNotExist("Set-Cookie")
        .expectBody()
        .returnResult();

    String cookie = cookie(signIn("read-key").expectStatus().isOk());
    assertThat(cookie)
        .startsWith("imagesearch_key=")
        .contains("Path=/api/", "HttpOnly", "SameSite=Strict")
        .doesNotContain("Secure", "Max-Age", "read-key");
    String value = cookie.substring(0, cookie.indexOf(';'));
    for (String uri :
        List.of(
            "/api/info", "/api/images/" + id + "/thumbnail", "/api/images/" + id + "/content")) {
      http.get().uri(uri).exchange().expectStatus().isUnauthorized().expectBody().returnResult();
      http.get()
          .uri(uri)
          .header(HttpHeaders.COOKIE, value)
          .exchange()
          .expectStatus()
          .isOk()
          .expectBody()
          .returnResult();
    }
    http.get()
        .uri("/api/session")
        .header(HttpHeaders.COOKIE, value)
        .exchange()
        .expectBody()
        .json("{\"keyRequired\": true, \"signedIn\": true}");
    http.get()
        .uri("/api/info")
        .header(HttpHeaders.COOKIE, "imagesearch_key=d3Jvbmc") // "wrong"
        .exchange()
        .expectStatus()
        .isUnauthorized()
        .expectBody()
        .returnResult();
  }

  @Test
  void aDeletionGoesToTheIngestServiceWithTheSignedInKey() {
    String value = cookie(signIn("read-key").expectStatus().isOk()).split(";")[0];
    http.delete()
        .uri("/api/images/{id}", "b".repeat(64))
        .header(HttpHeaders.COOKIE, value)
        .exchange()
        .expectStatus()
        .isNoContent()
        .expectBody()
        .returnResult();
    assertThat(INGEST_KEYS.getLast()).isEqualTo("read-key");
  }

  @Test
  void signingOutClearsTheCookie() {
    String cookie = cookie(http.delete().uri("/api/session").exchange().expectStatus().isOk());
    assertThat(cookie).startsWith("imagesearch_key=;").contains("Max-Age=0", "HttpOnly");
  }

  @Test
  void overHttpsTheCookieIsSecure() {
    WebTestClient https =
        WebTestClient.bindToApplicationContext(context)
            .configureClient()
            .baseUrl("https://photos.example")
            .build();
    String cookie =
        cookie(
            https
                .post()
                .uri("/api/session")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("key", "read-key"))
                .exchange()
                .expectStatus()
                .isOk());
    assertThat(cookie).contains("Secure");
  }

  @Test
  void aMissingOrOverlongKeyIsABadRequest() {
    signIn("").expectStatus().isBadRequest().expectBody().returnResult();
    signIn("k".repeat(513)).expectStatus().isBadRequest().expectBody().returnResult();
    http.post()
        .uri("/api/session")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{}")
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .returnResult();
  }

  private WebTestClient.ResponseSpec signIn(String key) {
    return http.post()
        .uri("/api/session")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("key", key))
        .exchange();
  }

  private static String cookie(WebTestClient.ResponseSpec response) {
    return response.expectBody().returnResult().getResponseHeaders().getFirst("Set-Cookie");
  }
}
