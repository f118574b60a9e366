package dev.imagesearch.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/**
 * The page with no query shows the collection, newest first, page after page as it scrolls; a query
 * can be sorted by date within its relevant set. In a phone-sized and a wide window. Output in
 * cli/target/e2e-browse/.
 */
class BrowseAndSortE2ETest extends PageTest {
  private static final Path OUT = Path.of("target", "e2e-browse").toAbsolutePath();
  private static final int PHOTOS = 7;

  BrowseAndSortE2ETest() {
    super(OUT, PHOTOS, "--collection", "e2e");
  }

  @AfterEach
  void wideAgain() {
    if (browser != null) {
      browser.size(1280, 900);
    }
  }

  @ParameterizedTest(name = "{0}x{1}")
  @CsvSource({"390, 844", "1280, 900"})
  void theEmptyPageShowsTheCollectionNewestFirstAndScrollsOn(int width, int height)
      throws Exception {
    browser.size(width, height);
    // Two images a page: the rest only comes as the end of the list scrolls into view.
    page.open("?k=2");
    page.waitFor(
        "every image",
        () -> {
          browser.js("window.scrollTo(0, document.body.scrollHeight)");
          return browser.count(".card") == PHOTOS;
        });

    List<String> newestFirst = ids(stack.getJson("/api/images?k=200").path("hits"));
    assertThat(page.ids()).isEqualTo(newestFirst);
    assertThat(browser.count(".card .score")).as("listed images have no score").isZero();
    assertThat(browser.text("#metric-hint")).contains("newest first");
    assertThat(pageTokensSent()).as("pages fetched with a cursor").isGreaterThanOrEqualTo(3);
    assertThat((Boolean) browser.js("return document.documentElement.scrollWidth <= innerWidth"))
        .isTrue();
    page.shot("browse-" + width);
  }

  @ParameterizedTest(name = "{0}x{1}")
  @CsvSource({"390, 844", "1280, 900"})
  void browsingKeepsTheFilters(int width, int height) throws Exception {
    browser.size(width, height);
    page.open("?collection=elsewhere");
    page.waitFor("the empty answer", () -> browser.text("#message").contains("No images yet"));
    assertThat(browser.count(".card")).isZero();

    page.open("?collection=e2e&sort=taken");
    page.waitFor("the collection", () -> browser.count(".card") == PHOTOS);
    assertThat(lastCall("/api/images?")).contains("collection=e2e").contains("sort=taken");
    assertThat(browser.find("#sort").getDomProperty("value")).isEqualTo("taken");
  }

  @ParameterizedTest(name = "{0}x{1}")
  @CsvSource({"390, 844", "1280, 900"})
  void aQuerySortedByDateShowsItsRelevantSetNewestFirst(int width, int height) throws Exception {
    browser.size(width, height);
    page.open("");
    // Every file is named photo-N: the word matches them all, so none is weak.
    browser.type("#q", "photo");
    page.waitFor("results", () -> browser.count(".card .score") == PHOTOS);
    browser.select("#sort", "by date uploaded");
    page.waitFor("the sorted answer", () -> lastCall("/api/search").contains("sort=uploaded"));
    JsonNode answer = stack.getJson(lastCall("/api/search"));
    page.waitFor("the sorted cards", () -> page.ids().equals(ids(answer.path("hits"))));

    assertThat(browser.url()).contains("sort=uploaded").contains("q=photo");
    assertThat(page.ids()).isEqualTo(ids(stack.getJson("/api/images?k=200").path("hits")));
    assertThat(browser.count(".card .score")).isEqualTo(PHOTOS);
    page.shot("sorted-" + width);

    // The address restores the sort.
    page.open("?q=photo&sort=uploaded");
    page.waitFor("results", () -> browser.count(".card .score") == PHOTOS);
    assertThat(browser.find("#sort").getDomProperty("value")).isEqualTo("uploaded");
  }

  private String lastCall(String path) {
    return (String)
        browser.js(
            "return performance.getEntriesByType('resource').map((e) => e.name)"
                + ".filter((n) => n.includes(arguments[0])).at(-1) ?? ''",
            path);
  }

  private long pageTokensSent() {
    return (Long)
        browser.js(
            "return performance.getEntriesByType('resource')"
                + ".filter((e) => e.name.includes('/api/images?')"
                + " && e.name.includes('pageToken=')).length");
  }

  private static List<String> ids(JsonNode hits) {
    List<String> out = new ArrayList<>();
    hits.forEach(hit -> out.add(hit.path("id").asString()));
    return out;
  }
}
