package dev.imagesearch.cli;

import dev.imagesearch.cli.demo.DemoCommand;
import dev.imagesearch.cli.embed.EmbedCommand;
import dev.imagesearch.cli.importer.ImportCommand;
import dev.imagesearch.cli.models.ModelsCommand;
import dev.imagesearch.cli.search.DeleteCommand;
import dev.imagesearch.cli.search.SearchCommand;
import dev.imagesearch.cli.stack.DownCommand;
import dev.imagesearch.cli.stack.LogsCommand;
import dev.imagesearch.cli.stack.StatusCommand;
import dev.imagesearch.cli.stack.UpCommand;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ScopeType;

/**
 * The one command a user needs; ./imagesearch is a thin shell wrapper around it. {@code --help} and
 * {@code --version} are inherited, so every subcommand answers them.
 */
@Command(
    name = "imagesearch",
    mixinStandardHelpOptions = true,
    scope = ScopeType.INHERIT,
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
      DemoCommand.class,
      SearchCommand.class,
      DeleteCommand.class,
      CommandLine.HelpCommand.class,
      AutoComplete.GenerateCompletion.class
    })
public class ImagesearchCommand {
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new ImagesearchCommand());
    // picocli hides it by default; listed, people find it.
    cli.getSubcommands().get("generate-completion").getCommandSpec().usageMessage().hidden(false);
    return cli;
  }
}
