package dev.imagesearch.imaging;

/** An upload or file that cannot become an RGB image, with a reason a user can read. */
public final class ImageDecodeException extends Exception {

  /** Why decoding failed; stable names, safe to store and to show. */
  public enum Reason {
    NOT_AN_IMAGE,
    UNSUPPORTED_FORMAT,
    TRUNCATED,
    TOO_MANY_PIXELS,
    ZERO_SIZED,
    CORRUPT
  }

  private final Reason reason;

  public ImageDecodeException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public ImageDecodeException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
