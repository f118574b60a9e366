package dev.imagesearch.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.imagesearch.contracts.ImageId;
import dev.imagesearch.testsupport.NeedsClipVocabulary;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The stack's clients other than the search page's search, against the stack {@code imagesearch
 * demo} starts: the CLI's search, delete and status, and the upload panel's status polling, counted
 * by search-api's own request metrics. Output in cli/target/e2e-clients/.
 */
@NeedsClipVocabulary
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StackClientsE2ETest {
  private static final Path OUT = Path.of("target", "e2e-clients").toAbsolutePath();
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final int PHOTOS = 6;
  private static final int UPLOADS = 500;
  private static final String ROW =
      "\\s+\\d+\\s+-?\\d\\.\\d{3}\\s+photo-\\d\\.(jpg|png)\\s+[0-9a-f]{64}.*";

  private final Path photos = OUT.resolve("photos");
  private final String whyNot = DemoStack.whyNot();
  private DemoStack stack;

  record Ran(int exit, String out) {}

  @BeforeAll
  void start() throws Exception {
    if (whyNot != null) {
      return;
    }
    Photos.drawFolder(photos, PHOTOS);
    // The metrics endpoint, for this test only: it counts the requests search-api received.
    stack =
        new DemoStack(OUT)
            .environment("MANAGEMENT_ENDPOINTS_WEB_EXPOSURE_INCLUDE", "health,info,metrics");
    assertThat(stack.demo(photos, "--collection", "cli")).contains(PHOTOS + " images indexed");
  }

  @BeforeEach
  void canRun() {
    assumeTrue(whyNot == null, () -> "Browser tests skipped: " + whyNot);
  }

  @AfterAll
  void stop() throws Exception {
    if (stack != null) {
      stack.stop();
    }
  }

  private Ran run(String name, String... args) throws Exception {
    int exit = stack.cli(name, 3, args);
    return new Ran(exit, stack.log(name));
  }

  @Test
  @Order(1)
  void textSearchPrintsRankSimilarityAndFileName() throws Exception {
    Ran ran = run("search-text", "search", "red circles", "-n", "3");

    assertThat(ran.exit()).as(ran.out()).isZero();
    List<String> table = table(ran.out());
    assertThat(table.getFirst()).matches("RANK\\s+SIMILARITY\\s+FILE\\s+ID");
    assertThat(table.subList(1, table.size())).hasSize(3).allMatch(l -> l.matches(ROW));
    assertThat(table.get(1)).startsWith("   1  ");
  }

  @Test
  @Order(2)
  void anImageFileFindsItselfFirstAndSimilarGivesJson() throws Exception {
    Path photo = photos.resolve("photo-3.png");
    String id = id(photo);

    Ran image = run("search-image", "search", "--image", photo.toString(), "-n", "1");
    assertThat(image.exit()).as(image.out()).isZero();
    assertThat(table(image.out()).get(1)).matches("\\s+1\\s+1\\.000\\s+photo-3\\.png\\s+" + id);

    Ran similar = run("search-similar", "search", "--similar", id, "--json", "-n", "2");
    assertThat(similar.exit()).as(similar.out()).isZero();
    JsonNode hits = json(similar.out()).path("hits");
    assertThat(hits.size()).isEqualTo(2);
    assertThat(StreamSupport.stream(hits.spliterator(), false).map(h -> h.path("id").asString()))
        .as("the image itself is not its own neighbour")
        .doesNotContain(id);
  }

  @Test
  @Order(3)
  void openShowsTheSameQueryInTheBrowser() throws Exception {
    Path opened = OUT.resolve("opened.txt");
    Files.deleteIfExists(opened);
    Path browser = OUT.resolve("browser.sh");
    Files.writeString(browser, "#!/bin/sh\necho \"$1\" > " + opened + "\n");
    Files.setPosixFilePermissions(browser, PosixFilePermissions.fromString("rwx------"));
    stack.environment("BROWSER", browser.toString());

    Ran ran = run("search-open", "search", "red sky", "--open");

    assertThat(ran.exit()).as(ran.out()).isZero();
    SearchPage.waitUntil(Duration.ofSeconds(30), "the browser", () -> Files.exists(opened));
    assertThat(Files.readString(opened).strip()).isEqualTo("http://127.0.0.1:8080/?q=red+sky");
  }

  @Test
  @Order(4)
  void aQueryWithoutWhatToSearchForIsAUsageError() throws Exception {
    Ran none = run("search-none", "search", "-n", "3");
    assertThat(none.exit()).isEqualTo(2);
    assertThat(none.out()).contains("Give TEXT, --image FILE or --similar ID.");

    Ran both = run("search-both", "search", "red", "--similar", "a".repeat(64));
    assertThat(both.exit()).isEqualTo(2);
    assertThat(both.out()).contains("--similar ID goes alone");
  }

  @Test
  @Order(5)
  void statusAsJsonSaysEveryComponentIsUp() throws Exception {
    Ran ran = run("status-json", "status", "--json");

    assertThat(ran.exit()).as(ran.out()).isZero();
    JsonNode status = json(ran.out());
    assertThat(status.path("up").asBoolean()).isTrue();
    assertThat(status.path("components").size()).isEqualTo(6);
    for (JsonNode component : status.path("components")) {
      assertThat(component.path("up").asBoolean()).as(component.toString()).isTrue();
      assertThat(component.path("pid").asLong()).isPositive();
      assertThat(component.path("memoryMb").asLong()).isPositive();
    }
  }

  @Test
  @Order(6)
  void deleteRemovesAStoredImageAndSaysWhyNotForABadId() throws Exception {
    String id = id(photos.resolve("photo-2.jpg"));

    Ran ran = run("delete", "delete", id, "not-an-id");

    assertThat(ran.exit()).isEqualTo(1);
    assertThat(ran.out()).contains("deleted " + id).contains("not deleted not-an-id: ");
    // The original goes at once; the index entry when the worker takes the delete event.
    SearchPage.waitUntil(
        Duration.ofMinutes(1),
        "the deleted image unknown",
        () ->
            statuses(List.of(id))
                .path("statuses")
                .get(0)
                .path("status")
                .asString()
                .equals("unknown"));
  }

  /**
   * A folder of 500 through the page: one status request per tick however many files wait, where a
   * request per file per tick would have been hundreds a second.
   */
  @Test
  @Order(7)
  void uploadingManyFilesThroughThePagePollsAtABoundedRate() throws Exception {
    Path folder = OUT.resolve("many");
    for (int i = 0; i < UPLOADS; i++) {
      Photos.draw(folder.resolve("m-" + i + ".png"), 1000 + i);
    }
    try (Browser browser =
        new Browser(Files.createTempDirectory("e2e-chromium-"), OUT.resolve("driver.log"))) {
      SearchPage page = new SearchPage(browser, OUT.resolve("screenshots"));
      page.openUploadPanel(stack.apiKey());
      long before = requests("/api/images/status");
      long start = System.nanoTime();
      browser.type("#up-folder", folder.toString());
      SearchPage.waitUntil(
          Duration.ofMinutes(15),
          "all indexed",
          () ->
              browser
                  .text("#upload-summary")
                  .startsWith(UPLOADS + " files: " + UPLOADS + " indexed"));
      double seconds = (System.nanoTime() - start) / 1e9;
      long batched = requests("/api/images/status") - before;
      page.shot("many-indexed");
      System.out.printf(
          "%d files indexed in %.0f s with %d status requests (%.2f/s)%n",
          UPLOADS, seconds, batched, batched / seconds);

      assertThat(requests("/api/images/{id}/status")).as("one request per file").isZero();
      assertThat(batched).isPositive().isLessThanOrEqualTo((long) (seconds / 1.5) + 2);
      assertThat(browser.consoleErrors()).isEmpty();
    }
  }

  /** What the CLI printed from its table's header on (the JVM may warn before). */
  private static List<String> table(String out) {
    return out.lines().dropWhile(line -> !line.startsWith("RANK")).toList();
  }

  private static JsonNode json(String out) {
    return JSON.readTree(out.lines().filter(line -> line.startsWith("{")).findFirst().orElse(out));
  }

  /** How many requests search-api answered for this path pattern, by its own metrics. */
  private static long requests(String uri) throws IOException, InterruptedException {
    URI metric =
        URI.create(
            "http://127.0.0.1:8090/actuator/metrics/http.server.requests?tag="
                + URLEncoder.encode("uri:" + uri, StandardCharsets.UTF_8));
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<String> response =
          http.send(HttpRequest.newBuilder(metric).build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 404) {
        return 0; // none yet
      }
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      for (JsonNode m : JSON.readTree(response.body()).path("measurements")) {
        if (m.path("statistic").asString().equals("COUNT")) {
          return m.path("value").asLong();
        }
      }
      throw new AssertionError("no COUNT in " + response.body());
    }
  }

  private static JsonNode statuses(List<String> ids) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:8080/api/images/status"))
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    JSON.writeValueAsString(java.util.Map.of("ids", ids))))
            .build();
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      return JSON.readTree(response.body());
    }
  }

  private static String id(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return ImageId.of(in).hex();
    }
  }
}
