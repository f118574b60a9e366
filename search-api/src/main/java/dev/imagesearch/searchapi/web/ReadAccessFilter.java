package dev.imagesearch.searchapi.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
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
 * pass (browsers send them without credentials).
 */
@Component
@Order(0)
class ReadAccessFilter implements WebFilter {
  private final byte[] expected;
  private final JsonMapper json;

  ReadAccessFilter(ReadAccessProperties properties, JsonMapper json) {
    this.expected =
        properties.enabled() ? HexFormat.of().parseHex(properties.apiKeySha256()) : null;
    this.json = json;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    var request = exchange.getRequest();
    if (expected == null
        || !request.getPath().value().startsWith("/api/")
        || request.getMethod() == HttpMethod.OPTIONS) {
      return chain.filter(exchange);
    }
    String key = request.getHeaders().getFirst("X-Api-Key");
    String authorization = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
    if (key == null
        && authorization != null
        && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      key = authorization.substring(7).strip();
    }
    if (key != null && MessageDigest.isEqual(sha256(key), expected)) {
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
            ? "This API needs a key: send 'Authorization: Bearer <key>' or 'X-Api-Key: <key>'."
            : "Unknown API key.");
    problem.put("instance", exchange.getRequest().getPath().value());
    return response.writeWith(
        Mono.just(response.bufferFactory().wrap(json.writeValueAsBytes(problem))));
  }

  private static byte[] sha256(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
