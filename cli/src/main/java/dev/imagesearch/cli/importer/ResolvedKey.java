package dev.imagesearch.cli.importer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The API key to send, and where it came from (for error messages); key is null if none. */
public record ResolvedKey(String key, String source) {
  public static final String ENV = "IMAGESEARCH_API_KEY";

  /** {@code --api-key}, else {@code IMAGESEARCH_API_KEY}, else the first line of var/api-key. */
  public static ResolvedKey resolve(String option, Map<String, String> env, Path varDir) {
    if (option != null && !option.isBlank()) {
      return new ResolvedKey(option.strip(), "--api-key");
    }
    String fromEnv = env.get(ENV);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return new ResolvedKey(fromEnv.strip(), ENV);
    }
    Path file = varDir.resolve("api-key");
    if (Files.isRegularFile(file)) {
      try {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (!lines.isEmpty() && !lines.get(0).isBlank()) {
          return new ResolvedKey(lines.get(0).strip(), file.toString());
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the API key in " + file, e);
      }
    }
    return new ResolvedKey(null, "none");
  }

  /** The stack's var/ folder: IMAGESEARCH_VAR, else {imagesearch.home}/var (as `up` uses it). */
  public static Path varDir(Map<String, String> env) {
    String var = env.get("IMAGESEARCH_VAR");
    if (var != null && !var.isBlank()) {
      return Path.of(var).toAbsolutePath();
    }
    return Path.of(System.getProperty("imagesearch.home", "."))
        .toAbsolutePath()
        .normalize()
        .resolve("var");
  }
}
