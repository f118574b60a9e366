package dev.imagesearch.web;

import org.springframework.http.HttpHeaders;

/**
 * How a request presents an API key in its headers, the one rule both services read it by: {@code
 * X-Api-Key}, else {@code Authorization: Bearer}.
 */
public final class ApiKeyHeaders {
  public static final String HEADER = "X-Api-Key";

  private ApiKeyHeaders() {}

  /** The key, or null when the headers present none. */
  public static String key(HttpHeaders headers) {
    String key = headers.getFirst(HEADER);
    String authorization = headers.getFirst(HttpHeaders.AUTHORIZATION);
    if (key == null
        && authorization != null
        && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      key = authorization.substring(7).strip();
    }
    return key;
  }
}
