package dev.imagesearch.cli.importer;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The options {@code import} shares with {@code demo}, which passes them on: what to file the
 * images under, and how to show progress.
 */
public class ImportOptions {
  @Option(names = "--collection", paramLabel = "NAME", description = "collection to file under")
  String collection;

  @Option(
      names = "--tags",
      paramLabel = "a,b",
      description = "comma-separated tags for every image")
  String tags;

  @Option(
      names = "--progress",
      paramLabel = "MODE",
      defaultValue = "auto",
      description =
          "auto (a bar on a terminal, a line every 10 s otherwise), bar, plain or none"
              + " (default: ${DEFAULT-VALUE})")
  String progress;

  /** These options as {@code import} arguments. */
  public List<String> args() {
    List<String> args = new ArrayList<>(List.of("--progress", progress));
    if (collection != null) {
      args.addAll(List.of("--collection", collection));
    }
    if (tags != null) {
      args.addAll(List.of("--tags", tags));
    }
    return args;
  }
}
