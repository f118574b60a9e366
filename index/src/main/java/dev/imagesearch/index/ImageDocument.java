package dev.imagesearch.index;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.imagesearch.contracts.images.ImageFacts;
import java.time.Instant;

/**
 * One image in the index; the document id is the image id. A failed image has {@code status =
 * failed}, a {@code failureReason} and no vectors. Vectors are L2-normalised float[512]. Fields the
 * image lacks are left out of the document.
 *
 * @param facts what its upload said, flat in the document; null only for an event too malformed to
 *     read (a document read back always has facts, empty ones then)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImageDocument(
    String id,
    String status,
    String failureReason,
    float[] vgg16,
    float[] clip,
    String vgg16Model,
    String clipModel,
    @JsonUnwrapped ImageFacts facts,
    Instant takenAt,
    String camera,
    GeoPoint location,
    String duplicateOf,
    Instant indexedAt) {

  public record GeoPoint(double lat, double lon) {}

  /**
   * An image the worker embedded; {@code takenAt}, {@code camera} and {@code location} are what
   * EXIF said, each null when absent.
   *
   * @param duplicateOf the id of an earlier image it nearly equals, or null
   */
  public static ImageDocument indexed(
      String id,
      ImageFacts facts,
      float[] vgg16,
      float[] clip,
      ModelVersions models,
      Instant takenAt,
      String camera,
      GeoPoint location,
      String duplicateOf) {
    return new ImageDocument(
        id,
        ImageIndex.INDEXED,
        null,
        vgg16,
        clip,
        models.vgg16(),
        models.clip(),
        facts,
        takenAt,
        camera,
        location,
        duplicateOf,
        Instant.now());
  }

  /** An image that failed, with what is known of it, so search and status can still show it. */
  public static ImageDocument failed(String id, ImageFacts facts, String reason) {
    return new ImageDocument(
        id,
        ImageIndex.FAILED,
        reason,
        null,
        null,
        null,
        null,
        facts,
        null,
        null,
        null,
        null,
        Instant.now());
  }

  /** An image whose event was too malformed to read: only its id (the Kafka key) is known. */
  public static ImageDocument failed(String id, String reason) {
    return failed(id, null, reason);
  }
}
