package dev.imagesearch.contracts.events;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.imagesearch.contracts.images.ImageFacts;
import java.util.UUID;

/**
 * Published on {@link Topics#REEMBED} (key = image id) by a model migration: embed the stored
 * original again with the new models into {@code targetIndex}. The facts are copied from the
 * image's document in the source index, so a worker needs no extra read; pixels never travel. Not
 * an {@link ImageEvent}: it is no news about the image, and it travels on its own topic so a
 * migration never delays uploads and deletions.
 *
 * @param targetIndex the concrete index version to write (say {@code images-v2}); a worker whose
 *     models made another index skips the event
 * @param failureReason the source document's {@code failureReason} when the image failed there,
 *     else null: a worker copies a failure that re-embedding cannot change
 */
public record ImageReembedRequested(
    int schemaVersion,
    UUID eventId,
    String imageId,
    String targetIndex,
    @JsonUnwrapped ImageFacts facts,
    String failureReason) {

  public static final int SCHEMA_VERSION = 1;

  public ImageReembedRequested {
    if (facts == null) {
      throw new IllegalArgumentException("an ImageReembedRequested event needs its facts");
    }
  }

  /** A new event of the current version. */
  public static ImageReembedRequested of(
      String imageId, String targetIndex, ImageFacts facts, String failureReason) {
    return new ImageReembedRequested(
        SCHEMA_VERSION, UUID.randomUUID(), imageId, targetIndex, facts, failureReason);
  }
}
