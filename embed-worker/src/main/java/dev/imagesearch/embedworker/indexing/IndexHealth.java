package dev.imagesearch.embedworker.indexing;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class IndexHealth {
  @Bean
  HealthIndicator elasticsearchHealthIndicator(ElasticsearchAsyncClient client) {
    return () -> {
      try {
        var health = client.cluster().health().get(5, java.util.concurrent.TimeUnit.SECONDS);
        String status = health.status().jsonValue();
        return ("red".equals(status) ? Health.down() : Health.up())
            .withDetail("cluster", health.clusterName())
            .withDetail("status", status)
            .build();
      } catch (Exception e) {
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        return Health.down().withDetail("error", e.toString()).build();
      }
    };
  }
}
