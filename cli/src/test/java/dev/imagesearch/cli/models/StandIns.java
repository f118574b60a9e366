package dev.imagesearch.cli.models;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The stand-in models committed under models/standin, and copies of them to spoil. */
public final class StandIns {
  public static final Path DIR =
      Path.of(System.getProperty("imagesearch.repo.dir", ".."), "models", "standin")
          .toAbsolutePath()
          .normalize();

  private StandIns() {}

  public static Path copy(Path target) throws IOException {
    try (Stream<Path> files = Files.walk(DIR)) {
      for (Path file : files.toList()) {
        Path copy = target.resolve(DIR.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(copy);
        } else {
          Files.copy(file, copy);
        }
      }
    }
    return target;
  }
}
