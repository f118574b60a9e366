package dev.imagesearch.cli.models;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Downloads a checkpoint into a cache folder. An interrupted download stays as {@code name.part}
 * and the next run asks only for the rest (HTTP Range); a finished one is verified before it takes
 * its name, and a file with the wrong SHA-256 is deleted.
 */
final class Download {
  private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

  private final Path cache;
  private final Duration stall;
  private final PrintStream out;

  /** {@code stall}: how long a connection may send nothing before the download counts as broken. */
  Download(Path cache, Duration stall, PrintStream out) {
    this.cache = cache;
    this.stall = stall;
    this.out = out;
  }

  /** The verified file in the cache, downloading what is missing. */
  Path fetch(Checkpoint checkpoint) throws IOException {
    Files.createDirectories(cache);
    Path done = cache.resolve(checkpoint.name());
    if (Files.isRegularFile(done)) {
      verify(checkpoint, done);
      out.println(checkpoint.name() + ": already downloaded and verified.");
      return done;
    }
    Path part = cache.resolve(checkpoint.name() + ".part");
    long have = Files.isRegularFile(part) ? Files.size(part) : 0;
    // HttpURLConnection for its read timeout: a connection that stalls fails instead of hanging.
    HttpURLConnection connection = (HttpURLConnection) checkpoint.url().toURL().openConnection();
    connection.setConnectTimeout((int) stall.toMillis());
    connection.setReadTimeout((int) stall.toMillis());
    if (have > 0) {
      connection.setRequestProperty("Range", "bytes=" + have + "-");
    }
    try {
      int status = connection.getResponseCode();
      if (status == 206) {
        out.printf("%s: resuming after %s.%n", checkpoint.name(), megabytes(have));
      } else if (status == 200) {
        have = 0; // the server ignored the range: start again
      } else if (status != 416) { // 416: nothing left to send, the part is whole
        throw new IOException(
            checkpoint.name() + ": " + checkpoint.url() + " answered HTTP " + status + ".");
      }
      if (status != 416) {
        long length = connection.getContentLengthLong();
        try (InputStream body = connection.getInputStream()) {
          copy(checkpoint.name(), body, part, have, length < 0 ? -1 : have + length);
        }
      }
    } finally {
      connection.disconnect();
    }
    verify(checkpoint, part);
    Files.move(part, done, StandardCopyOption.ATOMIC_MOVE);
    out.println(checkpoint.name() + ": downloaded and verified.");
    return done;
  }

  private void copy(String name, InputStream body, Path part, long have, long total)
      throws IOException {
    byte[] buffer = new byte[1 << 16];
    long written = have;
    long nextReport = System.nanoTime() + PROGRESS_EVERY.toNanos();
    try (OutputStream file =
        Files.newOutputStream(
            part,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            have > 0 ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
      for (int n; (n = body.read(buffer)) >= 0; ) {
        file.write(buffer, 0, n);
        written += n;
        if (System.nanoTime() >= nextReport) {
          nextReport = System.nanoTime() + PROGRESS_EVERY.toNanos();
          out.println(name + ": " + progress(written, total));
        }
      }
      if (total > 0 && written < total) {
        throw new IOException("the server closed the connection");
      }
    } catch (IOException e) {
      throw new IOException(
          name
              + ": the download broke off after "
              + megabytes(written)
              + " ("
              + e.getMessage()
              + "). Run the same command again: it resumes where it stopped.",
          e);
    }
    out.println(name + ": " + progress(written, total));
  }

  /** Deletes the file and fails when its SHA-256 is not the published one. */
  private static void verify(Checkpoint checkpoint, Path file) throws IOException {
    String actual = sha256(file);
    if (!checkpoint.matches(actual)) {
      Files.delete(file);
      throw new IOException(
          checkpoint.name()
              + ": SHA-256 is "
              + actual
              + " where "
              + checkpoint.sha256()
              + (checkpoint.sha256().length() < 64 ? "…" : "")
              + " was expected, so it is not the published file (or it was damaged on the way)."
              + " It was deleted; nothing was written to the model folder.");
    }
  }

  static String sha256(Path file) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static String progress(long written, long total) {
    return total > 0
        ? String.format(
            Locale.ROOT,
            "%s of %s (%d%%)",
            megabytes(written),
            megabytes(total),
            written * 100 / total)
        : megabytes(written);
  }

  private static String megabytes(long bytes) {
    return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
  }
}
