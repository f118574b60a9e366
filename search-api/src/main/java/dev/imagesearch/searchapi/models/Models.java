package dev.imagesearch.searchapi.models;

import dev.imagesearch.embedding.clip.ClipModel;
import dev.imagesearch.embedding.model.ModelDescriptor;
import dev.imagesearch.embedding.model.ModelRepository;
import dev.imagesearch.embedding.vgg.Vgg16Model;
import dev.imagesearch.index.ModelVersions;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/** Both models, loaded once at start; thread-safe (the embedding library pools predictors). */
@Component
public class Models implements DisposableBean {
  private static final Logger log = LoggerFactory.getLogger(Models.class);

  private final Vgg16Model vgg16;
  private final ClipModel clip;

  Models(ModelProperties properties) {
    ModelRepository repository = ModelRepository.fromSystemProperties();
    try {
      this.vgg16 = Vgg16Model.load(repository.resolve(properties.vgg16()));
      this.clip = ClipModel.load(repository.resolve(properties.clip()));
    } catch (IOException e) {
      throw new UncheckedIOException("Could not load the models: " + e.getMessage(), e);
    }
    log.info("Loaded models {} and {}", vgg16.descriptor().id(), clip.descriptor().id());
    if (standin()) {
      // Stand-ins have random weights: results look like search but mean nothing.
      log.warn(
          "STAND-IN MODELS loaded ({}, {}): similarities carry no meaning. Configure"
              + " imagesearch.models.vgg16/clip with real models for real search.",
          vgg16.descriptor().id(),
          clip.descriptor().id());
    }
  }

  public Vgg16Model vgg16() {
    return vgg16;
  }

  public ClipModel clip() {
    return clip;
  }

  public ModelDescriptor vgg16Descriptor() {
    return vgg16.descriptor();
  }

  public ModelDescriptor clipDescriptor() {
    return clip.descriptor();
  }

  /** What the index must have been made with. */
  public ModelVersions versions() {
    return new ModelVersions(vgg16.descriptor().id(), clip.descriptor().id());
  }

  public boolean standin() {
    return vgg16.descriptor().standin() || clip.descriptor().standin();
  }

  @Override
  public void destroy() {
    clip.close();
    vgg16.close();
  }
}
