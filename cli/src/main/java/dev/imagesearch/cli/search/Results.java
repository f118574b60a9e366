package dev.imagesearch.cli.search;

import java.io.PrintWriter;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/** A page of hits as a table a person reads: rank, similarity, file name, id. */
final class Results {
  private static final String ROW = "%4s  %10s  %-40s  %s%n";

  private Results() {}

  static void print(JsonNode page, PrintWriter out) {
    JsonNode hits = page.path("hits");
    if (hits.isEmpty()) {
      out.println("No images found.");
      return;
    }
    if (page.path("allWeak").asBoolean()) {
      out.println("No good match: every result is a weak one.");
    }
    out.printf(ROW, "RANK", "SIMILARITY", "FILE", "ID");
    int rank = 0;
    for (JsonNode hit : hits) {
      String file = hit.path("filename").isString() ? hit.path("filename").asString() : "-";
      out.printf(
          ROW,
          ++rank,
          String.format(Locale.ROOT, "%.3f", hit.path("similarity").asDouble()),
          file,
          hit.path("id").asString() + (hit.path("weakMatch").asBoolean() ? "  (weak match)" : ""));
    }
  }
}
