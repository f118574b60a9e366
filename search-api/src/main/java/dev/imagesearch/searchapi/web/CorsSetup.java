package dev.imagesearch.searchapi.web;

import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.config.CorsRegistry;
import org.springframework.web.reactive.config.WebFluxConfigurer;

/** CORS for the configured origins only; with none configured, other sites get no CORS headers. */
@Configuration(proxyBeanMethods = false)
class CorsSetup implements WebFluxConfigurer {
  private final List<String> origins;

  CorsSetup(ReadAccessProperties properties) {
    this.origins = properties.corsOrigins();
  }

  @Override
  public void addCorsMappings(CorsRegistry registry) {
    if (origins.isEmpty()) {
      return;
    }
    registry
        .addMapping("/api/**")
        .allowedOrigins(origins.toArray(String[]::new))
        .allowedMethods("GET", "POST")
        .allowedHeaders("Authorization", "X-Api-Key", "Content-Type")
        .exposedHeaders("ETag", "Retry-After")
        .maxAge(3600);
  }
}
