package dev.imagesearch.searchapi.session;

import dev.imagesearch.contracts.ApiKeyHash;
import dev.imagesearch.searchapi.web.BadRequest;
import dev.imagesearch.searchapi.web.PresentedKey;
import dev.imagesearch.searchapi.web.ReadAccessProperties;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The page's sign-in: the key goes into an HttpOnly, SameSite=Strict cookie for the browser
 * session, so that {@code <img>} loads and page scripts never hold it (no localStorage). search-api
 * accepts the cookie like the key header and forwards the key with uploads and deletions.
 */
@RestController
class SessionController {
  /** Far above any generated key, far below the 4 KB a browser keeps per cookie. */
  private static final int MAX_KEY_LENGTH = 512;

  /** The read key's hash, or null on an open instance. */
  private final String readKey;

  SessionController(ReadAccessProperties properties) {
    this.readKey = properties.enabled() ? properties.apiKeySha256() : null;
  }

  record SignIn(String key) {}

  /**
   * @param keyRequired whether reads need a key (the page then asks for it at once)
   * @param signedIn whether this browser holds a key that search-api accepts
   */
  record Session(boolean keyRequired, boolean signedIn) {}

  @GetMapping("/api/session")
  Session session(ServerHttpRequest request) {
    String key = PresentedKey.fromCookie(request);
    return new Session(readKey != null, key != null && accepted(key));
  }

  /**
   * Checks the key where search-api can: against the read key when one is set. On an open instance
   * any key is kept; the ingest-service checks it when it is used for an upload or a deletion.
   */
  @PostMapping("/api/session")
  ResponseEntity<Session> signIn(
      ServerHttpRequest request, @RequestBody(required = false) SignIn body) {
    String key = body == null || body.key() == null ? "" : body.key().strip();
    if (key.isEmpty()) {
      throw new BadRequest("Send the API key as {\"key\": \"...\"}.");
    }
    if (key.length() > MAX_KEY_LENGTH) {
      throw new BadRequest("The key is longer than " + MAX_KEY_LENGTH + " characters.");
    }
    if (!accepted(key)) {
      throw new ResponseStatusException(HttpStatus.UNAUTHORIZED, "Unknown API key.");
    }
    return ResponseEntity.ok()
        .header(HttpHeaders.SET_COOKIE, cookie(request, PresentedKey.cookieValue(key), true))
        .body(new Session(readKey != null, true));
  }

  @DeleteMapping("/api/session")
  ResponseEntity<Session> signOut(ServerHttpRequest request) {
    return ResponseEntity.ok()
        .header(HttpHeaders.SET_COOKIE, cookie(request, "", false))
        .body(new Session(readKey != null, false));
  }

  private boolean accepted(String key) {
    return readKey == null || ApiKeyHash.matches(key, readKey);
  }

  /** A session cookie (no Max-Age: it ends with the browser session), or one that clears it. */
  private static String cookie(ServerHttpRequest request, String value, boolean keep) {
    ResponseCookie.ResponseCookieBuilder cookie =
        ResponseCookie.from(PresentedKey.COOKIE, value)
            .httpOnly(true)
            .secure("https".equals(request.getURI().getScheme()))
            .sameSite("Strict")
            .path("/api/");
    if (!keep) {
      cookie.maxAge(0);
    }
    return cookie.build().toString();
  }
}
