package dev.imagesearch.cli.importer;

import static dev.imagesearch.cli.importer.ImportFixtures.run;
import static dev.imagesearch.cli.importer.ImportFixtures.text;
import static dev.imagesearch.testsupport.TestImages.image;
import static org.assertj.core.api.Assertions.assertThat;

import dev.imagesearch.cli.importer.FakeIngest.Reply;
import dev.imagesearch.cli.importer.FakeIngest.Request;
import dev.imagesearch.cli.importer.ImportFixtures.Result;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ImportCommandTest {
  @TempDir Path dir;
  @TempDir Path var;
  FakeIngest ingest;

  @BeforeEach
  void start() throws Exception {
    ingest = new FakeIngest();
  }

  @AfterEach
  void stop() {
    ingest.close();
  }

  @Test
  void uploadsEveryImageOncePerRequestWithFieldsAndKey() throws Exception {
    Map<String, Path> images =
        Map.of(
            "a.jpg", image(dir, "a.jpg", 1),
            "b.png", image(dir, "b.png", 2),
            "C.JPEG", image(dir, "nested/deeper/C.JPEG", 3),
            "d.gif", image(dir, "nested/d.gif", 4),
            "e.bmp", image(dir, "e.bmp", 5),
            "f.TIF", image(dir, "f.TIF", 6));
    text(dir, "notes.txt", "not an image");
    text(dir, ".DS_Store", "junk");
    text(dir, "nested/README", "no extension");
    text(dir, "nested/jpg", "named like an extension");

    Result r =
        run(
            var,
            dir.toString(),
            "--url",
            ingest.url(),
            "--collection",
            "shoes",
            "--tags",
            " red, summer,,",
            "--api-key",
            "s3cret",
            "--progress",
            "none");

    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    List<Request> requests = ingest.requests();
    assertThat(requests).hasSize(6);
    for (Request req : requests) {
      assertThat(req.method()).isEqualTo("POST");
      assertThat(req.path()).isEqualTo("/api/images");
      assertThat(req.headers()).containsEntry("authorization", "Bearer s3cret");
      assertThat(req.parts())
          .extracting(Multipart.Part::name)
          .containsExactlyInAnyOrder("file", "collection", "tags");
      assertThat(req.part("collection").text()).isEqualTo("shoes");
      assertThat(req.part("tags").text()).isEqualTo("red,summer");
      Multipart.Part file = req.file();
      Path original = images.get(file.filename());
      assertThat(original).as("sent filename " + file.filename()).isNotNull();
      assertThat(file.data()).isEqualTo(Files.readAllBytes(original));
      assertThat(file.contentType()).isEqualTo(ImageFiles.contentType(file.filename()));
    }
    assertThat(requests)
        .extracting(q -> q.file().contentType())
        .contains("image/jpeg", "image/png", "image/gif", "image/bmp", "image/tiff");
    assertThat(r.out())
        .contains("accepted:       6")
        .contains("failed:         0")
        .contains("Skipped 4 non-image files")
        .contains("MB/s")
        .contains("images/s")
        .doesNotContain("Rejected (")
        .doesNotContain("Failed (");
  }

  @Test
  void sendsNonAsciiAndSpacedFileNamesAndFieldsIntact() throws Exception {
    Path original = image(dir, "été/café crème \"1\".jpg", 1);

    Result r =
        run(var, dir.toString(), "--url", ingest.url(), "--tags", "été,noël", "--progress", "none");

    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    Request req = ingest.requests().get(0);
    assertThat(req.headers().get("content-type")).contains("charset=UTF-8");
    assertThat(req.file().filename()).isEqualTo("café crème \"1\".jpg");
    assertThat(req.file().data()).isEqualTo(Files.readAllBytes(original));
    assertThat(req.part("tags").text()).isEqualTo("été,noël");
    assertThat(req.part("collection")).isNull();
  }

  @Test
  void countsDuplicatesAndListsRejectionsWithReasonsButExitsZero() {
    image(dir, "dup-1.jpg", 1);
    image(dir, "dup-2.jpg", 2);
    image(dir, "ok.png", 3);
    image(dir, "sub/batch-bad.jpg", 4);
    image(dir, "sub/problem-bad.png", 5);
    ingest.behave(
        (req, attempt) -> {
          String name = req.file().filename();
          if (name.startsWith("dup")) {
            return FakeIngest.status(req, "duplicate");
          } else if (name.startsWith("batch-bad")) {
            return FakeIngest.rejectedInBatch(req, "truncated or corrupt JPEG header", 422);
          } else if (name.startsWith("problem-bad")) {
            return FakeIngest.problem(
                req, 415, "Unsupported Media Type", "The file is not a supported image (SVG)");
          }
          return FakeIngest.status(req, "accepted");
        });

    Result r = run(var, dir.toString(), "--url", ingest.url(), "--progress", "none");

    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(r.out())
        .contains("accepted:       1")
        .contains("duplicate:      2")
        .contains("rejected:       2")
        .contains("failed:         0")
        .contains("Rejected (2):")
        .contains("  sub/batch-bad.jpg: truncated or corrupt JPEG header (HTTP 422)")
        .contains("  sub/problem-bad.png: The file is not a supported image (SVG) (HTTP 415)");
  }

  @Test
  void refusedKeyStopsTheWholeImportWithExitCode3() {
    for (int i = 0; i < 10; i++) {
      image(dir, "img" + i + ".png", i);
    }
    ingest.behave(
        (req, attempt) -> FakeIngest.problem(req, 401, "Unauthorized", "Missing API key"));

    Result r =
        run(var, dir.toString(), "--url", ingest.url(), "--concurrency", "1", "--progress", "none");

    assertThat(r.exit()).isEqualTo(ImportCommand.AUTH);
    assertThat(ingest.requests()).hasSize(1);
    assertThat(r.err())
        .contains("No API key was found")
        .contains("401")
        .contains("--api-key")
        .contains("IMAGESEARCH_API_KEY")
        .contains("var/api-key");
    assertThat(r.out()).contains("not uploaded:   10");
  }

  @Test
  void readOnlyKeyIsExplained() {
    image(dir, "a.png", 1);
    ingest.behave(
        (req, attempt) -> FakeIngest.problem(req, 403, "Forbidden", "This key is read-only"));

    Result r =
        run(var, dir.toString(), "--url", ingest.url(), "--api-key", "ro", "--progress", "none");

    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.err()).contains("read-only").contains("--api-key").contains("write access");
    assertThat(ingest.requests().get(0).headers()).containsEntry("authorization", "Bearer ro");
  }

  @Test
  void retriesA503UntilAcceptedAndCountsTheFileOnce() {
    image(dir, "a.png", 1);
    image(dir, "flaky.jpg", 2);
    ingest.behave(
        (req, attempt) -> {
          if (req.file().filename().equals("flaky.jpg") && attempt <= 2) {
            Reply busy =
                FakeIngest.problem(req, 503, "Service Unavailable", "Kafka is unavailable");
            return new Reply(503, busy.contentType(), busy.body(), Map.of("Retry-After", "0"));
          }
          return FakeIngest.status(req, "accepted");
        });

    Result r = run(var, dir.toString(), "--url", ingest.url(), "--progress", "none");

    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(ingest.attempts("flaky.jpg")).isEqualTo(3);
    assertThat(ingest.attempts("a.png")).isEqualTo(1);
    assertThat(r.out()).contains("accepted:       2").contains("failed:         0");
  }

  @Test
  void givesUpAfterFiveAttemptsAndExits1WithTheReason() {
    image(dir, "a.png", 1);
    image(dir, "down.jpg", 2);
    ingest.behave(
        (req, attempt) ->
            req.file().filename().equals("down.jpg")
                ? FakeIngest.problem(req, 503, "Service Unavailable", "S3 is unavailable")
                : FakeIngest.status(req, "accepted"));

    Result r = run(var, dir.toString(), "--url", ingest.url(), "--progress", "none");

    assertThat(r.exit()).isEqualTo(ImportCommand.FAILED);
    assertThat(ingest.attempts("down.jpg")).isEqualTo(5);
    assertThat(r.out())
        .contains("accepted:       1")
        .contains("failed:         1")
        .contains("Failed (1):")
        .contains("  down.jpg: ingest service unavailable: S3 is unavailable (HTTP 503)")
        .contains("gave up after 5 attempts");
  }

  @Test
  void connectionRefusedIsRetriedThenFailed() throws Exception {
    image(dir, "a.png", 1);
    image(dir, "b.png", 2);
    String closed = ingest.url();
    ingest.close();

    Result r = run(var, dir.toString(), "--url", closed, "--progress", "none");

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out())
        .contains("failed:         2")
        .contains("  a.png: cannot reach " + closed + "/api/images")
        .contains("gave up after 5 attempts");
  }

  @Test
  void concurrentUploadsOverlap() {
    for (int i = 0; i < 8; i++) {
      image(dir, "img" + i + ".png", i);
    }
    ingest.delay(java.time.Duration.ofMillis(200));

    Result r =
        run(var, dir.toString(), "--url", ingest.url(), "--concurrency", "4", "--progress", "none");

    assertThat(r.exit()).isZero();
    assertThat(ingest.requests()).hasSize(8);
    assertThat(ingest.maxInFlight()).isBetween(2, 4);
  }

  @Test
  void concurrencyOneUploadsOneAtATime() {
    for (int i = 0; i < 4; i++) {
      image(dir, "img" + i + ".png", i);
    }
    ingest.delay(java.time.Duration.ofMillis(50));

    Result r =
        run(var, dir.toString(), "--url", ingest.url(), "--concurrency", "1", "--progress", "none");

    assertThat(r.exit()).isZero();
    assertThat(ingest.maxInFlight()).isEqualTo(1);
    assertThat(ingest.requests())
        .extracting(q -> q.file().filename())
        .containsExactly("img0.png", "img1.png", "img2.png", "img3.png");
  }

  @Test
  void keyComesFromTheEnvironmentThenFromVarApiKey() throws Exception {
    image(dir, "a.png", 1);
    Files.writeString(var.resolve("api-key"), "from-file\nsecond line ignored\n");

    Result fromEnv =
        run(
            Map.of("IMAGESEARCH_VAR", var.toString(), "IMAGESEARCH_API_KEY", "from-env"),
            dir.toString(),
            "--url",
            ingest.url(),
            "--progress",
            "none");
    Result fromFile = run(var, dir.toString(), "--url", ingest.url(), "--progress", "none");

    assertThat(fromEnv.exit()).isZero();
    assertThat(fromFile.exit()).isZero();
    assertThat(ingest.requests())
        .extracting(q -> q.headers().get("authorization"))
        .containsExactly("Bearer from-env", "Bearer from-file");
  }

  @Test
  void usageErrorsExitWith2AndSayWhy() throws Exception {
    text(dir, "a.txt", "x");
    text(dir, "b.pdf", "y");

    Result missing = run(var, dir.resolve("nope").toString(), "--url", ingest.url());
    Result empty = run(var, dir.toString(), "--url", ingest.url());
    Result badConcurrency = run(var, dir.toString(), "--concurrency", "0");
    Result badUrl = run(var, dir.toString(), "--url", "ftp://example");
    Result noFolder = run(var);

    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).contains("No such folder");
    assertThat(empty.exit()).isEqualTo(2);
    assertThat(empty.err()).contains("No images in").contains("skipped 2 non-image files");
    assertThat(badConcurrency.exit()).isEqualTo(2);
    assertThat(badConcurrency.err()).contains("--concurrency");
    assertThat(badUrl.exit()).isEqualTo(2);
    assertThat(badUrl.err()).contains("--url");
    assertThat(noFolder.exit()).isEqualTo(2);
    assertThat(ingest.requests()).isEmpty();
  }

  @Test
  void plainProgressWritesWholeLinesNotCarriageReturns() {
    for (int i = 0; i < 3; i++) {
      image(dir, "img" + i + ".png", i);
    }

    Result r = run(var, dir.toString(), "--url", ingest.url(), "--progress", "plain");

    assertThat(r.exit()).isZero();
    assertThat(r.err()).doesNotContain("\r").contains("3/3 img").contains("MB/s").contains("dup 0");
    List<String> lines = r.err().lines().collect(Collectors.toList());
    assertThat(lines).hasSizeLessThanOrEqualTo(3).doesNotHaveDuplicates();
  }

  @Test
  void remembersTheIdsTheServerGaveTheFilesItHolds() throws Exception {
    Path fresh = image(dir, "fresh.jpg", 1);
    Path again = image(dir, "again.png", 2);
    image(dir, "bad.gif", 3);
    ingest.behave(
        (req, attempt) ->
            switch (req.file().filename()) {
              case "again.png" -> FakeIngest.status(req, "duplicate");
              case "bad.gif" -> FakeIngest.rejectedInBatch(req, "CORRUPT", 422);
              default -> FakeIngest.status(req, "accepted");
            });
    ImportCommand command = new ImportCommand();
    command.env = Map.of("IMAGESEARCH_VAR", var.toString());
    command.retry = ImportFixtures.FAST_RETRY;

    int exit =
        new CommandLine(command)
            .setOut(new PrintWriter(new StringWriter()))
            .execute(dir.toString(), "--url", ingest.url(), "--progress", "none");

    assertThat(exit).isZero();
    assertThat(command.storedIds())
        .containsExactlyInAnyOrder(
            FakeIngest.sha256(Files.readAllBytes(fresh)),
            FakeIngest.sha256(Files.readAllBytes(again)));
  }
}
