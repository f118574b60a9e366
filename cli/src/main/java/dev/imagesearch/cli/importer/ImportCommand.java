package dev.imagesearch.cli.importer;

import dev.imagesearch.cli.importer.ImageFiles.Scan;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code imagesearch import <folder>}: uploads every image under a folder to the ingest API. */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = {
      "Upload every image under FOLDER (recursively; jpg jpeg png webp gif bmp tif",
      "tiff) through the ingest API, several at a time, with a live progress bar.",
      "Safe to interrupt and run again: stored images come back as duplicate.",
      "Exit codes: 0 done (rejected files are listed), 1 some failed, 2 usage,",
      "3 API key refused."
    })
public class ImportCommand implements Callable<Integer> {
  static final int FAILED = 1;
  static final int USAGE = 2;
  static final int AUTH = 3;

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FOLDER", description = "folder to import")
  Path folder;

  @Mixin ImportOptions options;

  @Option(
      names = "--concurrency",
      paramLabel = "N",
      defaultValue = "4",
      description = "parallel uploads, 1 to 64 (default: ${DEFAULT-VALUE})")
  int concurrency;

  @Option(
      names = "--url",
      paramLabel = "URL",
      defaultValue = "http://127.0.0.1:8081",
      description = "ingest service (default: ${DEFAULT-VALUE})")
  String url;

  @Option(
      names = "--api-key",
      paramLabel = "KEY",
      description = "API key with write access (default: $IMAGESEARCH_API_KEY, else var/api-key)")
  String apiKey;

  /** Seams for tests: the environment and how hard to retry. */
  Map<String, String> env = System.getenv();

  Uploader.Settings retry = Uploader.Settings.DEFAULT;

  private Set<String> storedIds = Set.of();

  /**
   * After {@link #call}: the ids the server gave the files it holds (accepted or duplicate), so
   * that {@code demo} waits on exactly those without hashing the folder again.
   */
  public Set<String> storedIds() {
    return storedIds;
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Progress.Mode mode = progressMode();
    URI base = Args.baseUrl(url);
    if (concurrency < 1 || concurrency > 64) {
      return usage(err, "--concurrency must be between 1 and 64, not " + concurrency);
    } else if (base == null) {
      return usage(err, "--url must be an http:// or https:// URL, not " + url);
    } else if (mode == null) {
      return usage(err, "--progress must be auto, bar, plain or none, not " + options.progress);
    } else if (!Files.exists(folder)) {
      return usage(err, "No such folder: " + folder);
    } else if (!Files.isDirectory(folder)) {
      return usage(err, folder + " is not a folder");
    }
    Scan scan = ImageFiles.scan(folder);
    Summary.warnings(err, scan.warnings());
    if (scan.images().isEmpty()) {
      return usage(
          err,
          "No images in "
              + scan.root()
              + " (looked for .jpg .jpeg .png .webp .gif .bmp .tif .tiff; skipped "
              + scan.skipped()
              + " non-image files)");
    }
    ResolvedKey key = ResolvedKey.resolve(apiKey, env, ResolvedKey.varDir(env));
    out.printf(
        Locale.ROOT,
        "Importing %d images (%.1f MB) from %s to %s, %d at a time; skipped %d non-image files.%n",
        scan.images().size(),
        scan.totalBytes() / 1e6,
        scan.root(),
        base,
        concurrency,
        scan.skipped());
    out.flush();
    try (IngestClient client =
        new IngestClient(base, key.key(), concurrency, Duration.ofMinutes(2))) {
      Uploader uploader = new Uploader(client, options.collection, Args.tags(options.tags), retry);
      Progress bar = Progress.start(scan.images().size(), mode, err);
      ImportRun run = new ImportRun(scan.images(), uploader::upload, concurrency, bar);
      AtomicBoolean reported = new AtomicBoolean();
      Thread onCtrlC =
          new Thread(
              () -> {
                run.stop();
                if (reported.compareAndSet(false, true)) {
                  bar.close();
                  Summary.print(out, scan, run.tally(), bar.elapsed(), true);
                }
              },
              "import-interrupted");
      Runtime.getRuntime().addShutdownHook(onCtrlC);
      try {
        run.run();
      } finally {
        removeHook(onCtrlC);
      }
      if (!reported.compareAndSet(false, true)) {
        return 130; // the JVM is shutting down (Ctrl-C); the hook printed the partial summary
      }
      bar.close();
      Summary.print(out, scan, run.tally(), bar.elapsed(), false);
      storedIds = run.tally().storedIds();
      if (run.authRefused() != null) {
        err.println(run.authRefused().explain(key, client.endpoint()));
        err.flush();
        return AUTH;
      }
      return run.tally().failed() > 0 ? FAILED : 0;
    }
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // Ctrl-C: the hook runs and reports
    }
  }

  private static int usage(PrintWriter err, String message) {
    err.println(message);
    err.flush();
    return USAGE;
  }

  private Progress.Mode progressMode() {
    try {
      return Progress.Mode.valueOf(options.progress.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
