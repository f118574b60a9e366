package dev.imagesearch.embedworker.consume;

/**
 * An event that can never succeed however often it is retried: it goes to the dead letters and its
 * image gets a {@code failed} document.
 *
 * @see Reasons
 */
final class PermanentFailure extends RuntimeException {
  private final String reason;

  PermanentFailure(String reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  PermanentFailure(String reason, String message, Throwable cause) {
    super(message, cause, false, false);
    this.reason = reason;
  }

  /** A stable upper-case name (see {@link Reasons}), safe to show, count and filter on. */
  String reason() {
    return reason;
  }

  /** What the failed document's {@code failureReason} says. */
  String describe() {
    return reason + ": " + getMessage();
  }

  /** The reasons besides those of the image decoder ({@code TRUNCATED}, {@code CORRUPT}, ...). */
  static final class Reasons {
    static final String MALFORMED_EVENT = "MALFORMED_EVENT";
    static final String MISSING_OBJECT = "MISSING_OBJECT";
    static final String INDEX_REJECTED = "INDEX_REJECTED";
    static final String INFERENCE_FAILED = "INFERENCE_FAILED";
    static final String THUMBNAIL_FAILED = "THUMBNAIL_FAILED";

    /** An Error (out of memory, stack overflow, ...) while decoding or deriving from the image. */
    static final String PROCESSING_ERROR = "PROCESSING_ERROR";

    private Reasons() {}
  }
}
