package dev.imagesearch.searchapi.web;

import dev.imagesearch.searchapi.SearchApiTestBase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Uploads are served from the page's origin: a browser must never sniff one into a script or a page
 * (nosniff), and the page may run only its own files (the CSP). Browser tests (SearchPageE2ETest)
 * check that the page works under this policy.
 */
class SecurityHeadersTest extends SearchApiTestBase {
  static final String PAGE_POLICY =
      "default-src 'self'; img-src 'self' blob: data:; connect-src 'self'; object-src 'none';"
          + " base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/",
        "/app.js",
        "/api/images/{id}/content",
        "/api/images/{id}/thumbnail",
        "/api/images/{id}",
        "/api/images/not-an-id/content",
        "/api/images/0000000000000000000000000000000000000000000000000000000000000000/content",
        "/api/search?q=cat",
        "/api/search?q=cat&k=0",
      })
  void everyAnswerIsNosniffWithThePagePolicy(String uri) {
    http.get()
        .uri(uri, corpus.entry(0).id())
        .exchange()
        .expectHeader()
        .valueEquals("X-Content-Type-Options", "nosniff")
        .expectHeader()
        .valueEquals("Content-Security-Policy", PAGE_POLICY)
        .expectBody()
        .returnResult();
  }
}
