package dev.imagesearch.cli.stack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagesearch.cli.ImagesearchCommand;
import dev.imagesearch.cli.models.StandIns;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code models use} and {@code up --models} on a stopped stack (ModelMigrationE2ETest switches a
 * running one): the models are checked before anything is recorded.
 */
class ModelsUseCommandTest {
  @TempDir Path home;
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private PrintStream originalErr;
  private String originalHome;

  @BeforeEach
  void useATemporaryStack() {
    originalHome = System.getProperty("imagesearch.home");
    System.setProperty("imagesearch.home", home.toString());
    originalErr = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restore() {
    System.setErr(originalErr);
    if (originalHome == null) {
      System.clearProperty("imagesearch.home");
    } else {
      System.setProperty("imagesearch.home", originalHome);
    }
  }

  private Stack stack() {
    return Stack.fromSystemProperties();
  }

  private static int run(String... args) {
    return new CommandLine(new ImagesearchCommand()).execute(args);
  }

  @Test
  void modelsWithAChangedFileAreRefusedAndNothingIsRecorded() throws Exception {
    Path spoiled = StandIns.copy(home.resolve("spoiled"));
    Files.write(spoiled.resolve("vgg16/model.pt"), new byte[] {0});

    assertThat(run("models", "use", spoiled.toString())).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("sha256 mismatch", "vgg16");
    assertThat(stack().var().resolve("models.properties")).doesNotExist();
    assertThat(run("up", "--models", spoiled.toString())).isEqualTo(1);
    assertThat(stack().var().resolve("models.properties")).doesNotExist();
  }

  @Test
  void goodModelsAreRecordedForTheNextUpWithThePreviousOnes() throws Exception {
    Path b = StandIns.copy(home.resolve("b"));

    assertThat(run("models", "use", b.toString())).isZero();
    assertThat(StackModels.read(stack()))
        .isEqualTo(new StackModels(b, home.resolve("models/standin")));
  }

  @Test
  void upWithOtherModelsOnARunningStackPointsToModelsUse() throws Exception {
    Path b = StandIns.copy(home.resolve("b"));
    // This JVM stands in for a running search-api: up must not start anything then.
    stack().pidFile(Component.SEARCH_API).write(ProcessHandle.current());

    assertThat(run("up", "--models", b.toString())).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("./imagesearch models use " + b);
    assertThat(stack().var().resolve("models.properties")).doesNotExist();
  }

  @Test
  void eachModelsCommandExplainsItself() {
    CommandLine models = new CommandLine(new ImagesearchCommand()).getSubcommands().get("models");
    assertThat(models.getSubcommands()).containsKeys("fetch", "use", "status", "rollback");
    for (String command : models.getSubcommands().keySet()) {
      assertThat(run("models", command, "--help")).as(command).isZero();
    }
  }
}
