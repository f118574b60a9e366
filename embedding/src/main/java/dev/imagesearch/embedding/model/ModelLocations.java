package dev.imagesearch.embedding.model;

import dev.imagesearch.embedding.EmbeddingModels;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code imagesearch.models.vgg16} and {@code .clip} ({@code IMAGESEARCH_MODELS_VGG16}, {@code
 * _CLIP}): the image models, one pair of names for every service that loads them (each enables this
 * record), so the worker and search-api cannot be configured apart by a typo.
 *
 * @param vgg16 a directory with {@code model.json} (relative paths start at the working directory;
 *     the defaults are the stand-ins committed in the repository), {@code s3://bucket/prefix} or
 *     {@code https://}
 * @param clip the same, for CLIP
 */
@ConfigurationProperties("imagesearch.models")
public record ModelLocations(
    @DefaultValue("models/standin/vgg16") String vgg16,
    @DefaultValue("models/standin/clip") String clip) {

  public ModelLocations {
    require("vgg16", vgg16);
    require("clip", clip);
  }

  /** Loads both models, or says which property named what could not be loaded. */
  public EmbeddingModels load(Precision precision) {
    try {
      return EmbeddingModels.load(vgg16, clip, precision);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Could not load the models (imagesearch.models.vgg16="
              + vgg16
              + ", imagesearch.models.clip="
              + clip
              + "; relative paths start at the working directory): "
              + e.getMessage(),
          e);
    }
  }

  private static void require(String model, String location) {
    if (location == null || location.isBlank()) {
      throw new IllegalArgumentException(
          "imagesearch.models."
              + model
              + " (IMAGESEARCH_MODELS_"
              + model.toUpperCase(Locale.ROOT)
              + ") is empty: set it to a model directory with model.json, s3://bucket/prefix or"
              + " https://");
    }
  }
}
