package dev.imagesearch.contracts.images;

import java.util.List;

/**
 * The body of {@code POST /api/images/status}: the ids whose indexing state a client waits for. One
 * such request per poll, however many files are on their way, keeps a client's request rate
 * bounded; {@link #MAX_IDS} bounds what one request costs the server. Clients with more pending ids
 * ask for the rest on later polls.
 */
public record StatusQuery(List<String> ids) {
  /** The most ids one request may name; more is a 400. */
  public static final int MAX_IDS = 200;

  public StatusQuery {
    ids = ids == null ? List.of() : List.copyOf(ids);
  }
}
