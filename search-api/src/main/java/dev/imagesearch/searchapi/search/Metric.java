package dev.imagesearch.searchapi.search;

import dev.imagesearch.index.ImageIndex;
import dev.imagesearch.searchapi.web.BadRequest;
import java.util.Locale;

/**
 * How a hit is scored. Vectors are unit length, so L2 distance is {@code sqrt(2 - 2cos)} and ranks
 * exactly like cosine; L1 has no such relation and is computed on the stored vectors.
 */
public enum Metric {
  /** Cosine similarity, -1..1, higher is closer. */
  COSINE,
  /** Euclidean distance, 0..2, lower is closer. */
  L2,
  /** Manhattan distance, 0..2√dims, lower is closer. */
  L1;

  private static final double MAX_L1 = 2 * Math.sqrt(ImageIndex.DIMS);

  public static Metric parse(String value) {
    if (value == null || value.isBlank()) {
      return COSINE;
    }
    try {
      return valueOf(value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new BadRequest("Unknown metric '" + value + "'; use cosine, l2 or l1.");
    }
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The score shown for this metric; {@code l1} is only used by {@link #L1}. */
  double score(double cosine, double l1) {
    return switch (this) {
      case COSINE -> cosine;
      case L2 -> l2(cosine);
      case L1 -> l1;
    };
  }

  /**
   * 0..1 for display, 1 = identical: the score divided by the largest value it can take between
   * unit vectors, so it moves with the score and never leaves 0..1.
   */
  double similarity(double cosine, double l1) {
    double s =
        switch (this) {
          case COSINE -> (1 + cosine) / 2;
          case L2 -> 1 - l2(cosine) / 2;
          case L1 -> 1 - l1 / MAX_L1;
        };
    return Math.clamp(s, 0.0, 1.0);
  }

  static double l2(double cosine) {
    return Math.sqrt(Math.max(0, 2 - 2 * cosine));
  }
}
