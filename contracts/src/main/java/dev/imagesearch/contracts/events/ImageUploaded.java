package dev.imagesearch.contracts.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Published on {@link Topics#IMAGES} (key = image id) once the original is in S3. It points at the
 * stored object; pixels and vectors never travel on Kafka.
 *
 * @param imageId SHA-256 of the image bytes, lower-case hex
 */
public record ImageUploaded(
    int schemaVersion,
    UUID eventId,
    String imageId,
    String bucket,
    String key,
    String contentType,
    long sizeBytes,
    int width,
    int height,
    String filename,
    String collection,
    List<String> tags,
    String caption,
    Instant uploadedAt)
    implements ImageEvent {

  public static final int SCHEMA_VERSION = 1;

  public ImageUploaded {
    tags = tags == null ? List.of() : List.copyOf(tags);
  }
}
