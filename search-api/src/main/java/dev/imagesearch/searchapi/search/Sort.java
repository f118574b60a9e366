package dev.imagesearch.searchapi.search;

import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.SortOrder;
import dev.imagesearch.index.ImageIndex;
import dev.imagesearch.searchapi.web.BadRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** How results are ordered: by relevance (the default of queries) or newest first by a date. */
public enum Sort {
  RELEVANCE,
  TAKEN,
  UPLOADED;

  /** From the {@code sort} parameter; absent is relevance. */
  public static Sort parse(String value) {
    if (value == null) {
      return RELEVANCE;
    }
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "relevance" -> RELEVANCE;
      case "taken" -> TAKEN;
      case "uploaded" -> UPLOADED;
      default ->
          throw new BadRequest("Unknown sort '" + value + "'; use relevance, taken or uploaded.");
    };
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Newest first. Images with no date taken come after those with one, by upload date; the id
   * breaks ties, so the order is total and pages neither repeat nor skip an image.
   */
  public List<SortOptions> clauses() {
    if (this == RELEVANCE) {
      throw new IllegalStateException("relevance is the ranking's own order");
    }
    List<SortOptions> out = new ArrayList<>();
    if (this == TAKEN) {
      out.add(newestFirst(ImageIndex.TAKEN_AT));
    }
    out.add(newestFirst(ImageIndex.UPLOADED_AT));
    out.add(SortOptions.of(s -> s.field(f -> f.field(ImageIndex.ID).order(SortOrder.Asc))));
    return out;
  }

  private static SortOptions newestFirst(String field) {
    return SortOptions.of(s -> s.field(f -> f.field(field).order(SortOrder.Desc).missing("_last")));
  }
}
