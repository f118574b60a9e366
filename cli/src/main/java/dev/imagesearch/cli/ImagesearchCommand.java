package dev.imagesearch.cli;

import dev.imagesearch.cli.demo.DemoCommand;
import dev.imagesearch.cli.embed.EmbedCommand;
import dev.imagesearch.cli.importer.ImportCommand;
import dev.imagesearch.cli.models.ModelsCommand;
import dev.imagesearch.cli.stack.DownCommand;
import dev.imagesearch.cli.stack.LogsCommand;
import dev.imagesearch.cli.stack.StatusCommand;
import dev.imagesearch.cli.stack.UpCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The one command a user needs; ./imagesearch is a thin shell wrapper around it. */
@Command(
    name = "imagesearch",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Self-hosted image search: find images by text and by image.",
    subcommands = {
      UpCommand.class,
      DownCommand.class,
      StatusCommand.class,
      LogsCommand.class,
      EmbedCommand.class,
      ModelsCommand.class,
      ImportCommand.class,
      DemoCommand.class
    })
public class ImagesearchCommand {
  public static void main(String[] args) {
    System.exit(new CommandLine(new ImagesearchCommand()).execute(args));
  }
}
