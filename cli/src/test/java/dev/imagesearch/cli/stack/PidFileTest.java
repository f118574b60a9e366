package dev.imagesearch.cli.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PidFileTest {
  @TempDir Path dir;

  @Test
  void findsTheProcessItRecorded() {
    PidFile file = new PidFile(dir.resolve("run/me.pid"));

    file.write(ProcessHandle.current());

    assertThat(file.running()).contains(ProcessHandle.current());
  }

  @Test
  void ignoresARecycledPidWhoseStartTimeDiffers() throws IOException {
    PidFile file = new PidFile(dir.resolve("me.pid"));
    Files.writeString(file.path(), ProcessHandle.current().pid() + " 2001-01-01T00:00:00Z\n");

    assertThat(file.running()).isEmpty();
  }

  @Test
  void treatsMissingOrGarbledFilesAsNotRunning() throws IOException {
    PidFile file = new PidFile(dir.resolve("me.pid"));
    assertThat(file.running()).isEmpty();

    Files.writeString(file.path(), "not a pid");
    assertThat(file.running()).isEmpty();
  }
}
