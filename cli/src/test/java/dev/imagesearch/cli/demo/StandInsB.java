package dev.imagesearch.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A second stand-in model version: the tiny stand-ins exported with another seed. */
final class StandInsB {
  static final String SEED = "20261205";

  private StandInsB() {}

  static Path export(Path out) throws Exception {
    if (Files.isRegularFile(out.resolve("clip/model.json"))) {
      return out;
    }
    Path python = Path.of("/usr/bin/python3");
    assumeTrue(Files.isExecutable(python), "no /usr/bin/python3 to export stand-ins B");
    Process torch = new ProcessBuilder(python.toString(), "-c", "import torch").start();
    assumeTrue(torch.waitFor() == 0, "no PyTorch for /usr/bin/python3 (python3-torch)");
    Path log = Files.createDirectories(out.getParent()).resolve("export-standins-b.log");
    Process export =
        new ProcessBuilder(
                python.toString(),
                DemoStack.HOME.resolve("tools/models/export_standins.py").toString(),
                "--size",
                "tiny",
                "--seed",
                SEED,
                "--out",
                out.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    assertThat(export.waitFor(10, TimeUnit.MINUTES)).isTrue();
    assertThat(export.exitValue()).as(Files.readString(log)).isZero();
    return out;
  }
}
