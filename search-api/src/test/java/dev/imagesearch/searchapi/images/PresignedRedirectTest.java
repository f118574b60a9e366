package dev.imagesearch.searchapi.images;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagesearch.searchapi.Corpus;
import dev.imagesearch.searchapi.SearchApiTestBase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.TestPropertySource;

@TestPropertySource(properties = "imagesearch.images.delivery=redirect")
class PresignedRedirectTest extends SearchApiTestBase {
  @Test
  void redirectsToAShortLivedPresignedUrlThatServesTheBytes() throws Exception {
    Corpus.Entry entry = corpus.entry(0);

    var result =
        http.get()
            .uri("/api/images/{id}/content", entry.id())
            .exchange()
            .expectStatus()
            .isTemporaryRedirect()
            .expectHeader()
            .valueMatches(HttpHeaders.CACHE_CONTROL, "max-age=\\d+, private")
            .expectBody()
            .returnResult();
    URI location = result.getResponseHeaders().getLocation();

    assertThat(result.getResponseHeaders().getFirst("Content-Security-Policy"))
        .as("the page may show images from S3")
        .contains("img-src 'self' blob: data: " + origin(location) + ";")
        .contains("connect-src 'self' " + origin(location) + ";");
    assertThat(location.toString())
        .contains("originals/" + entry.id())
        .contains("X-Amz-Signature=")
        .contains("X-Amz-Expires=300");
    HttpResponse<byte[]> fetched =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(location).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    assertThat(fetched.statusCode()).isEqualTo(200);
    assertThat(fetched.body()).isEqualTo(entry.bytes());
  }

  private static String origin(URI url) {
    return url.getScheme() + "://" + url.getAuthority();
  }

  @Test
  void thumbnailsRedirectToo() {
    http.get()
        .uri("/api/images/{id}/thumbnail", corpus.entry(0).id())
        .exchange()
        .expectStatus()
        .isTemporaryRedirect()
        .expectHeader()
        .value(HttpHeaders.LOCATION, location -> assertThat(location).contains("thumbnails/"))
        .expectBody()
        .returnResult();
  }
}
