package dev.imagesearch.contracts.events;

import java.time.Instant;
import java.util.UUID;

/** Published on {@link Topics#IMAGES_DELETED} (key = image id) so the index forgets the image. */
public record ImageDeleted(int schemaVersion, UUID eventId, String imageId, Instant deletedAt) {
  public static final int SCHEMA_VERSION = 1;
}
