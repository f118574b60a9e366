package dev.imagesearch.ingestservice.security;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** Writes need a key with the WRITE role; reads are open. Answers are problem+json. */
@Configuration
@EnableWebFluxSecurity
class SecurityConfiguration {
  private final JsonMapper json;

  SecurityConfiguration(JsonMapper json) {
    this.json = json;
  }

  @Bean
  SecurityWebFilterChain apiKeys(ServerHttpSecurity http, SecurityProperties properties) {
    AuthenticationWebFilter apiKey =
        new AuthenticationWebFilter(new ApiKeyAuthentication(properties.apiKeys()));
    apiKey.setServerAuthenticationConverter(ApiKeyAuthentication::extract);
    apiKey.setAuthenticationFailureHandler(
        (filterExchange, e) ->
            problem(filterExchange.getExchange(), HttpStatus.UNAUTHORIZED, "Unknown API key."));
    return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
        .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
        .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
        .logout(ServerHttpSecurity.LogoutSpec::disable)
        .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
        .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
        .addFilterAt(apiKey, SecurityWebFiltersOrder.AUTHENTICATION)
        .authorizeExchange(
            exchanges ->
                exchanges
                    .pathMatchers(HttpMethod.POST, "/api/images")
                    .hasRole("WRITE")
                    .pathMatchers(HttpMethod.DELETE, "/api/images/**")
                    .hasRole("WRITE")
                    .anyExchange()
                    .permitAll())
        .exceptionHandling(
            handling ->
                handling
                    .authenticationEntryPoint(
                        (exchange, e) ->
                            problem(
                                exchange,
                                HttpStatus.UNAUTHORIZED,
                                "This needs an API key: send 'Authorization: Bearer <key>' or 'X-Api-Key: <key>'."))
                    .accessDeniedHandler(
                        (exchange, e) ->
                            problem(
                                exchange,
                                HttpStatus.FORBIDDEN,
                                "This API key may read but not upload or delete.")))
        .build();
  }

  private Mono<Void> problem(ServerWebExchange exchange, HttpStatus status, String detail) {
    var response = exchange.getResponse();
    response.setStatusCode(status);
    response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
    if (status == HttpStatus.UNAUTHORIZED) {
      response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    }
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("type", "about:blank");
    problem.put("title", status.getReasonPhrase());
    problem.put("status", status.value());
    problem.put("detail", detail);
    problem.put("instance", exchange.getRequest().getPath().value());
    DataBuffer buffer = response.bufferFactory().wrap(json.writeValueAsBytes(problem));
    return response.writeWith(Mono.just(buffer));
  }
}
