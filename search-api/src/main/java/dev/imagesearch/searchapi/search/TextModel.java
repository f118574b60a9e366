package dev.imagesearch.searchapi.search;

import dev.imagesearch.searchapi.web.BadRequest;
import java.util.Locale;

/**
 * Which encoder turns a query's text into a CLIP-space vector: CLIP's own text tower (English), the
 * multilingual encoder (50+ languages), or {@code auto}, by the text's language.
 */
public enum TextModel {
  CLIP,
  MULTILINGUAL,
  AUTO;

  /** How requests and answers name it. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  static TextModel parse(String value, TextModel fallback) {
    if (value == null) {
      return fallback;
    }
    try {
      return valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new BadRequest("Unknown textModel '" + value + "'; use clip, multilingual or auto.");
    }
  }
}
