package dev.imagesearch.searchapi.browse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagesearch.index.ImageDocument;
import dev.imagesearch.searchapi.Corpus;
import dev.imagesearch.searchapi.SearchApiTestBase;
import dev.imagesearch.searchapi.search.Sort;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpStatus;

/** The listing with no query: every indexed image once, newest first, page after page. */
class BrowseTest extends SearchApiTestBase {
  @ParameterizedTest
  @ValueSource(strings = {"uploaded", "taken"})
  void pagesListEveryIndexedImageOnceNewestFirst(String sort) {
    List<String> listed = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      BrowsePage page =
          list("/api/images?k=7&sort=" + sort + (token == null ? "" : "&pageToken=" + token));
      assertThat(page.hits()).hasSizeLessThanOrEqualTo(7);
      listed.addAll(page.hits().stream().map(BrowsePage.Listed::id).toList());
      token = page.nextPageToken();
      pages++;
    } while (token != null);

    List<String> all = corpus.entries().stream().map(Corpus.Entry::id).toList();
    assertThat(listed).isEqualTo(corpus.newestFirst(all, Sort.parse(sort)));
    assertThat(pages).isEqualTo((Corpus.SIZE + 6) / 7);
  }

  @Test
  void theDefaultIsNewestUploadFirstWithTheFieldsOfAHit() {
    BrowsePage page = list("/api/images");

    ImageDocument newest = corpus.entry(Corpus.SIZE - 1).doc();
    var first = page.hits().getFirst();
    assertThat(page.sort()).isEqualTo("uploaded");
    assertThat(page.hits()).hasSize(24);
    assertThat(first.id()).isEqualTo(newest.id());
    assertThat(first.facts().filename()).isEqualTo(newest.facts().filename());
    assertThat(first.thumbnailUrl()).isEqualTo("/api/images/" + newest.id() + "/thumbnail");
    assertThat(first.duplicateOf()).isEqualTo(newest.duplicateOf());
  }

  @Test
  void filtersApply() {
    BrowsePage page = list("/api/images?k=200&collection=beta&tags=even&hideDuplicates=true");

    List<String> expected =
        corpus.entries().stream()
            .map(Corpus.Entry::doc)
            .filter(d -> "beta".equals(d.facts().collection()))
            .filter(d -> d.facts().tags().contains("even") && d.duplicateOf() == null)
            .map(ImageDocument::id)
            .toList();
    assertThat(page.hits().stream().map(BrowsePage.Listed::id).toList())
        .isNotEmpty()
        .isEqualTo(corpus.newestFirst(expected, Sort.UPLOADED));
    assertThat(page.nextPageToken()).isNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/api/images?sort=random",
        "/api/images?k=0",
        "/api/images?k=201",
        "/api/images?pageToken=not-a-token",
        "/api/images?tagsMatch=some",
      })
  void badParametersAre400(String uri) {
    http.get()
        .uri(uri)
        .exchange()
        .expectStatus()
        .isEqualTo(HttpStatus.BAD_REQUEST)
        .expectBody()
        .jsonPath("$.detail")
        .exists();
  }

  @Test
  void aTokenOfAnotherSortIs400() {
    String token = list("/api/images?k=3&sort=uploaded").nextPageToken();

    http.get()
        .uri("/api/images?k=3&sort=taken&pageToken=" + token)
        .exchange()
        .expectStatus()
        .isEqualTo(HttpStatus.BAD_REQUEST)
        .expectBody()
        .jsonPath("$.detail")
        .value(detail -> assertThat(detail.toString()).contains("another sort"));
  }

  private BrowsePage list(String uri) {
    return http.get()
        .uri(uri)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(BrowsePage.class)
        .returnResult()
        .getResponseBody();
  }
}
