package dev.imagesearch.embedding;

import dev.imagesearch.embedding.clip.ClipModel;
import dev.imagesearch.embedding.engine.Djl;
import dev.imagesearch.embedding.engine.TorchScript;
import dev.imagesearch.embedding.model.ModelRepository;
import dev.imagesearch.embedding.model.Precision;
import dev.imagesearch.embedding.vgg.Vgg16Model;
import dev.imagesearch.imaging.RgbImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two image models of a service, each loaded once per process and closed together; thread-safe
 * (each model pools its predictors). How to batch or bound the work stays with the service.
 */
public final class EmbeddingModels implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EmbeddingModels.class);

  /**
   * All the models need of one image: each model's resized and centre-cropped 8-bit input (224 x
   * 224, 147 KB each). Images can wait for a model batch as these, never at full resolution.
   */
  public record Crops(RgbImage vgg16, RgbImage clip) {}

  /** The VGG16 and CLIP vectors of one image. */
  public record ImageVectors(float[] vgg16, float[] clip) {}

  private final Vgg16Model vgg16;
  private final ClipModel clip;

  private EmbeddingModels(Vgg16Model vgg16, ClipModel clip) {
    this.vgg16 = vgg16;
    this.clip = clip;
  }

  /**
   * Resolves and loads both models from a local directory, {@code s3://} or {@code https://} (see
   * {@link ModelRepository}), each in the variant that {@code precision} picks; nothing stays open
   * when one of them cannot be loaded.
   */
  public static EmbeddingModels load(String vgg16, String clip, Precision precision)
      throws IOException {
    ModelRepository repository = ModelRepository.fromSystemProperties();
    // A remote model downloads only the variant that the load below runs.
    Precision.Choice choice = TorchScript.choice(precision);
    Vgg16Model vgg = Vgg16Model.load(repository.resolve(vgg16, choice), precision);
    try {
      EmbeddingModels models =
          new EmbeddingModels(vgg, ClipModel.load(repository.resolve(clip, choice), precision));
      log.info(
          "Loaded {} and {} on {}",
          vgg.descriptor().id(),
          models.clip.descriptor().id(),
          Djl.device());
      return models;
    } catch (IOException | RuntimeException e) {
      vgg.close();
      throw e;
    }
  }

  public Vgg16Model vgg16() {
    return vgg16;
  }

  public ClipModel clip() {
    return clip;
  }

  /** Whether a model has random weights: its vectors, and so search results, mean nothing. */
  public boolean standin() {
    return vgg16.descriptor().standin() || clip.descriptor().standin();
  }

  /** What both models need of the image; the image itself may go once this returns. */
  public Crops crops(RgbImage image) {
    return new Crops(vgg16.crop(image), clip.crop(image));
  }

  /** Both vectors of each image, in order. */
  public List<ImageVectors> embed(List<Crops> crops) {
    List<float[]> vgg16s = vgg16.embedCrops(crops.stream().map(Crops::vgg16).toList());
    List<float[]> clips = clip.embedCrops(crops.stream().map(Crops::clip).toList());
    List<ImageVectors> vectors = new ArrayList<>(crops.size());
    for (int i = 0; i < crops.size(); i++) {
      vectors.add(new ImageVectors(vgg16s.get(i), clips.get(i)));
    }
    return vectors;
  }

  @Override
  public void close() {
    clip.close();
    vgg16.close();
  }
}
