package dev.imagesearch.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.imagesearch.contracts.ImageId;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.Keys;
import tools.jackson.databind.JsonNode;

/**
 * The search page in headless Chromium against the stack that {@code imagesearch demo} starts
 * (stand-in models). Output in cli/target/e2e/.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SearchPageE2ETest extends PageTest {
  private static final Path OUT = Path.of("target", "e2e").toAbsolutePath();
  private static final int PHOTOS = 8;

  private final Path photos = OUT.resolve("photos");

  SearchPageE2ETest() {
    super(OUT, PHOTOS, "--collection", "e2e", "--tags", "e2e,demo");
  }

  /** {@code imagesearch up} without {@code --bind}: nothing of the stack is on the network. */
  @Test
  @Order(0)
  void everyPartOfTheStackListensOnLoopbackOnly() throws Exception {
    for (int port : new int[] {8080, 8081, 8082, 8090, 8091, 9200, 9092, 9000}) {
      assertThat(Listeners.on(port))
          .as("listening on port " + port)
          .isNotEmpty()
          .allMatch(InetAddress::isLoopbackAddress);
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
    // Scored cards: the empty page already lists the collection, without scores.
    page.waitFor("results", () -> browser.count(".card .score") > 0);
    assertThat(page.scores()).isNotEmpty().allMatch(s -> s.matches("similarity -?\\d\\.\\d\\d"));
    assertThat(browser.url()).contains("q=red+circles");
    page.shot("02-text-search");
    // Weak matches apart, and "no good match" exactly when the API says so for this request.
    JsonNode answer = stack.getJson(page.lastSearchRequest());
    long weak = 0;
    for (JsonNode hit : answer.path("hits")) {
      weak += hit.path("weakMatch").asBoolean() ? 1 : 0;
    }
    long strong = answer.path("hits").size() - weak;
    long weakCount = weak;
    page.waitFor(
        "weak ones apart",
        () ->
            browser.count("#weak-results .card") == weakCount
                && browser.count("#results .card") == strong);
    assertThat(browser.find("#weak").isDisplayed()).isEqualTo(weak > 0);
    assertThat(browser.text("#message").startsWith("No good match"))
        .isEqualTo(strong == 0 || answer.path("allWeak").asBoolean());
    assertThat(page.fitsPhoneWidth("02-text-search-phone")).as("no sideways scrolling").isTrue();
  }

  @Test
  @Order(3)
  void droppingAnIndexedImageFindsItFirstWithSimilarityOne() throws Exception {
    Path photo = photos.resolve("photo-3.png");
    String id = imageId(photo);
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
    String id = imageId(photos.resolve("photo-3.png"));
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
    browser.press(Keys.ENTER); // the keyboard alone opens a result
    page.waitFor("metadata", () -> browser.text("#detail-meta").contains("e2e"));
    assertThat(browser.text("#detail-meta")).contains("Collection", "Tags", first);
    page.shot("05-detail");
    String title = browser.text("#detail-title");
    browser.press(Keys.ARROW_RIGHT);
    page.waitFor("next image", () -> !browser.text("#detail-title").equals(title));
    browser.press(Keys.ARROW_LEFT);
    page.waitFor("first again", () -> browser.text("#detail-title").equals(title));
    browser.press(Keys.ESCAPE);
    page.waitFor("closed", () -> !page.dialogOpen("detail"));
    browser.click(".card");
    browser.click("#similar-vgg16");
    page.waitFor("similar", () -> browser.count(".card") > 0 && !first.equals(page.firstId()));
    assertThat(browser.url()).contains("similar=" + first).contains("model=vgg16");
    assertThat(browser.count(".card[data-id='" + first + "']")).isZero();
    page.shot("06-similar");

    String next = page.firstId();
    browser.click(".card");
    page.waitFor("detail", () -> page.dialogOpen("detail"));
    String download = browser.find("#detail-download").getDomAttribute("href");
    assertThat(download).isEqualTo("/api/images/" + next + "/content");
    assertThat(stack.getBytes(download)).isEqualTo(Files.readAllBytes(photoWithId(next)));
    browser.click("#similar-clip");
    page.waitFor("similar by CLIP", () -> browser.url().contains("similar=" + next));
    assertThat(browser.url()).contains("model=clip");
    page.waitFor("CLIP neighbours", () -> browser.count(".card") > 0);
    assertThat(browser.text("#metric-hint")).contains("CLIP vectors");
    assertThat(browser.count(".card[data-id='" + next + "']")).isZero();
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
    assertThat(String.valueOf(browser.js("return JSON.stringify(localStorage) + document.cookie")))
        .as("the key is only in search-api's HttpOnly cookie")
        .doesNotContain(stack.apiKey());

    page.openUploadPanel(stack.apiKey());
    browser.type("#up-files", a.toString());
    page.waitFor(
        "the same photo again", () -> browser.count(indexed) == 1); // done: nothing to index
    assertThat(browser.text(indexed + " .status")).isEqualTo("duplicate, indexed");
  }

  @Test
  @Order(8)
  void filtersNarrowTheResultsAndStayInTheAddress() throws Exception {
    // A second collection holding a near-duplicate: photo-3 again, re-encoded.
    Path original = photos.resolve("photo-3.png");
    Path copy = Photos.reencode(original, OUT.resolve("uploads/photo-3-copy.jpg"));
    String originalId = imageId(original);
    String copyId = imageId(copy);
    page.openUploadPanel(stack.apiKey());
    browser.type("#up-collection", "copies");
    browser.type("#up-files", copy.toString());
    String indexed = "#upload-list [data-status=indexed]";
    SearchPage.waitUntil(Duration.ofMinutes(2), "copy indexed", () -> browser.count(indexed) == 1);
    long total = PHOTOS + 3;

    page.open("?q=circles");
    page.waitFor("all images", () -> browser.count(".card") == total);
    browser.click("#more summary");
    browser.click("#collection option[value=e2e]");
    page.waitFor("collection e2e", () -> browser.url().contains("collection=e2e"));
    page.waitFor("only e2e", () -> browser.count(".card") == PHOTOS);
    page.shot("09-filter-collection");
    browser.click("#collection option[value=copies]");
    page.waitFor("only the copy", () -> page.ids().equals(List.of(copyId)));
    assertThat(browser.url()).contains("collection=copies");

    page.open("?q=circles&collection=nowhere");
    page.waitFor("no results", () -> !browser.text("#message").isEmpty());
    assertThat(browser.count(".card")).isZero();

    page.open("?q=circles");
    browser.click("#more summary");
    browser.type("#tags", "demo");
    page.waitFor("tag demo", () -> browser.url().contains("tags=demo"));
    page.waitFor("only tagged", () -> browser.count(".card") == PHOTOS);
    page.shot("10-filter-tags");
    browser.find("#tags").clear();
    browser.type("#tags", "no-such-tag");
    page.waitFor("no tagged", () -> browser.url().contains("tags=no-such-tag"));
    page.waitFor("none tagged", () -> browser.count(".card") == 0);

    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    page.open("?q=circles");
    page.setDate("uploadedFrom", today.plusDays(1).toString());
    page.waitFor(
        "from tomorrow", () -> browser.url().contains("uploadedFrom=" + today.plusDays(1)));
    page.waitFor("nothing uploaded tomorrow", () -> browser.count(".card") == 0);
    page.setDate("uploadedFrom", today.toString());
    page.waitFor("all uploaded today", () -> browser.count(".card") == total);
    page.shot("11-filter-dates");

    browser.click("#more summary");
    browser.select("#k", "48");
    page.waitFor("k in the address", () -> browser.url().contains("k=48"));
    page.waitFor("k asked", () -> String.valueOf(page.lastSearchRequest()).contains("k=48"));

    // The worker marks near-duplicates; with stand-in models, unrelated images may be marked too.
    assertThat(stack.duplicateOf(copyId)).as("the copy is a near-duplicate").isNotNull();
    page.open("?image=" + originalId);
    page.waitFor("every image", () -> page.ids().size() == total);
    List<String> shown = page.ids();
    assertThat(shown).contains(copyId);
    List<String> originals = new ArrayList<>();
    for (String id : shown) {
      if (stack.duplicateOf(id) == null) {
        originals.add(id);
      }
    }
    page.shot("12-duplicates-shown");
    browser.click("#more summary");
    browser.click("#hideDuplicates");
    page.waitFor("hidden in the address", () -> browser.url().contains("hideDuplicates=1"));
    page.waitFor("duplicates hidden", () -> page.ids().size() == originals.size());
    assertThat(page.ids()).containsExactlyInAnyOrderElementsOf(originals).doesNotContain(copyId);
    page.shot("13-duplicates-hidden");
  }

  @Test
  @Order(9)
  void pastingAnImageSearchesWithIt() throws Exception {
    Path photo = photos.resolve("photo-5.png");
    String id = imageId(photo);
    page.open("");
    page.paste(photo, "image/png");
    page.waitFor("the pasted image first", () -> id.equals(page.firstId()));
    assertThat(page.scores().getFirst()).isEqualTo("similarity 1.00");
    assertThat(browser.url()).contains("image=" + id);
    page.shot("14-pasted");
  }

  @Test
  @Order(10)
  void droppingManyFilesOrAFolderOnTheUploadPanelShowsEachFile() throws Exception {
    List<Path> dropped = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      dropped.add(Photos.draw(OUT.resolve("uploads/dropped-" + i + ".png"), 200 + i));
    }
    Path folder = OUT.resolve("uploads/folder");
    Photos.draw(folder.resolve("f-1.jpg"), 300);
    Photos.draw(folder.resolve("f-2.jpg"), 301);
    long before = page.counts().indexed();

    page.openUploadPanel(stack.apiKey());
    page.dropOnUploadPanel(dropped, "image/png");
    browser.type("#up-folder", folder.toString());
    page.waitFor("a row per file", () -> browser.count("#upload-list li") == 5);
    assertThat(page.texts("#upload-list .file"))
        .contains(
            "dropped-0.png", "dropped-1.png", "dropped-2.png", "folder/f-1.jpg", "folder/f-2.jpg");
    page.shot("15-upload-many");
    String indexed = "#upload-list [data-status=indexed]";
    SearchPage.waitUntil(Duration.ofMinutes(2), "all indexed", () -> browser.count(indexed) == 5);
    assertThat(
            browser.js(
                "return [...document.querySelectorAll('#upload-list progress')].every((p) => p.value === 1)"))
        .isEqualTo(true);
    assertThat(browser.text("#upload-summary")).startsWith("5 files: 5 indexed, 0 pending");
    page.shot("16-upload-many-indexed");
    page.waitFor("count", () -> page.counts().indexed() == before + 5);
  }

  @Test
  @Order(11)
  void anImageTheWorkerCannotDecodeShowsAsFailed() throws Exception {
    Path broken = Photos.corruptPng(OUT.resolve("uploads/broken.png"), 400);
    page.open("");
    long failedBefore = page.counts().failed();
    page.openUploadPanel(stack.apiKey());
    browser.type("#up-files", broken.toString());
    String failed = "#upload-list [data-status=failed]";
    SearchPage.waitUntil(Duration.ofMinutes(2), "failed", () -> browser.count(failed) == 1);
    assertThat(browser.text(failed + " .status")).matches("failed: [A-Z_]+: .+");
    page.waitFor("failed count", () -> page.counts().failed() == failedBefore + 1);
    page.shot("17-upload-failed");
    assertThat(browser.text("#counts")).endsWith(" · " + (failedBefore + 1) + " failed");
  }

  @Test
  @Order(12)
  void theHeaderCountsUploadsFromEveryoneThatWaitForTheWorker() throws Exception {
    page.open("");
    page.waitFor("nothing pending", () -> page.counts().pending() == 0);
    long indexedBefore = page.counts().indexed();
    stack.stopService("embed-worker");
    try {
      // Not through this page: the count comes from the server, not from this browser's uploads.
      stack.upload(Photos.draw(OUT.resolve("uploads/other-1.jpg"), 500));
      stack.upload(Photos.draw(OUT.resolve("uploads/other-2.jpg"), 501));
      page.open("");
      page.waitFor("two pending", () -> page.counts().pending() == 2);
      assertThat(browser.text("#counts")).contains(" · 2 pending");
      page.shot("18-pending");
    } finally {
      stack.up();
    }
    SearchPage.waitUntil(
        Duration.ofMinutes(3),
        "indexed once the worker is back",
        () -> {
          page.open("");
          SearchPage.Counts counts = page.counts();
          return counts.pending() == 0 && counts.indexed() == indexedBefore + 2;
        });
    page.shot("19-pending-done");
  }

  @Test
  @Order(13)
  void aPickedImageCombinesWithTextAndAChosenModelUntilItsChipIsRemoved() throws Exception {
    Path photo = photos.resolve("photo-7.png");
    String id = imageId(photo);
    page.open("");
    browser.type("#pick-image-input", photo.toString());
    page.waitFor("the picked image first", () -> id.equals(page.firstId()));
    assertThat(browser.text("#image-chip")).contains("photo-7.png");
    assertThat(browser.url()).contains("image=" + id);
    assertThat(page.altTexts(".card img")).isNotEmpty().allSatisfy(a -> assertThat(a).isNotBlank());
    List<Double> vgg16 = page.rawScores();

    browser.click("#more summary");
    browser.select("#model", "CLIP (same meaning)");
    page.waitFor("CLIP in the address", () -> browser.url().contains("model=clip"));
    page.waitFor(
        "CLIP scores", () -> browser.count(".card") > 0 && !page.rawScores().equals(vgg16));
    assertThat(browser.text("#metric-hint")).startsWith("Images like this one, CLIP vectors");
    assertThat(page.firstId()).isEqualTo(id);
    List<Double> clip = page.rawScores();

    browser.type("#q", "red");
    browser.type("#negative", "blue");
    browser.js(
        "const nw = document.getElementById('nw'); nw.value = '1.5';"
            + " nw.dispatchEvent(new Event('input', { bubbles: true }));");
    page.waitFor(
        "combined in the address",
        () -> browser.url().contains("negative=blue") && browser.url().contains("nw=1.5"));
    page.waitFor(
        "combined scores", () -> browser.count(".card") > 0 && !page.rawScores().equals(clip));
    assertThat(browser.text("#metric-hint")).startsWith("Image and text combined, CLIP vectors");
    assertThat(browser.text("#nw-out")).isEqualTo("1.5");
    page.shot("20-combined");

    browser.click("#image-chip-remove");
    page.waitFor("text only", () -> browser.text("#metric-hint").startsWith("Text search"));
    assertThat(browser.url()).doesNotContain("image=").contains("q=red");
    assertThat(browser.find("#image-chip").isDisplayed()).isFalse();
  }

  private Path photoWithId(String id) throws Exception {
    try (var files = Files.list(photos)) {
      for (Path file : files.toList()) {
        if (imageId(file).equals(id)) {
          return file;
        }
      }
    }
    throw new AssertionError("no demo photo has the id " + id);
  }

  private static String imageId(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return ImageId.of(in).hex();
    }
  }
}
