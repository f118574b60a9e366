package dev.imagesearch.embedworker.models;

import dev.imagesearch.embedding.EmbeddingModels;
import dev.imagesearch.embedding.engine.Djl;
import dev.imagesearch.embedding.engine.TorchScript;
import dev.imagesearch.embedding.model.ModelLocations;
import dev.imagesearch.embedding.model.PrecisionProperties;
import dev.imagesearch.embedworker.WorkerProperties;
import dev.imagesearch.embedworker.metrics.WorkerMetrics;
import dev.imagesearch.index.ModelVersions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ModelLocations.class, PrecisionProperties.class})
class ModelConfiguration {
  private static final Logger log = LoggerFactory.getLogger(ModelConfiguration.class);

  /** The two image models, loaded once at start. */
  @Bean(destroyMethod = "close")
  EmbeddingModels models(
      WorkerProperties properties,
      ModelLocations locations,
      PrecisionProperties precision,
      Environment environment) {
    OldModelNames.refuse(environment);
    if (System.getProperty("imagesearch.device") == null) {
      // The embedding library reads the device from this property when it loads a model.
      System.setProperty("imagesearch.device", properties.device());
    }
    Djl.configure();
    EmbeddingModels models = locations.load(precision.precision());
    if (models.standin()) {
      log.warn(
          "Using STAND-IN models with random weights ({} from {}, {} from {}): vectors carry no"
              + " meaning and search results will be arbitrary. Set imagesearch.models.vgg16"
              + " and imagesearch.models.clip to real model directories.",
          models.vgg16().descriptor().id(),
          locations.vgg16(),
          models.clip().descriptor().id(),
          locations.clip());
    }
    return models;
  }

  /** What the index must have been made for. */
  @Bean
  ModelVersions modelVersions(EmbeddingModels models) {
    return new ModelVersions(models.vgg16().descriptor().id(), models.clip().descriptor().id());
  }

  @Bean(destroyMethod = "close")
  ModelBatcher modelBatcher(
      EmbeddingModels models, WorkerProperties properties, WorkerMetrics metrics) {
    return new ModelBatcher(
        models::embed,
        properties.batch().maxSize(),
        properties.batch().maxWait(),
        TorchScript.poolSize(),
        metrics);
  }

  /** Up once both models are loaded: the context does not start without them. */
  @Bean
  HealthIndicator modelsHealthIndicator(EmbeddingModels models) {
    return () ->
        Health.up()
            .withDetail("vgg16", models.vgg16().descriptor().id())
            .withDetail("clip", models.clip().descriptor().id())
            .withDetail("vgg16Precision", models.vgg16().variant().precision())
            .withDetail("clipPrecision", models.clip().variant().precision())
            .withDetail("standin", models.standin())
            .build();
  }
}
