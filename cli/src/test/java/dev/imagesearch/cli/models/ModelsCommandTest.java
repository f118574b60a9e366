package dev.imagesearch.cli.models;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ModelsCommandTest {
  @Test
  void fetchRequiresTheOutFolder() {
    assertThat(new CommandLine(new ModelsCommand()).execute("fetch")).isEqualTo(2);
  }
}
