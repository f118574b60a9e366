package dev.imagesearch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ImagesearchCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = ImagesearchCommand.commandLine();
    cli.setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
    return cli.execute(args);
  }

  @Test
  void everySubcommandAnswersHelp() {
    for (String command : ImagesearchCommand.commandLine().getSubcommands().keySet()) {
      out.getBuffer().setLength(0);
      assertThat(run(command, "--help")).as(command + " --help: " + err).isZero();
      assertThat(out.toString()).as(command).contains("Usage: imagesearch " + command);
    }
  }

  @Test
  void theHelpSubcommandExplainsAnother() {
    assertThat(run("help", "search")).isZero();
    assertThat(out.toString())
        .startsWith("Usage: imagesearch search")
        .contains("--image", "--similar", "--json", "--open", "-n");
    out.getBuffer().setLength(0);
    assertThat(run("help")).isZero();
    assertThat(out.toString()).contains("search", "delete", "generate-completion");
  }

  @Test
  void completionIsABashScriptThatKnowsTheSubcommandsAndTheirOptions() {
    assertThat(run("generate-completion")).isZero();
    assertThat(out.toString())
        .startsWith("#!/usr/bin/env bash")
        .contains("complete -F _complete_imagesearch")
        .contains("search", "delete", "--similar")
        .contains("use", "rollback", "--models");
  }
}
