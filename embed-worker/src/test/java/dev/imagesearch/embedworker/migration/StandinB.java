package dev.imagesearch.embedworker.migration;

import dev.imagesearch.embedworker.WorkerTestBase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A second model version for migration tests: the tiny stand-ins exported with another seed, whose
 * version string differs ({@code tools/models/export_standins.py --seed}). Made once into target/,
 * with the Python and PyTorch that export the committed ones; the test is skipped without them.
 */
final class StandinB {
  static final int SEED = 7;
  private static final Path DIR = Path.of("target", "standin-seed" + SEED);

  private StandinB() {}

  static synchronized Path directory() throws IOException, InterruptedException {
    if (Files.exists(DIR.resolve("clip").resolve("model.json"))) {
      return DIR;
    }
    Path python = Path.of("/usr/bin/python3");
    Assumptions.assumeTrue(Files.isExecutable(python), "no /usr/bin/python3 to export stand-ins");
    Process torch = new ProcessBuilder(python.toString(), "-c", "import torch").start();
    Assumptions.assumeTrue(
        torch.waitFor(60, TimeUnit.SECONDS) && torch.exitValue() == 0,
        "PyTorch is not installed for /usr/bin/python3: no second stand-in version to migrate to");
    Process export =
        new ProcessBuilder(
                python.toString(),
                WorkerTestBase.REPO + "/tools/models/export_standins.py",
                "--size",
                "tiny",
                "--seed",
                "" + SEED,
                "--out",
                DIR.toString())
            .inheritIO()
            .start();
    if (!export.waitFor(300, TimeUnit.SECONDS) || export.exitValue() != 0) {
      throw new IllegalStateException("export_standins.py --seed " + SEED + " failed");
    }
    return DIR;
  }
}
