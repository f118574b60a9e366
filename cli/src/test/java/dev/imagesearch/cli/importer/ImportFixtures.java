package dev.imagesearch.cli.importer;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine;

/**
 * Runs the import command the way a user does, and writes files that are no images (the images come
 * from test-support's {@code TestImages}).
 */
final class ImportFixtures {
  static final Uploader.Settings FAST_RETRY =
      new Uploader.Settings(5, Duration.ofMillis(5), Duration.ofMillis(20), Duration.ofMillis(50));

  private ImportFixtures() {}

  static Path text(Path dir, String relative, String content) {
    Path file = dir.resolve(relative);
    try {
      Files.createDirectories(file.getParent());
      return Files.writeString(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  record Result(int exit, String out, String err) {}

  /** Runs {@code import} with fast retries, no progress bar, and no key from the environment. */
  static Result run(Path varDir, String... args) {
    return run(Map.of("IMAGESEARCH_VAR", varDir.toString()), args);
  }

  static Result run(Map<String, String> env, String... args) {
    ImportCommand command = new ImportCommand();
    command.env = env;
    command.retry = FAST_RETRY;
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        new CommandLine(command)
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true))
            .execute(args);
    return new Result(exit, out.toString(), err.toString());
  }
}
