package dev.imagesearch.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/** The repository these tests check, and small readers for its files. */
final class Repo {
  private Repo() {}

  /** The repository root: Maven passes it; from an IDE, the parent of this module. */
  static Path root() {
    String dir = System.getProperty("imagesearch.repo.dir");
    Path root = dir != null ? Path.of(dir) : Path.of("").toAbsolutePath().getParent();
    if (!Files.isRegularFile(root.resolve("docker-compose.yml"))) {
      throw new IllegalStateException("not the repository root (no docker-compose.yml): " + root);
    }
    return root;
  }

  static Path path(String relative) {
    return root().resolve(relative);
  }

  static String read(String relative) {
    try {
      return Files.readString(path(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One YAML document as maps and lists; anchors and merge keys ({@code <<}) resolved. */
  static Map<String, Object> yaml(String text) {
    return new Yaml(new LoaderOptions()).load(text);
  }
}
