package dev.imagesearch.searchapi.models;

import dev.imagesearch.embedding.EmbeddingModels;
import dev.imagesearch.embedding.model.Precision;
import dev.imagesearch.embedding.model.PrecisionProperties;
import dev.imagesearch.index.ModelVersions;
import dev.imagesearch.searchapi.elastic.ServingIndex.Serving;
import dev.imagesearch.web.ServiceUnavailable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Every set of image models this service loaded, by the versions their vectors carry: the
 * configured set, the previous one ({@code imagesearch.models.previous.*}) and any loaded while it
 * runs ({@link ModelsEndpoint}). A query encodes with the set of the index version that serves it,
 * so it never compares vectors of two different models (decision 0027). A set, once loaded, is
 * never replaced or closed while the service runs: queries may be using it.
 */
@Component
public class ModelSets implements DisposableBean {
  /** Real VGG16 and CLIP take about 1 GB a set: the configured, the previous and one more. */
  static final int MAX_SETS = 3;

  private static final Logger log = LoggerFactory.getLogger(ModelSets.class);

  private final EmbeddingModels configured;
  private final Precision precision;

  /** In load order, the configured set first; replaced whole on a load, so reads need no lock. */
  private volatile Map<ModelVersions, EmbeddingModels> sets;

  /** The sets this registry loaded, and so closes; the configured set is a bean of its own. */
  private final List<EmbeddingModels> owned = new CopyOnWriteArrayList<>();

  ModelSets(EmbeddingModels configured, ModelProperties properties, PrecisionProperties precision) {
    this.configured = configured;
    this.precision = precision.precision();
    this.sets = Map.of(versions(configured), configured);
    ModelProperties.Previous previous = properties.previous();
    if (previous != null && previous.configured()) {
      try {
        load(previous.vgg16(), previous.clip());
      } catch (IOException e) {
        throw new UncheckedIOException(
            "Could not load the previous models (imagesearch.models.previous.*): " + e.getMessage(),
            e);
      }
    }
  }

  /** Loads both models, in the configured precision; nothing stays open when one fails. */
  static EmbeddingModels open(String vgg16, String clip, Precision precision) throws IOException {
    EmbeddingModels models = EmbeddingModels.load(vgg16, clip, precision);
    warnIfStandIn(models);
    return models;
  }

  static void warnIfStandIn(EmbeddingModels models) {
    if (models.standin()) {
      // Stand-ins have random weights: results look like search but mean nothing.
      log.warn(
          "STAND-IN MODELS loaded ({}, {}): similarities carry no meaning. Configure"
              + " imagesearch.models.vgg16/clip with real models for real search.",
          models.vgg16().descriptor().id(),
          models.clip().descriptor().id());
    }
  }

  public static ModelVersions versions(EmbeddingModels models) {
    return new ModelVersions(models.vgg16().descriptor().id(), models.clip().descriptor().id());
  }

  /** The set of {@code imagesearch.models.vgg16} and {@code .clip}. */
  public EmbeddingModels configured() {
    return configured;
  }

  public Optional<EmbeddingModels> find(ModelVersions versions) {
    return Optional.ofNullable(sets.get(versions));
  }

  /** The versions of every loaded set, the configured set first. */
  public List<ModelVersions> loaded() {
    return List.copyOf(sets.keySet());
  }

  /**
   * The set that encodes queries for the serving index: the one its vectors were made with, or the
   * configured one while no index exists (any finds nothing). A 503 that says what to configure
   * when this service has not loaded it.
   */
  public EmbeddingModels encoders(Serving serving) {
    if (!serving.exists()) {
      return configured;
    }
    EmbeddingModels models = sets.get(serving.models());
    if (models == null) {
      throw new ServiceUnavailable(
          "The serving index "
              + serving.index()
              + " was made with "
              + serving.models().vgg16()
              + " and "
              + serving.models().clip()
              + ", which this search-api has not loaded (it has "
              + loaded()
              + "). Configure them as imagesearch.models.vgg16/clip or"
              + " imagesearch.models.previous.vgg16/clip, or load them with POST /actuator/models"
              + " on the management port.",
          null);
    }
    return models;
  }

  /**
   * Loads another set from local directories or the sources the configuration accepts, and keeps it
   * beside the others; the set already loaded for the same versions stays, and the new copy is
   * closed.
   *
   * @return the versions of the set
   * @throws IOException when a model cannot be read or verified
   * @throws Full when {@link #MAX_SETS} are loaded already
   */
  public synchronized ModelVersions load(String vgg16, String clip) throws IOException {
    if (sets.size() >= MAX_SETS) {
      throw new Full(
          "This search-api holds "
              + sets.size()
              + " model sets already ("
              + loaded()
              + "), the most it keeps in memory. Restart it with the models to serve in"
              + " imagesearch.models.* to unload the others.");
    }
    EmbeddingModels models = open(vgg16, clip, precision);
    ModelVersions versions = versions(models);
    if (sets.containsKey(versions)) {
      models.close();
      log.info("Models {} were loaded already", versions);
      return versions;
    }
    Map<ModelVersions, EmbeddingModels> more = new LinkedHashMap<>(sets);
    more.put(versions, models);
    sets = Collections.unmodifiableMap(more);
    owned.add(models);
    log.info("Loaded models {} beside {}", versions, versions(configured));
    return versions;
  }

  /** No room for another set. */
  static final class Full extends RuntimeException {
    Full(String message) {
      super(message);
    }
  }

  @Override
  public void destroy() {
    owned.forEach(EmbeddingModels::close);
  }
}
