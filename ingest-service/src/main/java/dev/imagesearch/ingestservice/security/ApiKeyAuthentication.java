package dev.imagesearch.ingestservice.security;

import dev.imagesearch.contracts.ApiKeyHash;
import dev.imagesearch.web.ApiKeyHeaders;
import java.util.List;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Finds the key in {@code Authorization: Bearer} or {@code X-Api-Key} and checks its hash. */
final class ApiKeyAuthentication implements ReactiveAuthenticationManager {

  private final List<SecurityProperties.ApiKey> keys;

  ApiKeyAuthentication(List<SecurityProperties.ApiKey> keys) {
    this.keys = keys;
  }

  static Mono<Authentication> extract(ServerWebExchange exchange) {
    String key = ApiKeyHeaders.key(exchange.getRequest().getHeaders());
    return key == null || key.isEmpty()
        ? Mono.empty()
        : Mono.just(UsernamePasswordAuthenticationToken.unauthenticated(null, key));
  }

  @Override
  public Mono<Authentication> authenticate(Authentication presented) {
    String presentedKey = (String) presented.getCredentials();
    for (SecurityProperties.ApiKey key : keys) {
      if (ApiKeyHash.matches(presentedKey, key.sha256())) {
        return Mono.just(
            UsernamePasswordAuthenticationToken.authenticated(
                key.name(), null, AuthorityUtils.createAuthorityList("ROLE_" + key.role())));
      }
    }
    return Mono.error(new BadCredentialsException("Unknown API key."));
  }
}
