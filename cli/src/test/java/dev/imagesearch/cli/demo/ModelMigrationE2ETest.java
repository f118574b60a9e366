package dev.imagesearch.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.imagesearch.contracts.ImageId;
import dev.imagesearch.testsupport.NeedsClipVocabulary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The model switch of issue #14 on the real local stack ({@code imagesearch up}): N images indexed
 * with stand-ins A, {@code models use B} (stand-ins of another seed), uploads and deletions and a
 * SIGKILLed worker during the migration, and a query loop the whole time that must get 0 errors and
 * only answers consistent with one model set (an image finds itself first at cosine ~1.0, which a
 * query encoded with the other set cannot). Then {@code models rollback} (the uploads of the
 * migration are brought back into A), and {@code models use B} again. Output in
 * cli/target/e2e-migration/.
 */
@NeedsClipVocabulary
class ModelMigrationE2ETest {
  private static final Path OUT = Path.of("target", "e2e-migration").toAbsolutePath();
  private static final int INDEXED = 40;
  private static final int DELETED = 4;
  private static final int UPLOADED = 6;

  private DemoStack stack;

  @AfterEach
  void stop() throws Exception {
    if (stack != null) {
      stack.stop();
    }
  }

  @Test
  void switchingModelsLosesNoQueryAndNoImageAndRollsBack() throws Exception {
    String whyNot = DemoStack.missing();
    assumeTrue(whyNot == null, () -> "Migration E2E skipped: " + whyNot);
    Path modelsB = StandInsB.export(OUT.resolve("standin-b"));
    Path modelsA = DemoStack.HOME.resolve("models/standin");
    List<Path> originals = photos("original", INDEXED, 1000);
    List<Path> deleted = originals.subList(0, DELETED);
    List<Path> queried = originals.subList(DELETED, INDEXED);
    List<Path> uploads = photos("upload", UPLOADED, 5000);

    stack = new DemoStack(OUT);
    MigrationProbe es = new MigrationProbe();
    assertThat(stack.upPatiently("up")).as(stack.log("up")).isTrue();
    for (Path photo : originals) {
      stack.upload(photo);
    }
    es.awaitIndexed(INDEXED, Duration.ofMinutes(3));
    assertThat(es.serving()).isEqualTo("images-v1");

    try (QueryLoop queries = QueryLoop.start(queried)) {
      queries.awaitAnswers(5, Duration.ofMinutes(1));
      assertThat(stack.cli("use", 5, "models", "use", modelsB.toString()))
          .as(stack.log("use"))
          .isZero();
      Map<String, Object> running = es.awaitMigration("images-v2", Duration.ofMinutes(3));
      for (Path photo : uploads) {
        stack.upload(photo);
      }
      for (Path photo : deleted) {
        es.deleteImage(stack.apiKey(), id(photo));
      }
      // SIGKILL: no shutdown hook, no batch finished, no lease handed back.
      ProcessHandle worker = pidOf("embed-worker");
      assertThat(es.migrationState("images-v2"))
          .as("the migration must still run when the worker is killed (raise INDEXED): %s", running)
          .isNotEqualTo("SWITCHED");
      worker.destroyForcibly();
      worker.onExit().get(30, TimeUnit.SECONDS);
      assertThat(stack.upPatiently("up-again")).as(stack.log("up-again")).isTrue();

      es.awaitState("images-v2", "SWITCHED", Duration.ofMinutes(6));
      // search-api reads the alias again every second: answers after that come from images-v2.
      Thread.sleep(3000);
      long answersAtSwitch = queries.answers();
      queries.awaitAnswers(answersAtSwitch + 10, Duration.ofMinutes(1));
      queries.stop();
      assertThat(queries.errors()).as("query errors during the migration").isEmpty();
    }
    assertThat(es.serving()).isEqualTo("images-v2");
    assertThat(es.count("images-v2")).isEqualTo(INDEXED - DELETED + UPLOADED);
    for (Path photo : deleted) {
      assertThat(es.exists("images-v2", id(photo))).as("deleted %s reappeared", photo).isFalse();
      assertThat(es.exists("images-v1", id(photo))).as("deleted %s in v1", photo).isFalse();
    }
    for (Path photo : uploads) {
      assertThat(es.exists("images-v2", id(photo))).as("uploaded %s", photo).isTrue();
    }

    assertThat(stack.cli("rollback", 5, "models", "rollback")).as(stack.log("rollback")).isZero();
    assertThat(es.serving()).isEqualTo("images-v1");
    assertThat(stack.cli("status", 2, "models", "status", "--json")).isZero();
    assertThat(stack.log("status")).contains(modelsA.toString(), "\"index\":\"images-v1\"");
    try (QueryLoop afterRollback = QueryLoop.start(queried)) {
      afterRollback.awaitAnswers(10, Duration.ofMinutes(1));
      afterRollback.stop();
      assertThat(afterRollback.errors()).as("query errors after the rollback").isEmpty();
    }
    // The uploads made during the migration went only into images-v2: the way back brings them.
    es.awaitState("images-v1", "SWITCHED", Duration.ofMinutes(3));
    assertThat(es.count("images-v1")).isEqualTo(INDEXED - DELETED + UPLOADED);
    for (Path photo : uploads) {
      assertThat(es.exists("images-v1", id(photo)))
          .as("uploaded %s after rollback", photo)
          .isTrue();
    }

    // Choosing B again overrides the rollback: the migration runs again and images-v2 serves.
    assertThat(stack.cli("use-again", 5, "models", "use", modelsB.toString()))
        .as(stack.log("use-again"))
        .isZero();
    es.awaitState("images-v2", "SWITCHED", Duration.ofMinutes(3));
    assertThat(es.serving()).isEqualTo("images-v2");
  }

  private static List<Path> photos(String name, int count, long seed) throws Exception {
    List<Path> photos = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      photos.add(Photos.draw(OUT.resolve("photos").resolve(name + "-" + i + ".png"), seed + i));
    }
    return photos;
  }

  static String id(Path photo) throws Exception {
    return ImageId.of(Files.readAllBytes(photo)).hex();
  }

  private ProcessHandle pidOf(String service) throws Exception {
    String[] pidFile = Files.readString(stack.var().resolve("run/" + service + ".pid")).split(" ");
    return ProcessHandle.of(Long.parseLong(pidFile[0])).orElseThrow();
  }

  static void await(String what, Duration timeout, java.util.function.BooleanSupplier done)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (!done.getAsBoolean()) {
      assertThat(Instant.now()).as("waited %s for %s", timeout, what).isBefore(deadline);
      Thread.sleep(250);
    }
  }
}
