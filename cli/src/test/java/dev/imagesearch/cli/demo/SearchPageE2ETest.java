package dev.imagesearch.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.imagesearch.testsupport.NeedsClipVocabulary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The search page in headless Chromium against the stack that {@code imagesearch demo} starts
 * (stand-in models). Output in cli/target/e2e/. Skips, saying why, without Chromium or free ports.
 */
@NeedsClipVocabulary
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SearchPageE2ETest {
  private static final Path OUT = Path.of("target", "e2e").toAbsolutePath();
  private static final int PHOTOS = 8;

  private final Path photos = OUT.resolve("photos");
  private DemoStack stack;
  private Browser browser;
  private SearchPage page;
  private final String whyNot = DemoStack.whyNot();

  @BeforeAll
  void start() throws Exception {
    if (whyNot != null) {
      return;
    }
    Photos.drawFolder(photos, PHOTOS);
    stack = new DemoStack(OUT);
    assertThat(stack.demo(photos, "--collection", "e2e", "--tags", "e2e,demo"))
        .contains(PHOTOS + " images indexed")
        .contains("Open http://127.0.0.1:8080/");
    browser = new Browser(Files.createTempDirectory("e2e-chromium-"), OUT.resolve("driver.log"));
    page = new SearchPage(browser, OUT.resolve("screenshots"));
  }

  @BeforeEach
  void canRun() {
    assumeTrue(whyNot == null, () -> "Browser tests skipped: " + whyNot);
  }

  @AfterEach
  void noConsoleErrors() throws Exception {
    if (browser != null) {
      assertThat(browser.consoleErrors()).isEmpty();
    }
  }

  @AfterAll
  void stop() throws Exception {
    try {
      if (browser != null) {
        browser.close();
      }
    } finally {
      if (stack != null) {
        stack.stop();
      }
    }
  }

  @Test
  @Order(1)
  void headerCountsImagesAndWarnsAboutStandinModels() throws Exception {
    page.open("");
    page.waitFor("count", () -> browser.text("#counts").startsWith(PHOTOS + " images indexed"));
    assertThat(browser.text("#standin-banner")).contains("results are not semantic");
    page.shot("01-home");
  }

  @Test
  @Order(2)
  void textSearchShowsResultsWithScoresAlsoAtPhoneWidth() throws Exception {
    page.open("");
    browser.type("#q", "red circles");
    page.waitFor("results", () -> browser.count(".card") > 0);
    assertThat(page.scores()).isNotEmpty().allMatch(s -> s.matches("similarity -?\\d\\.\\d\\d"));
    assertThat(browser.url()).contains("q=red+circles");
    page.shot("02-text-search");
    if (browser.count("#results .card") == 0) {
      assertThat(browser.text("#message")).startsWith("No good match");
    }
    assertThat(page.fitsPhoneWidth("02-text-search-phone")).as("no sideways scrolling").isTrue();
  }

  @Test
  @Order(3)
  void droppingAnIndexedImageFindsItFirstWithSimilarityOne() throws Exception {
    Path photo = photos.resolve("photo-3.png");
    String id = ImageIds.sha256(photo);
    page.open("");
    page.drop(photo, "image/png");
    page.waitFor("the dropped image first", () -> id.equals(page.firstId()));
    assertThat(page.scores().getFirst()).isEqualTo("similarity 1.00");
    assertThat(browser.url()).contains("image=" + id);
    assertThat(browser.text("#image-chip")).contains("photo-3.png");
    page.shot("03-image-query");
    browser.open(browser.url());
    page.waitFor("the same after a reload", () -> id.equals(page.firstId()));
    assertThat(page.scores().getFirst()).isEqualTo("similarity 1.00");
    browser.type("#q", "red"); // text and image together: combined in CLIP space
    page.waitFor("combined", () -> page.firstId() != null && browser.url().contains("q=red"));
    assertThat(browser.text("#metric-hint")).startsWith("Image and text combined, CLIP vectors");
  }

  @Test
  @Order(4)
  void switchingTheMetricChangesLabelsAndValues() throws Exception {
    String id = ImageIds.sha256(photos.resolve("photo-3.png"));
    page.open("?image=" + id);
    page.waitFor("image results", () -> id.equals(page.firstId()));
    List<Double> cosine = page.rawScores();
    assertThat(cosine.getFirst()).isCloseTo(1.0, within(1e-4));
    browser.click("#more summary");
    browser.click("#metric option[value=l2]");
    page.waitFor("L2 labels", () -> page.scores().getFirst().equals("distance 0.00"));
    assertThat(page.scores()).allMatch(s -> s.matches("distance \\d\\.\\d\\d"));
    List<Double> l2 = page.rawScores();
    assertThat(l2.getFirst()).isCloseTo(0.0, within(1e-2));
    assertThat(l2).isNotEqualTo(cosine).isSorted();
    assertThat(browser.text("#metric-hint")).contains("L2 (Euclidean) distance");
    assertThat(browser.url()).contains("metric=l2");
    page.shot("04-metric-l2");
    browser.click("#metric option[value=l1]");
    page.waitFor("L1 hint", () -> browser.text("#metric-hint").contains("L1 (Manhattan)"));
    page.waitFor("L1 values", () -> browser.count(".card") > 0 && !page.rawScores().equals(l2));
    assertThat(page.scores().getFirst()).isEqualTo("distance 0.00");
    assertThat(page.rawScores()).isSorted();
  }

  @Test
  @Order(5)
  void detailViewNavigatesAndFindsSimilarImages() throws Exception {
    page.open("?q=circles&k=3");
    page.waitFor("every page, by scrolling", () -> browser.count(".card") == PHOTOS);
    String first = page.firstId();
    browser.js("document.querySelector('.card').focus()");
    browser.press("\uE007"); // Enter: the keyboard alone opens a result
    page.waitFor("metadata", () -> browser.text("#detail-meta").contains("e2e"));
    assertThat(browser.text("#detail-meta")).contains("Collection", "Tags", first);
    page.shot("05-detail");
    String title = browser.text("#detail-title");
    browser.press("\uE014"); // arrow right
    page.waitFor("next image", () -> !browser.text("#detail-title").equals(title));
    browser.press("\uE012"); // arrow left
    page.waitFor("first again", () -> browser.text("#detail-title").equals(title));
    browser.press("\uE00C"); // Esc
    page.waitFor("closed", () -> !page.dialogOpen("detail"));
    browser.click(".card");
    browser.click("#similar-vgg16");
    page.waitFor("similar", () -> browser.count(".card") > 0 && !first.equals(page.firstId()));
    assertThat(browser.url()).contains("similar=" + first).contains("model=vgg16");
    assertThat(browser.count(".card[data-id='" + first + "']")).isZero();
    page.shot("06-similar");
  }

  @Test
  @Order(6)
  void aRejectedUploadShowsItsReason() throws Exception {
    Path fake = Files.writeString(OUT.resolve("not-a-photo.jpg"), "just some text");
    page.openUploadPanel(stack.apiKey());
    browser.type("#up-files", fake.toString());
    page.waitFor("rejected", () -> browser.count("#upload-list [data-status=rejected]") == 1);
    assertThat(browser.text("#upload-list [data-status=rejected] .status"))
        .startsWith("rejected: ")
        .doesNotContain("HTTP");
    page.shot("07-upload-rejected");
    assertThat(browser.consoleErrors()).allMatch(e -> e.contains("status of 415"));
  }

  @Test
  @Order(7)
  void uploadsThroughThePageBecomeIndexed() throws Exception {
    Path a = Photos.draw(OUT.resolve("uploads/new-a.jpg"), 100);
    Path b = Photos.draw(OUT.resolve("uploads/new-b.png"), 101);
    page.openUploadPanel(stack.apiKey());
    browser.type("#up-files", a + "\n" + b);
    String indexed = "#upload-list [data-status=indexed]";
    SearchPage.waitUntil(Duration.ofMinutes(2), "indexed", () -> browser.count(indexed) == 2);
    page.shot("08-uploaded");
    page.waitFor("count", () -> browser.text("#counts").startsWith(PHOTOS + 2 + " images indexed"));
    assertThat(browser.js("return localStorage.getItem('imagesearch.apiKey')").asString())
        .isEqualTo(stack.apiKey());
  }
}
