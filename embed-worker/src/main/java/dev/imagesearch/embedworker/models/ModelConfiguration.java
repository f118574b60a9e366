package dev.imagesearch.embedworker.models;

import dev.imagesearch.embedworker.WorkerProperties;
import dev.imagesearch.embedworker.metrics.WorkerMetrics;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ModelConfiguration {
  @Bean(destroyMethod = "close")
  Models models(WorkerProperties properties) {
    return Models.load(properties);
  }

  @Bean(destroyMethod = "close")
  ModelBatcher modelBatcher(Models models, WorkerProperties properties, WorkerMetrics metrics) {
    return new ModelBatcher(
        models::embed, properties.batch().maxSize(), properties.batch().maxWait(), metrics);
  }

  /** Up once both models are loaded: the context does not start without them. */
  @Bean
  HealthIndicator modelsHealthIndicator(Models models) {
    return () ->
        Health.up()
            .withDetail("vgg16", models.vgg16().descriptor().id())
            .withDetail("clip", models.clip().descriptor().id())
            .withDetail(
                "standin",
                models.vgg16().descriptor().standin() || models.clip().descriptor().standin())
            .build();
  }
}
