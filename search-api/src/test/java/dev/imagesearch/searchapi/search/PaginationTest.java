package dev.imagesearch.searchapi.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagesearch.searchapi.SearchApiTestBase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Following nextPageToken gives the single big page's hits in order: no duplicates, no gaps. */
class PaginationTest extends SearchApiTestBase {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "/api/search?q=a red bicycle&mode=semantic",
        "/api/search?q=a red bicycle&mode=semantic&metric=l1",
        "/api/search?q=picture number&mode=hybrid",
        "/api/search?q=a red bicycle&mode=semantic&metric=l2&collection=alpha",
      })
  void pagesConcatenateToTheFullRanking(String query) {
    List<String> all = search(query + "&k=200").hits().stream().map(ImageHit::id).toList();
    ResultPage big = search(query + "&k=28");

    List<String> paged = new ArrayList<>();
    int pages = 0;
    ResultPage page = search(query + "&k=4");
    while (true) {
      pages++;
      page.hits().forEach(hit -> paged.add(hit.id()));
      if (page.nextPageToken() == null) {
        break;
      }
      page = search(query + "&k=4&pageToken={token}", page.nextPageToken());
    }

    assertThat(paged).doesNotHaveDuplicates();
    assertThat(paged).containsExactlyElementsOf(all);
    assertThat(pages).isEqualTo((all.size() + 3) / 4);
    assertThat(big.hits())
        .extracting(ImageHit::id)
        .containsExactlyElementsOf(all.subList(0, Math.min(28, all.size())));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "q=a red bicycle&k=5",
        "q=something else&k=4",
        "q=a red bicycle&k=4&metric=l2",
        "q=a red bicycle&k=4&collection=beta",
        "q=a red bicycle&k=4&mode=semantic"
      })
  void aTokenOnlyFitsTheQueryThatMadeIt(String changed) {
    String token = search("/api/search?q=a red bicycle&k=4").nextPageToken();

    http.get()
        .uri("/api/search?" + changed + "&pageToken={token}", token)
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectHeader()
        .contentType("application/problem+json")
        .expectBody()
        .returnResult();
  }
}
