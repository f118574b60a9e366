package dev.imagesearch.cli.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * A component's PID and process start time. The start time guards against stopping an unrelated
 * process that inherited a recycled PID.
 */
record PidFile(Path path) {
  void write(ProcessHandle process) {
    try {
      Files.createDirectories(path.getParent());
      Files.writeString(path, process.pid() + " " + startOf(process).orElse(Instant.EPOCH) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The recorded process, if it is still the one we started. */
  Optional<ProcessHandle> running() {
    if (!Files.isRegularFile(path)) {
      return Optional.empty();
    }
    try {
      String[] parts = Files.readString(path).trim().split(" ");
      Instant recorded = Instant.parse(parts[1]);
      return ProcessHandle.of(Long.parseLong(parts[0]))
          .filter(ProcessHandle::isAlive)
          .filter(p -> startOf(p).map(recorded::equals).orElse(false));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  void delete() {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Optional<Instant> startOf(ProcessHandle process) {
    return process.info().startInstant();
  }
}
