package dev.imagesearch.contracts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * How an API key is kept in configuration: the SHA-256 of its UTF-8 bytes, in hexadecimal, so that
 * no configuration file holds a key. The CLI writes hashes by this rule and the services check
 * presented keys by it, so it lives here once.
 */
public final class ApiKeyHash {
  private ApiKeyHash() {}

  /** The configuration form of {@code key}. */
  public static String of(String key) {
    return HexFormat.of().formatHex(digest(key));
  }

  /**
   * Whether {@code key} is the key whose configured hash is {@code configured} (hexadecimal); in
   * constant time, so a timing does not tell how much of a guess was right.
   */
  public static boolean matches(String key, String configured) {
    return key != null && MessageDigest.isEqual(digest(key), HexFormat.of().parseHex(configured));
  }

  private static byte[] digest(String key) {
    return ImageId.sha256().digest(key.getBytes(StandardCharsets.UTF_8));
  }
}
