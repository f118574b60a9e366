package dev.imagesearch.cli.importer;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import dev.imagesearch.cli.importer.ImageFiles.ImageFile;
import java.time.Duration;

/**
 * Uploads one file with retries: when the service is unavailable (503 and friends, or no
 * connection) it tries again with exponential backoff, or after the server's Retry-After, up to
 * {@link Settings#attempts()} times. Uploads are idempotent server-side (the id is the SHA-256 of
 * the bytes), so a retry never stores anything twice.
 */
final class Uploader {
  /** How hard to retry; {@link #DEFAULT} for real use, shorter delays in tests. */
  record Settings(int attempts, Duration firstDelay, Duration maxDelay, Duration maxRetryAfter) {
    static final Settings DEFAULT =
        new Settings(5, Duration.ofMillis(500), Duration.ofSeconds(8), Duration.ofSeconds(30));
  }

  private static final Duration USE_BACKOFF = Duration.ofMillis(-1);

  private final IngestClient client;
  private final String collection;
  private final String tags;
  private final Settings settings;
  private final RetryPolicy<Outcome> retry;

  Uploader(IngestClient client, String collection, String tags, Settings settings) {
    this.client = client;
    this.collection = collection;
    this.tags = tags;
    this.settings = settings;
    this.retry =
        RetryPolicy.<Outcome>builder()
            .handle(Unavailable.class)
            .withMaxAttempts(settings.attempts())
            .withBackoff(settings.firstDelay(), settings.maxDelay())
            .withJitter(0.2)
            .withDelayFnOn(ctx -> serverDelay(ctx.getLastException()), Unavailable.class)
            .build();
  }

  /** Never throws except {@link AuthRefused}, which must stop the whole import. */
  Outcome upload(ImageFile file) {
    try {
      return Failsafe.with(retry).get(() -> client.upload(file, collection, tags));
    } catch (Unavailable e) {
      String tries = settings.attempts() == 1 ? "1 attempt" : settings.attempts() + " attempts";
      return Outcome.failed(file, e.getMessage() + "; gave up after " + tries);
    } catch (FailsafeException e) {
      if (e.getCause() instanceof InterruptedException) {
        Thread.currentThread().interrupt();
        return Outcome.failed(file, "interrupted while waiting to retry");
      }
      return Outcome.failed(file, String.valueOf(e.getCause()));
    }
  }

  /**
   * The server's Retry-After, capped. Otherwise a negative delay, which tells Failsafe to use the
   * exponential backoff (a null would fail in Failsafe 3.3.2).
   */
  private Duration serverDelay(Throwable last) {
    if (last instanceof Unavailable u && u.retryAfter() != null) {
      Duration d = u.retryAfter();
      return d.compareTo(settings.maxRetryAfter()) > 0 ? settings.maxRetryAfter() : d;
    }
    return USE_BACKOFF;
  }
}
