package dev.imagesearch.ingestservice.events;

import dev.imagesearch.contracts.events.ImageUploaded;
import dev.imagesearch.contracts.images.ImageFacts;
import dev.imagesearch.storage.StoredOriginal;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The upload's facts, kept as the stored original's S3 metadata. The original alone is then enough
 * to announce the image again when its first announcement never reached Kafka (see {@code
 * reconcile}). Content type and size are the object's own, so they are not repeated here.
 */
public final class OriginalMetadata {
  private OriginalMetadata() {}

  /** The facts of an accepted upload, whose dimensions are always known. */
  public static Map<String, String> of(ImageFacts facts) {
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("filename", facts.filename());
    metadata.put("width", Integer.toString(facts.width()));
    metadata.put("height", Integer.toString(facts.height()));
    metadata.put("uploaded-at", facts.uploadedAt().toString());
    if (facts.collection() != null) {
      metadata.put("collection", facts.collection());
    }
    if (!facts.tags().isEmpty()) {
      // Tags never hold a comma: the upload form splits them on commas.
      metadata.put("tags", String.join(",", facts.tags()));
    }
    if (facts.caption() != null) {
      metadata.put("caption", facts.caption());
    }
    return metadata;
  }

  /**
   * A new announcement of the facts {@link #of} was made from.
   *
   * @throws IllegalArgumentException when the metadata lacks the image's size or upload time
   */
  public static ImageUploaded event(String id, StoredOriginal original) {
    Map<String, String> metadata = original.metadata();
    String tags = metadata.get("tags");
    return ImageUploaded.of(
        id,
        new ImageFacts(
            metadata.getOrDefault("filename", "unnamed"),
            metadata.get("collection"),
            tags == null ? List.of() : Arrays.asList(tags.split(",")),
            metadata.get("caption"),
            original.contentType(),
            Integer.parseInt(required(metadata, "width")),
            Integer.parseInt(required(metadata, "height")),
            original.sizeBytes(),
            Instant.parse(required(metadata, "uploaded-at"))));
  }

  private static String required(Map<String, String> metadata, String key) {
    String value = metadata.get(key);
    if (value == null) {
      throw new IllegalArgumentException("the original's metadata has no " + key);
    }
    return value;
  }
}
