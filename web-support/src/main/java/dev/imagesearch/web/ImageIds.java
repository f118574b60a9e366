package dev.imagesearch.web;

import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** Image ids are SHA-256 hex; anything else never reaches S3 or Elasticsearch. */
public final class ImageIds {
  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

  private ImageIds() {}

  public static String require(String id) {
    String normalised = id.toLowerCase(Locale.ROOT);
    if (!SHA256_HEX.matcher(normalised).matches()) {
      throw new ResponseStatusException(
          HttpStatus.BAD_REQUEST,
          "Image ids are 64 hexadecimal characters (the SHA-256 of the image).");
    }
    return normalised;
  }
}
