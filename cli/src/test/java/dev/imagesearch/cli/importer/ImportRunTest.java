package dev.imagesearch.cli.importer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagesearch.cli.importer.ImageFiles.ImageFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ImportRunTest {
  private static List<ImageFile> files(int n) {
    List<ImageFile> files = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      files.add(new ImageFile(Path.of("/x/" + i + ".png"), i + ".png", 1000, "image/png"));
    }
    return files;
  }

  @Test
  void stopTakesNoNewFileAndKeepsTheTallyConsistent() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    AtomicReference<ImportRun> run = new AtomicReference<>();
    run.set(
        new ImportRun(
            files(100),
            file -> {
              if (calls.incrementAndGet() == 5) {
                run.get().stop(); // what the Ctrl-C hook does
              }
              return new Outcome(file, Outcome.Status.ACCEPTED, "id", null);
            },
            2,
            Progress.start(100, Progress.Mode.NONE, null)));

    Tally tally = run.get().run();

    assertThat(calls.get()).isBetween(5, 6);
    assertThat(tally.done()).isEqualTo(calls.get());
    assertThat(tally.accepted()).isEqualTo(calls.get());
    assertThat(tally.bytesSent()).isEqualTo(1000L * calls.get());
  }

  @Test
  void authRefusalStopsAndIsReported() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    ImportRun run =
        new ImportRun(
            files(50),
            file -> {
              calls.incrementAndGet();
              throw new AuthRefused(401, "bad key");
            },
            1,
            Progress.start(50, Progress.Mode.NONE, null));

    Tally tally = run.run();

    assertThat(calls.get()).isEqualTo(1);
    assertThat(tally.done()).isZero();
    assertThat(run.authRefused()).hasMessage("bad key");
  }
}
