package dev.imagesearch.web;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Headers on every answer, errors and refusals included: {@code nosniff}, so that a browser never
 * runs an upload served as an image (a GIF/JS polyglot) as a script, and a Content-Security-Policy.
 * Set just before the answer is sent, so no handler can drop them.
 */
public final class SecurityHeaders implements WebFilter, Ordered {
  /** For services that serve no page: nothing may load, and nothing may frame an answer. */
  public static final String API_ONLY = "default-src 'none'; frame-ancestors 'none'";

  private final String contentSecurityPolicy;

  public SecurityHeaders(String contentSecurityPolicy) {
    this.contentSecurityPolicy = contentSecurityPolicy;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    var response = exchange.getResponse();
    response.beforeCommit(
        () -> {
          HttpHeaders headers = response.getHeaders();
          headers.set("X-Content-Type-Options", "nosniff");
          headers.set("Content-Security-Policy", contentSecurityPolicy);
          return Mono.empty();
        });
    return chain.filter(exchange);
  }

  /** Before any filter that may answer on its own (API keys). */
  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }
}
