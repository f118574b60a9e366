package dev.imagesearch.searchapi.web;

import dev.imagesearch.web.ApiKeyHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.springframework.http.HttpCookie;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * The API key a request presents: {@code X-Api-Key}, else {@code Authorization: Bearer}, else the
 * page's sign-in cookie. The page cannot put a header on {@code <img>}, so the browser sends the
 * key as an HttpOnly cookie instead; scripts never see it.
 */
public final class PresentedKey {
  /** The sign-in cookie; its value is the key in base64url, so any key is a valid cookie value. */
  public static final String COOKIE = "imagesearch_key";

  private PresentedKey() {}

  /** The key, or null when the request presents none. */
  public static String of(ServerHttpRequest request) {
    String key = fromHeaders(request);
    return key != null ? key : fromCookie(request);
  }

  /** The key from the headers only, or null. */
  public static String fromHeaders(ServerHttpRequest request) {
    return ApiKeyHeaders.key(request.getHeaders());
  }

  /** The key from the sign-in cookie, or null (also when the cookie is not ours to read). */
  public static String fromCookie(ServerHttpRequest request) {
    HttpCookie cookie = request.getCookies().getFirst(COOKIE);
    if (cookie == null || cookie.getValue().isEmpty()) {
      return null;
    }
    try {
      return new String(Base64.getUrlDecoder().decode(cookie.getValue()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** The cookie value that carries {@code key}. */
  public static String cookieValue(String key) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(key.getBytes(StandardCharsets.UTF_8));
  }
}
