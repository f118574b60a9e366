package dev.imagesearch.cli.importer;

import dev.imagesearch.cli.importer.ImageFiles.ImageFile;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Uploads the files on {@code concurrency} threads, one file per request, in path order. Stops
 * taking new files at once when a key is refused (401/403) or when {@link #stop()} is called
 * (Ctrl-C); requests already in flight finish or die with the JVM, and the server's idempotence
 * makes the next run pick up where this one stopped.
 */
final class ImportRun {
  private final List<ImageFile> files;
  private final Function<ImageFile, Outcome> upload;
  private final int concurrency;
  private final Progress progress;
  private final Tally tally = new Tally();
  private final AtomicBoolean stopped = new AtomicBoolean();
  private final AtomicReference<AuthRefused> authRefused = new AtomicReference<>();

  ImportRun(
      List<ImageFile> files,
      Function<ImageFile, Outcome> upload,
      int concurrency,
      Progress progress) {
    this.files = files;
    this.upload = upload;
    this.concurrency = concurrency;
    this.progress = progress;
  }

  Tally tally() {
    return tally;
  }

  /** The refusal that stopped the import, or null. */
  AuthRefused authRefused() {
    return authRefused.get();
  }

  /** Takes no new file; safe from any thread, including a shutdown hook. */
  void stop() {
    stopped.set(true);
  }

  /** Runs to the end (or until stopped) and returns the tally. */
  Tally run() throws InterruptedException {
    AtomicInteger threadNo = new AtomicInteger();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            concurrency,
            r -> {
              Thread t = new Thread(r, "import-" + threadNo.incrementAndGet());
              t.setDaemon(true); // never holds the JVM after Ctrl-C
              return t;
            });
    try {
      for (ImageFile file : files) {
        pool.execute(() -> uploadOne(file));
      }
      pool.shutdown();
      while (!pool.awaitTermination(1, TimeUnit.SECONDS)) {
        // waits; stop() makes the queued tasks return at once
      }
    } finally {
      pool.shutdownNow();
    }
    return tally;
  }

  private void uploadOne(ImageFile file) {
    if (stopped.get()) {
      return;
    }
    try {
      Outcome outcome = upload.apply(file);
      if (stopped.get() && outcome.status() == Outcome.Status.FAILED) {
        return; // interrupted by Ctrl-C, not a failure of the file itself
      }
      tally.record(outcome);
      progress.step(tally);
    } catch (AuthRefused e) {
      authRefused.compareAndSet(null, e);
      stopped.set(true);
    } catch (RuntimeException e) {
      tally.record(Outcome.failed(file, "unexpected error: " + e));
      progress.step(tally);
    }
  }
}
