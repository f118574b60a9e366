package dev.imagesearch.ingestservice.events;

import dev.imagesearch.contracts.events.ImageUploaded;
import dev.imagesearch.storage.ImageStore;
import dev.imagesearch.storage.StoredOriginal;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The upload event, kept as the stored original's S3 metadata. The original alone is then enough to
 * announce the image again when its first announcement never reached Kafka (see {@code reconcile}).
 */
public final class OriginalMetadata {
  private OriginalMetadata() {}

  public static Map<String, String> of(ImageUploaded event) {
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("filename", event.filename());
    metadata.put("width", Integer.toString(event.width()));
    metadata.put("height", Integer.toString(event.height()));
    metadata.put("uploaded-at", event.uploadedAt().toString());
    if (event.collection() != null) {
      metadata.put("collection", event.collection());
    }
    if (!event.tags().isEmpty()) {
      // Tags never hold a comma: the upload form splits them on commas.
      metadata.put("tags", String.join(",", event.tags()));
    }
    if (event.caption() != null) {
      metadata.put("caption", event.caption());
    }
    return metadata;
  }

  /**
   * The event {@link #of} was made from, with a new event id.
   *
   * @throws IllegalArgumentException when the metadata lacks the image's size or upload time
   */
  public static ImageUploaded event(String id, String bucket, StoredOriginal original) {
    Map<String, String> metadata = original.metadata();
    String tags = metadata.get("tags");
    return new ImageUploaded(
        ImageUploaded.SCHEMA_VERSION,
        UUID.randomUUID(),
        id,
        bucket,
        ImageStore.originalKey(id),
        original.contentType(),
        original.sizeBytes(),
        Integer.parseInt(required(metadata, "width")),
        Integer.parseInt(required(metadata, "height")),
        metadata.getOrDefault("filename", "unnamed"),
        metadata.get("collection"),
        tags == null ? List.of() : Arrays.asList(tags.split(",")),
        metadata.get("caption"),
        Instant.parse(required(metadata, "uploaded-at")));
  }

  private static String required(Map<String, String> metadata, String key) {
    String value = metadata.get(key);
    if (value == null) {
      throw new IllegalArgumentException("the original's metadata has no " + key);
    }
    return value;
  }
}
