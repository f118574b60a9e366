package dev.imagesearch.cli.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ModelsCommandTest {
  @TempDir Path dir;

  @Test
  void fetchSaysWhatToDownloadWhenTheCheckpointIsMissing() {
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
                  dir.resolve("ViT-B-32.pt").toString(),
                  "--clip-vocab",
                  dir.resolve("vocab.txt.gz").toString(),
                  "--multilingual",
                  dir.toString());

      assertThat(exit).isEqualTo(2);
      assertThat(err.toString(StandardCharsets.UTF_8))
          .contains("ViT-B-32.pt does not exist", "openai/CLIP");
    } finally {
      System.setErr(original);
    }
  }

  @Test
  void fetchSaysWhatTheMultilingualDirectoryMustBe() throws Exception {
    Path checkpoint = java.nio.file.Files.writeString(dir.resolve("ViT-B-32.pt"), "x");
    Path vocab = java.nio.file.Files.writeString(dir.resolve("vocab.txt.gz"), "x");
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
      assertThat(err.toString(StandardCharsets.UTF_8))
          .contains("clip-ViT-B-32-multilingual-v1", "0_Transformer");
    } finally {
      System.setErr(original);
    }
  }

  @Test
  void fetchRequiresItsFourOptions() {
    assertThat(new CommandLine(new ModelsCommand()).execute("fetch")).isEqualTo(2);
  }
}
