package dev.imagesearch.searchapi.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagesearch.searchapi.SearchApiTestBase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.http.HttpStatus;

/**
 * A date sort orders the relevant set only: the hits the relevance ranking does not mark weak. With
 * {@code q=picture}, 29 captions match the word (never weak) and image 7, captioned otherwise, is a
 * weak kNN hit under the test floor of 0.99.
 */
class SortTest extends SearchApiTestBase {
  private static final String PICTURE = "/api/search?q=picture&k=200";

  @ParameterizedTest
  @EnumSource(
      value = Sort.class,
      names = {"TAKEN", "UPLOADED"})
  void aDateSortKeepsTheRelevantSetNewestFirst(Sort sort) {
    var relevance = search(PICTURE);
    List<String> strong = ids(relevance.hits().stream().filter(h -> !h.weakMatch()).toList());

    var sorted = search(PICTURE + "&sort=" + sort.label());

    assertThat(relevance.hits()).anyMatch(ImageHit::weakMatch);
    assertThat(sorted.sort()).isEqualTo(sort.label());
    assertThat(ids(sorted.hits())).isEqualTo(corpus.newestFirst(strong, sort));
    assertThat(sorted.hits()).noneMatch(ImageHit::weakMatch);
  }

  @Test
  void anImageQuerySortedByDateKeepsOnlyItsStrongHits() {
    byte[] image = corpus.entry(2).bytes();
    var relevance = searchByImage(image, "/api/search?k=200");
    List<String> strong = ids(relevance.hits().stream().filter(h -> !h.weakMatch()).toList());

    var sorted = searchByImage(image, "/api/search?k=200&sort=uploaded");

    assertThat(strong).contains(corpus.entry(2).id()).hasSizeLessThan(relevance.hits().size());
    assertThat(ids(sorted.hits())).isEqualTo(corpus.newestFirst(strong, Sort.UPLOADED));
  }

  @Test
  void pagesOfADateSortLineUp() {
    var whole = search(PICTURE + "&sort=taken");
    List<String> paged = new ArrayList<>();
    String token = null;
    do {
      var page =
          search(
              "/api/search?q=picture&k=5&sort=taken"
                  + (token == null ? "" : "&pageToken=" + token));
      paged.addAll(ids(page.hits()));
      token = page.nextPageToken();
    } while (token != null);

    assertThat(paged).isEqualTo(ids(whole.hits()));
  }

  @Test
  void theCutoffIsAtLeastTheFloorAndDecidesWeakness() {
    var response = search("/api/search?q=picture&mode=semantic&k=200");

    assertThat(response.relevanceCutoff()).isGreaterThanOrEqualTo(response.weakMatchFloor());
    assertThat(response.hits())
        .allSatisfy(
            h -> assertThat(h.weakMatch()).isEqualTo(h.score() < response.relevanceCutoff()));
  }

  @Test
  void aTokenOfAnotherSortIs400() {
    String token = search("/api/search?q=picture&k=5&sort=uploaded").nextPageToken();

    http.get()
        .uri("/api/search?q=picture&k=5&sort=taken&pageToken=" + token)
        .exchange()
        .expectStatus()
        .isEqualTo(HttpStatus.BAD_REQUEST)
        .expectBody()
        .jsonPath("$.detail")
        .value(detail -> assertThat(detail.toString()).contains("different query"));
  }

  private static List<String> ids(List<ImageHit> hits) {
    return hits.stream().map(ImageHit::id).toList();
  }
}
