package dev.imagesearch.searchapi.search;

import dev.imagesearch.searchapi.web.BadRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the next page starts. Every page of a query sends Elasticsearch the same request (same
 * window, same candidates) and takes a different slice of it, so pages neither repeat nor skip hits
 * while the index is unchanged. The fingerprint ties a token to its query.
 *
 * @param window how many ranked hits the query has in all; fixed by its first page
 * @param offset the first hit of the page
 * @param fingerprint of the query the token belongs to
 */
public record PageToken(int window, int offset, String fingerprint) {
  private static final Pattern FORMAT = Pattern.compile("v1:(\\d{1,5}):(\\d{1,5}):([0-9a-f]{16})");

  public String encode() {
    String raw = "v1:" + window + ":" + offset + ":" + fingerprint;
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(raw.getBytes(StandardCharsets.US_ASCII));
  }

  /** Null when absent; 400 when malformed or made for another query. */
  public static PageToken decode(String token, String fingerprint, int maxWindow) {
    if (token == null || token.isEmpty()) {
      return null;
    }
    String raw;
    try {
      raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.US_ASCII);
    } catch (IllegalArgumentException e) {
      throw malformed();
    }
    Matcher m = FORMAT.matcher(raw);
    if (!m.matches()) {
      throw malformed();
    }
    int window = Integer.parseInt(m.group(1));
    int offset = Integer.parseInt(m.group(2));
    if (window < 1 || window > maxWindow || offset >= window) {
      throw malformed();
    }
    if (!m.group(3).equals(fingerprint)) {
      throw new BadRequest(
          "This page token belongs to a different query; send the same parameters as the first"
              + " page.");
    }
    return new PageToken(window, offset, fingerprint);
  }

  private static BadRequest malformed() {
    return new BadRequest("Malformed page token; use the nextPageToken of the previous answer.");
  }
}
