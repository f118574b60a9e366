package dev.imagesearch.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagesearch.cli.ImagesearchCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DemoCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return new CommandLine(new ImagesearchCommand())
        .setOut(new PrintWriter(out))
        .setErr(new PrintWriter(err))
        .execute(args);
  }

  @Test
  void withoutAFolderExplainsWhatToPass() {
    assertThat(run("demo")).isEqualTo(2);
    assertThat(err.toString())
        .contains("Pass a folder of photos: ./imagesearch demo ")
        .contains("prints the address to open");
  }

  @Test
  void aMissingFolderIsAUsageError(@TempDir Path dir) {
    assertThat(run("demo", dir.resolve("nope").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("No such folder: ").contains("nope");
  }

  @Test
  void helpNamesTheSteps() {
    assertThat(run("demo", "--help")).isZero();
    assertThat(out.toString()).contains("Usage: imagesearch demo").contains("indexed");
  }
}
