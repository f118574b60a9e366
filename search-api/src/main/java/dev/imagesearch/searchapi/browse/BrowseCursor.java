package dev.imagesearch.searchapi.browse;

import co.elastic.clients.elasticsearch._types.FieldValue;
import dev.imagesearch.searchapi.search.Sort;
import dev.imagesearch.searchapi.web.BadRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the next page of a listing starts: the sort values of the last image shown, for
 * Elasticsearch's {@code search_after}. Unlike a search's page token it holds no offset, so a long
 * scroll costs the same on every page, and images uploaded meanwhile do not shift it.
 *
 * @param after the dates as epoch milliseconds (a missing date is Elasticsearch's stand-in value),
 *     then the image id
 */
record BrowseCursor(Sort sort, List<FieldValue> after) {
  private static final Pattern FORMAT =
      Pattern.compile("v1:(taken|uploaded):((?:-?\\d{1,19},){1,2})([0-9a-f]{64})");

  String encode() {
    StringBuilder raw = new StringBuilder("v1:").append(sort.label()).append(':');
    for (FieldValue v : after) {
      raw.append(v.isLong() ? Long.toString(v.longValue()) : v.stringValue()).append(',');
    }
    raw.setLength(raw.length() - 1);
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(raw.toString().getBytes(StandardCharsets.US_ASCII));
  }

  /** Null when absent; 400 when malformed or made for another sort. */
  static BrowseCursor decode(String token, Sort sort) {
    if (token == null) {
      return null;
    }
    Matcher m;
    try {
      String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.US_ASCII);
      m = FORMAT.matcher(raw);
    } catch (IllegalArgumentException e) {
      throw malformed();
    }
    if (!m.matches()) {
      throw malformed();
    }
    if (!m.group(1).equals(sort.label())) {
      throw new BadRequest(
          "This page token belongs to another sort; send the same parameters as the first page.");
    }
    List<FieldValue> after = new ArrayList<>();
    try {
      for (String millis : m.group(2).split(",")) {
        after.add(FieldValue.of(Long.parseLong(millis)));
      }
    } catch (NumberFormatException e) {
      throw malformed();
    }
    if (after.size() != sort.clauses().size() - 1) {
      throw malformed();
    }
    after.add(FieldValue.of(m.group(3)));
    return new BrowseCursor(sort, after);
  }

  private static BadRequest malformed() {
    return new BadRequest("Malformed page token; use the nextPageToken of the previous answer.");
  }
}
