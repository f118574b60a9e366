package dev.imagesearch.contracts.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.imagesearch.contracts.images.ImageFacts;
import java.util.UUID;

/**
 * Published on {@link Topics#IMAGES} (key = image id) once the original is in S3. Pixels and
 * vectors never travel on Kafka: readers find the original by the image id. The facts sit flat in
 * the JSON beside the event's own fields; see {@code contracts/README.md} for the versions.
 *
 * @param imageId SHA-256 of the image bytes, lower-case hex
 * @param facts its {@code sizeBytes} is required: a reader reserves memory by it
 */
// Version 1 also named the original's bucket and key, which no reader used.
@JsonIgnoreProperties({"bucket", "key"})
public record ImageUploaded(
    int schemaVersion, UUID eventId, String imageId, @JsonUnwrapped ImageFacts facts)
    implements ImageEvent {

  public static final int SCHEMA_VERSION = 2;

  public ImageUploaded {
    if (facts == null || facts.sizeBytes() == null) {
      throw new IllegalArgumentException("an ImageUploaded event needs sizeBytes");
    }
  }

  /** A new event of the current version. */
  public static ImageUploaded of(String imageId, ImageFacts facts) {
    return new ImageUploaded(SCHEMA_VERSION, UUID.randomUUID(), imageId, facts);
  }
}
