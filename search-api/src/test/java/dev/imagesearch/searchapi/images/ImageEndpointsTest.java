package dev.imagesearch.searchapi.images;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagesearch.searchapi.Corpus;
import dev.imagesearch.searchapi.SearchApiTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

class ImageEndpointsTest extends SearchApiTestBase {
  @Test
  void metadataIncludesExifFieldsButNoVectors() {
    Corpus.Entry entry = corpus.entry(1);

    http.get()
        .uri("/api/images/{id}", entry.id())
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.id")
        .isEqualTo(entry.id())
        .jsonPath("$.status")
        .isEqualTo("indexed")
        .jsonPath("$.filename")
        .isEqualTo(entry.doc().facts().filename())
        .jsonPath("$.width")
        .isEqualTo(entry.doc().facts().width())
        .jsonPath("$.camera")
        .isEqualTo(entry.doc().camera())
        .jsonPath("$.takenAt")
        .isEqualTo(entry.doc().takenAt().toString())
        .jsonPath("$.thumbnailUrl")
        .isEqualTo("/api/images/" + entry.id() + "/thumbnail")
        .jsonPath("$.vgg16")
        .doesNotExist()
        .jsonPath("$.clip")
        .doesNotExist();
  }

  @Test
  void failedImagesShowTheirReasonAndUnknownOnesAre404() {
    http.get()
        .uri("/api/images/{id}", corpus.failed().id())
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo("failed")
        .jsonPath("$.failureReason")
        .isEqualTo("not an image");
    http.get()
        .uri("/api/images/{id}", "f".repeat(64))
        .exchange()
        .expectStatus()
        .isNotFound()
        .expectHeader()
        .contentType("application/problem+json")
        .expectBody()
        .returnResult();
  }

  @Test
  void streamsTheOriginalWithTypeETagAndCacheHeaders() {
    Corpus.Entry entry = corpus.entry(0);

    var result =
        http.get()
            .uri("/api/images/{id}/content", entry.id())
            .exchange()
            .expectStatus()
            .isOk()
            .expectHeader()
            .contentType(MediaType.IMAGE_PNG)
            .expectHeader()
            .valueMatches(HttpHeaders.CACHE_CONTROL, "public, max-age=\\d+, immutable")
            .expectBody(byte[].class)
            .returnResult();

    assertThat(result.getResponseBody()).isEqualTo(entry.bytes());
    String etag = result.getResponseHeaders().getETag();
    assertThat(etag).isNotBlank();
    http.get()
        .uri("/api/images/{id}/content", entry.id())
        .header(HttpHeaders.IF_NONE_MATCH, etag)
        .exchange()
        .expectStatus()
        .isNotModified()
        .expectHeader()
        .valueEquals(HttpHeaders.ETAG, etag)
        .expectBody()
        .returnResult();
  }

  @Test
  void streamsTheThumbnailAsJpeg() {
    http.get()
        .uri("/api/images/{id}/thumbnail", corpus.entry(0).id())
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .contentType(MediaType.IMAGE_JPEG)
        .expectHeader()
        .exists(HttpHeaders.ETAG)
        .expectBody(byte[].class)
        .value(bytes -> assertThat(bytes).startsWith((byte) 0xFF, (byte) 0xD8));
  }

  @Test
  void missingObjectsAre404() {
    http.get()
        .uri("/api/images/{id}/thumbnail", corpus.entry(5).id())
        .exchange()
        .expectStatus()
        .isNotFound()
        .expectHeader()
        .contentType("application/problem+json")
        .expectBody()
        .returnResult();
    http.get()
        .uri("/api/images/{id}/content", corpus.entry(5).id())
        .exchange()
        .expectStatus()
        .isNotFound()
        .expectBody()
        .returnResult();
  }
}
