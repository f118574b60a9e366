package dev.imagesearch.embedworker.models;

import dev.imagesearch.embedding.clip.ClipModel;
import dev.imagesearch.embedding.engine.Djl;
import dev.imagesearch.embedding.model.ModelRepository;
import dev.imagesearch.embedding.vgg.Vgg16Model;
import dev.imagesearch.embedworker.WorkerProperties;
import dev.imagesearch.imaging.RgbImage;
import dev.imagesearch.index.ModelVersions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The two image models, loaded once at start; thread-safe. */
public final class Models implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Models.class);

  private final Vgg16Model vgg16;
  private final ClipModel clip;

  Models(Vgg16Model vgg16, ClipModel clip) {
    this.vgg16 = vgg16;
    this.clip = clip;
  }

  static Models load(WorkerProperties properties) {
    if (System.getProperty("imagesearch.device") == null) {
      // The embedding library reads the device from this property when it loads a model.
      System.setProperty("imagesearch.device", properties.device());
    }
    Djl.configure();
    ModelRepository repository = ModelRepository.fromSystemProperties();
    Vgg16Model vgg16 = null;
    try {
      vgg16 = Vgg16Model.load(repository.resolve(properties.models().vgg16()));
      ClipModel clip = ClipModel.load(repository.resolve(properties.models().clip()));
      Models models = new Models(vgg16, clip);
      models.warnAboutStandins(properties);
      log.info(
          "Loaded {} and {} on {}", vgg16.descriptor().id(), clip.descriptor().id(), Djl.device());
      return models;
    } catch (IOException e) {
      if (vgg16 != null) {
        vgg16.close();
      }
      throw new UncheckedIOException(
          "Could not load the models (imagesearch.worker.models.vgg16="
              + properties.models().vgg16()
              + ", clip="
              + properties.models().clip()
              + "; relative paths start at the working directory): "
              + e.getMessage(),
          e);
    }
  }

  private void warnAboutStandins(WorkerProperties properties) {
    if (vgg16.descriptor().standin() || clip.descriptor().standin()) {
      log.warn(
          "Using STAND-IN models with random weights ({} from {}, {} from {}): vectors carry no"
              + " meaning and search results will be arbitrary. Set imagesearch.worker.models.vgg16"
              + " and imagesearch.worker.models.clip to real model directories.",
          vgg16.descriptor().id(),
          properties.models().vgg16(),
          clip.descriptor().id(),
          properties.models().clip());
    }
  }

  public Vgg16Model vgg16() {
    return vgg16;
  }

  public ClipModel clip() {
    return clip;
  }

  /** What both models need of the image; the image itself may go once this returns. */
  public Crops crops(RgbImage image) {
    return new Crops(vgg16.crop(image), clip.crop(image));
  }

  /** Both vectors of each image, in order. */
  List<ModelBatcher.Vectors> embed(List<Crops> crops) {
    List<float[]> vgg16s = vgg16.embedCrops(crops.stream().map(Crops::vgg16).toList());
    List<float[]> clips = clip.embedCrops(crops.stream().map(Crops::clip).toList());
    List<ModelBatcher.Vectors> vectors = new ArrayList<>(crops.size());
    for (int i = 0; i < crops.size(); i++) {
      vectors.add(new ModelBatcher.Vectors(vgg16s.get(i), clips.get(i)));
    }
    return vectors;
  }

  /** What the index must have been made for. */
  public ModelVersions versions() {
    return new ModelVersions(vgg16.descriptor().id(), clip.descriptor().id());
  }

  @Override
  public void close() {
    vgg16.close();
    clip.close();
  }
}
