package dev.imagesearch.contracts.events;

import java.time.Instant;
import java.util.UUID;

/** Published on {@link Topics#IMAGES} (key = image id) so the index forgets the image. */
public record ImageDeleted(int schemaVersion, UUID eventId, String imageId, Instant deletedAt)
    implements ImageEvent {
  public static final int SCHEMA_VERSION = 1;
}
