package dev.imagesearch.storage;

import java.time.Instant;
import java.util.Map;

/**
 * What S3 holds about an original, without its bytes.
 *
 * @param metadata the upload's metadata, decoded
 */
public record StoredOriginal(
    String contentType, long sizeBytes, Instant lastModified, Map<String, String> metadata) {
  public StoredOriginal {
    metadata = Map.copyOf(metadata);
  }
}
