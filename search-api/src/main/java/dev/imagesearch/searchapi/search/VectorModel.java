package dev.imagesearch.searchapi.search;

import dev.imagesearch.index.ImageIndex;
import dev.imagesearch.searchapi.web.BadRequest;
import java.util.Locale;

/** Which vector field a query searches. */
public enum VectorModel {
  VGG16(ImageIndex.VGG16),
  CLIP(ImageIndex.CLIP);

  private final String field;

  VectorModel(String field) {
    this.field = field;
  }

  public String field() {
    return field;
  }

  public static VectorModel parse(String value, VectorModel fallback) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return valueOf(value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new BadRequest("Unknown model '" + value + "'; use vgg16 or clip.");
    }
  }

  /** The vector of this model in a hit's source. */
  public float[] of(StoredVectors vectors) {
    return this == VGG16 ? vectors.vgg16() : vectors.clip();
  }

  /** Just the vectors of a document, for exact re-ranking. */
  public record StoredVectors(String id, float[] vgg16, float[] clip) {}
}
