package dev.imagesearch.searchapi;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.imagesearch.embedding.model.ModelDescriptor;
import dev.imagesearch.index.ModelVersions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Another version of the tiny stand-in models: the committed ones exported with another seed by
 * tools/models/export_standins.py, once per build into target/. Its vectors differ from the
 * committed stand-ins' as much as another model's would. A test that needs it is skipped where
 * /usr/bin/python3 has no torch.
 */
public record StandinVersion(Path directory) {
  public static synchronized StandinVersion seed(int seed) {
    Path repo = Path.of(System.getProperty("imagesearch.repo.dir"));
    Path out = repo.resolve("search-api/target/standin-seed" + seed);
    if (!Files.isRegularFile(out.resolve("multilingual/model.json"))) {
      export(repo, out, seed);
    }
    return new StandinVersion(out);
  }

  private static void export(Path repo, Path out, int seed) {
    String output;
    int exit;
    try {
      Process python =
          new ProcessBuilder(
                  "/usr/bin/python3",
                  repo.resolve("tools/models/export_standins.py").toString(),
                  "--size",
                  "tiny",
                  "--seed",
                  Integer.toString(seed),
                  "--out",
                  out.toString())
              .redirectErrorStream(true)
              .start();
      output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      exit = python.waitFor(2, TimeUnit.MINUTES) ? python.exitValue() : -1;
    } catch (IOException e) {
      output = e.toString();
      exit = -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    assumeTrue(exit == 0, "another stand-in version needs /usr/bin/python3 with torch: " + output);
  }

  /** What the index version made with it records: each model's {@code name:version}. */
  public ModelVersions versions() throws IOException {
    return new ModelVersions(id(vgg16()), id(clip()));
  }

  private static String id(String directory) throws IOException {
    return ModelDescriptor.read(Path.of(directory).resolve(ModelDescriptor.FILE_NAME)).id();
  }

  public String vgg16() {
    return directory.resolve("vgg16").toString();
  }

  public String clip() {
    return directory.resolve("clip").toString();
  }
}
