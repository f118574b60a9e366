package dev.imagesearch.cli.importer;

import java.time.Duration;

/**
 * The ingest service could not take the file right now (503, 429, 502, 504, or no connection):
 * worth retrying, after {@code retryAfter} when the server said so.
 */
final class Unavailable extends RuntimeException {
  private final Duration retryAfter;

  Unavailable(String message, Duration retryAfter, Throwable cause) {
    super(message, cause);
    this.retryAfter = retryAfter;
  }

  /** The server's Retry-After, or null when it gave none. */
  Duration retryAfter() {
    return retryAfter;
  }
}
