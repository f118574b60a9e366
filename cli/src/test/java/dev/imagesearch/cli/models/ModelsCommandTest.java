package dev.imagesearch.cli.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ModelsCommandTest {
  @TempDir Path dir;

  @Test
  void fetchSaysWhatToDownloadWhenTheCheckpointIsMissing() {
    String err = fetchFails(dir.resolve("ViT-B-32.pt"), dir.resolve("vocab.txt.gz"));

    assertThat(err).contains("ViT-B-32.pt does not exist", "openai/CLIP");
  }

  @Test
  void fetchSaysWhatTheMultilingualDirectoryMustBe() throws Exception {
    String err =
        fetchFails(
            Files.writeString(dir.resolve("ViT-B-32.pt"), "x"),
            Files.writeString(dir.resolve("vocab.txt.gz"), "x"));

    assertThat(err).contains("clip-ViT-B-32-multilingual-v1", "0_Transformer");
  }

  /** Runs fetch with `dir` (no 0_Transformer/) as the multilingual clone: exit 2, its stderr. */
  private String fetchFails(Path checkpoint, Path vocab) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream original = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      int exit =
          new CommandLine(new ModelsCommand())
              .execute(
                  "fetch",
                  "--out",
                  dir.resolve("models").toString(),
                  "--clip-checkpoint",
                  checkpoint.toString(),
                  "--clip-vocab",
                  vocab.toString(),
                  "--multilingual",
                  dir.toString());
      assertThat(exit).isEqualTo(2);
      return err.toString(StandardCharsets.UTF_8);
    } finally {
      System.setErr(original);
    }
  }

  @Test
  void fetchRequiresItsFourOptions() {
    assertThat(new CommandLine(new ModelsCommand()).execute("fetch")).isEqualTo(2);
  }
}
