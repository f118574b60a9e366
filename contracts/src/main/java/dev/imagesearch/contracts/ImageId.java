package dev.imagesearch.contracts;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An image's id: the SHA-256 of its bytes as 64 lower-case hex characters. The same bytes get the
 * same id on every upload, which is what makes uploads idempotent and duplicates cheap to spot. S3
 * keys, Kafka keys, events and Elasticsearch documents all carry this canonical form; {@link
 * #parse} also takes upper case from people and normalises it.
 */
public record ImageId(String hex) {
  /** The log context (MDC) key of the image a log line is about, the same in every service. */
  public static final String LOG_KEY = "imageId";

  private static final Pattern CANONICAL = Pattern.compile("[0-9a-f]{64}");

  public ImageId {
    if (!isCanonical(hex)) {
      throw new Invalid();
    }
  }

  /** The id of these bytes. */
  public static ImageId of(byte[] bytes) {
    return new ImageId(HexFormat.of().formatHex(sha256().digest(bytes)));
  }

  /** The id of the bytes left in {@code in}, read to the end in chunks; the caller closes it. */
  public static ImageId of(InputStream in) throws IOException {
    MessageDigest digest = sha256();
    byte[] buffer = new byte[1 << 16];
    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
      digest.update(buffer, 0, n);
    }
    return new ImageId(HexFormat.of().formatHex(digest.digest()));
  }

  /** An id as a person or a URL may write it, in either case. */
  public static ImageId parse(String text) {
    if (text == null) {
      throw new Invalid();
    }
    return new ImageId(text.toLowerCase(Locale.ROOT));
  }

  /** Whether {@code text} is an id in its canonical (lower-case) form. */
  public static boolean isCanonical(String text) {
    return text != null && CANONICAL.matcher(text).matches();
  }

  @Override
  public String toString() {
    return hex;
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** Not an image id; the message says what one looks like, for the 400 it becomes. */
  public static final class Invalid extends IllegalArgumentException {
    Invalid() {
      super("Image ids are 64 hexadecimal characters (the SHA-256 of the image).");
    }
  }
}
