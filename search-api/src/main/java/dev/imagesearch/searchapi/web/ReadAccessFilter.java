package dev.imagesearch.searchapi.web;

import dev.imagesearch.contracts.ApiKeyHash;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The optional read key: when configured, {@code /api/**} answers 401 problem+json without it. The
 * key is compared by its SHA-256 in constant time; the plain key is never stored. CORS preflights
 * pass (browsers send them without credentials), and so does the sign-in, which checks the key
 * itself.
 */
@Component
@Order(0)
class ReadAccessFilter implements WebFilter {
  private static final String SIGN_IN = "/api/session";

  /** The configured key's hash, or null when reads need no key. */
  private final String expected;

  private final JsonMapper json;

  ReadAccessFilter(ReadAccessProperties properties, JsonMapper json) {
    this.expected = properties.enabled() ? properties.apiKeySha256() : null;
    this.json = json;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    var request = exchange.getRequest();
    String path = request.getPath().value();
    if (expected == null
        || !path.startsWith("/api/")
        || path.equals(SIGN_IN)
        || request.getMethod() == HttpMethod.OPTIONS) {
      return chain.filter(exchange);
    }
    String key = PresentedKey.of(request);
    if (ApiKeyHash.matches(key, expected)) {
      return chain.filter(exchange);
    }
    return unauthorized(exchange, key == null);
  }

  private Mono<Void> unauthorized(ServerWebExchange exchange, boolean missing) {
    var response = exchange.getResponse();
    response.setStatusCode(HttpStatus.UNAUTHORIZED);
    response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
    response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("type", "about:blank");
    problem.put("title", "Unauthorized");
    problem.put("status", 401);
    problem.put(
        "detail",
        missing
            ? "This API needs a key: sign in on the page, or send 'Authorization: Bearer <key>'"
                + " or 'X-Api-Key: <key>'."
            : "Unknown API key.");
    problem.put("instance", exchange.getRequest().getPath().value());
    return response.writeWith(
        Mono.just(response.bufferFactory().wrap(json.writeValueAsBytes(problem))));
  }
}
