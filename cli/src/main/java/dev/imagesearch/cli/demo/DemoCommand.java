package dev.imagesearch.cli.demo;

import dev.imagesearch.cli.importer.ImportCommand;
import dev.imagesearch.cli.importer.ImportOptions;
import dev.imagesearch.cli.stack.UpCommand;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code imagesearch demo <folder>}: up, import the folder, wait until it is indexed, show URL. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Start the stack (up), upload every image under FOLDER (import), wait until",
      "they are indexed, then print the address of the search page.",
      "Exit codes: 0 ready, 1 something failed, 2 usage, 3 API key refused."
    })
public class DemoCommand implements Callable<Integer> {
  static final int USAGE = 2;
  static final URI SEARCH_API = URI.create("http://127.0.0.1:8080");
  static final URI INGEST = URI.create("http://127.0.0.1:8081");

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "FOLDER",
      description = "folder of photos to search (recursively)")
  Path folder;

  @Mixin ImportOptions importOptions;

  @Option(
      names = "--wait",
      paramLabel = "MINUTES",
      defaultValue = "10",
      description =
          "give up when indexing makes no progress for this long (default: ${DEFAULT-VALUE})")
  long waitMinutes;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (folder == null) {
      err.println(
          """
          Pass a folder of photos: ./imagesearch demo ~/Pictures/holidays
          It starts imagesearch, uploads every image under the folder (jpg png webp gif bmp
          tiff, recursively), waits until they can be searched and prints the address to open.""");
      err.flush();
      return USAGE;
    }
    if (!Files.isDirectory(folder)) {
      err.println("No such folder: " + folder + " (pass a folder of photos)");
      err.flush();
      return USAGE;
    }
    int up = new UpCommand().call();
    if (up != 0) {
      return up;
    }
    out.println();
    ImportCommand importer = new ImportCommand();
    List<String> importArgs = new ArrayList<>(List.of(folder.toString()));
    importArgs.addAll(importOptions.args());
    int imported = new CommandLine(importer).execute(importArgs.toArray(String[]::new));
    if (imported != 0 && imported != 1) {
      return imported; // usage, API key refused, or interrupted: import said why
    }
    out.println();
    var wait = new IndexWait(INGEST, out, Duration.ofMinutes(waitMinutes));
    IndexWait.Result result = wait.until(importer.storedIds());
    out.println();
    out.println(result.describe());
    if (!result.complete()) {
      out.println("Indexing stalled: ./imagesearch logs embed-worker shows why.");
      out.flush();
      return 1;
    }
    Banner.print(out, SEARCH_API);
    out.flush();
    return imported;
  }
}
