package dev.imagesearch.searchapi.models;

import dev.imagesearch.embedding.EmbeddingModels;
import dev.imagesearch.embedding.engine.TorchScript;
import dev.imagesearch.embedding.model.ModelLocations;
import dev.imagesearch.embedding.model.ModelRepository;
import dev.imagesearch.embedding.model.PrecisionProperties;
import dev.imagesearch.embedding.multilingual.MultilingualTextModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ModelLocations.class, PrecisionProperties.class})
class ModelConfiguration {
  private static final Logger log = LoggerFactory.getLogger(ModelConfiguration.class);

  /** The configured models, loaded once at start; thread-safe (the library pools predictors). */
  @Bean(destroyMethod = "close")
  EmbeddingModels models(ModelLocations locations, PrecisionProperties precision) {
    EmbeddingModels models = locations.load(precision.precision());
    ModelSets.warnIfStandIn(models);
    return models;
  }

  /** The multilingual text encoder, loaded once at start; thread-safe. */
  @Bean(destroyMethod = "close")
  MultilingualTextModel multilingual(ModelProperties properties, PrecisionProperties precision) {
    MultilingualTextModel model;
    try {
      model =
          MultilingualTextModel.load(
              ModelRepository.fromSystemProperties()
                  .resolve(properties.multilingual(), TorchScript.choice(precision.precision())),
              precision.precision());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Could not load the multilingual text model (imagesearch.models.multilingual): "
              + e.getMessage(),
          e);
    }
    if (model.descriptor().standin()) {
      log.warn(
          "STAND-IN multilingual text model loaded ({}): non-English queries mean nothing.",
          model.descriptor().id());
    }
    return model;
  }
}
