package dev.imagesearch.embedding.vgg;

import ai.djl.Model;
import dev.imagesearch.embedding.engine.BatchedPredictor;
import dev.imagesearch.embedding.engine.ImageTranslator;
import dev.imagesearch.embedding.engine.TorchScript;
import dev.imagesearch.embedding.model.LocalModel;
import dev.imagesearch.embedding.model.ModelDescriptor;
import dev.imagesearch.embedding.model.ModelDescriptor.Variant;
import dev.imagesearch.embedding.model.ModelRepository;
import dev.imagesearch.embedding.model.Precision;
import dev.imagesearch.embedding.preprocess.Preprocessing;
import dev.imagesearch.imaging.RgbImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * VGG16 image vectors (pool5, global average pooled, L2-normalised, 512-d) for image-to-image
 * similarity. Load once per process; thread-safe (a pool of predictors shares the model).
 */
public final class Vgg16Model implements AutoCloseable {
  private final ModelDescriptor descriptor;
  private final Preprocessing preprocessing;
  private final Variant variant;
  private final Model model;
  private final BatchedPredictor<RgbImage> predictors;

  private Vgg16Model(LocalModel local, Precision precision) throws IOException {
    this.descriptor = local.descriptor();
    if (!descriptor.architecture().equals("vgg16")) {
      throw new IOException(local.directory() + " holds a " + descriptor.architecture() + " model");
    }
    this.variant = TorchScript.choose(local, precision);
    this.model = TorchScript.load(local.directory(), variant.file(), descriptor.name());
    this.preprocessing = descriptor.imagePreprocessing();
    this.predictors =
        new BatchedPredictor<>(model, ImageTranslator.forward(preprocessing), "VGG16");
  }

  /** Loads a verified model directory (see {@link ModelRepository}), its fp32 variant. */
  public static Vgg16Model load(LocalModel local) throws IOException {
    return load(local, Precision.FP32);
  }

  /** Loads the variant of a verified model directory that runs in {@code precision}. */
  public static Vgg16Model load(LocalModel local, Precision precision) throws IOException {
    return new Vgg16Model(local, precision);
  }

  /** Loads and verifies a local model directory. */
  public static Vgg16Model load(Path directory) throws IOException {
    return load(ModelRepository.local(directory));
  }

  public ModelDescriptor descriptor() {
    return descriptor;
  }

  /** The TorchScript file this instance runs. */
  public Variant variant() {
    return variant;
  }

  /** One unit vector per image, in order; batched {@value BatchedPredictor#MAX_BATCH} at a time. */
  public List<float[]> embedImages(List<RgbImage> images) {
    return embedCrops(images.stream().map(this::crop).toList());
  }

  /**
   * The small 8-bit image the network sees (resized and centre-cropped): a caller may keep only
   * this and let the full image go before {@link #embedCrops}.
   */
  public RgbImage crop(RgbImage image) {
    return preprocessing.resizeAndCrop(image);
  }

  /** One unit vector per image made by {@link #crop}, in order. */
  public List<float[]> embedCrops(List<RgbImage> crops) {
    return predictors.predict(crops);
  }

  public float[] embedImage(RgbImage image) {
    return embedImages(List.of(image)).get(0);
  }

  @Override
  public void close() {
    predictors.close();
    model.close();
  }
}
