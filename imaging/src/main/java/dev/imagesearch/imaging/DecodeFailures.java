package dev.imagesearch.imaging;

import dev.imagesearch.imaging.ImageDecodeException.Reason;
import java.io.EOFException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Why a decoder failed, as the {@link Reason} that the services answer with. */
final class DecodeFailures {
  private DecodeFailures() {}

  /**
   * A decoder's exception as a typed reason whose message is plain: decoder internals such as
   * {@code index >= numImages (0 >= 0)} stay in the cause, for logs only.
   */
  static ImageDecodeException classify(ImageFormat format, byte[] data, Exception e) {
    if (e.getCause() instanceof ImageDecodeException d) {
      return d;
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (String.valueOf(t.getMessage()).contains("<= 0")) {
        return new ImageDecodeException(Reason.ZERO_SIZED, "The image has no pixels.", e);
      }
    }
    if (endsEarly(format, data)) {
      return new ImageDecodeException(
          Reason.TRUNCATED, "The " + format + " image is truncated.", e);
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
      if (t instanceof EOFException
          || m.contains("premature")
          || m.contains("truncat")
          || m.contains("unexpected end")
          || m.contains("eof")) {
        return new ImageDecodeException(
            Reason.TRUNCATED, "The " + format + " image is truncated.", e);
      }
      if (m.contains("<= 0") || m.contains("zero")) {
        return new ImageDecodeException(Reason.ZERO_SIZED, "The image has no pixels.", e);
      }
      if (m.contains("unsupported") || m.contains("not supported")) {
        return new ImageDecodeException(
            Reason.UNSUPPORTED_FORMAT,
            "This " + format + " variant is not supported; convert it to a baseline JPEG or PNG.",
            e);
      }
    }
    return new ImageDecodeException(
        Reason.CORRUPT, "The " + format + " image is damaged and cannot be decoded.", e);
  }

  /** The container's end marker is missing (PNG IEND, JPEG EOI, GIF trailer). */
  private static boolean endsEarly(ImageFormat format, byte[] b) {
    int n = b.length;
    return switch (format) {
      case PNG -> n < 12 || !new String(b, n - 8, 4, StandardCharsets.ISO_8859_1).equals("IEND");
      case JPEG -> {
        int end = n;
        while (end > 2 && b[end - 1] == 0) {
          end--;
        }
        yield end < 4 || (b[end - 2] & 0xFF) != 0xFF || (b[end - 1] & 0xFF) != 0xD9;
      }
      case GIF -> b[n - 1] != 0x3B;
      default -> false;
    };
  }
}
