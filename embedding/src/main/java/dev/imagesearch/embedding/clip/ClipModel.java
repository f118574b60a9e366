package dev.imagesearch.embedding.clip;

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
 * CLIP ViT-B/32 image and text vectors in one joint 512-d space (L2-normalised), for text-to-image
 * and image-to-image search. One TorchScript module loaded once; image and text predictors are
 * pooled, so the instance is thread-safe.
 */
public final class ClipModel implements AutoCloseable {
  private final ModelDescriptor descriptor;
  private final Preprocessing preprocessing;
  private final Variant variant;
  private final Model model;
  private final ClipTokenizer tokenizer;
  private final BatchedPredictor<RgbImage> images;
  private final BatchedPredictor<long[]> texts;

  private ClipModel(LocalModel local, Precision precision) throws IOException {
    this.descriptor = local.descriptor();
    if (!descriptor.architecture().equals("clip")) {
      throw new IOException(local.directory() + " holds a " + descriptor.architecture() + " model");
    }
    this.tokenizer = ClipTokenizer.load(TokenizerLocator.locate(local));
    this.variant = TorchScript.choose(local, precision);
    this.model = TorchScript.load(local.directory(), variant.file(), descriptor.name());
    this.preprocessing = descriptor.imagePreprocessing();
    this.images =
        new BatchedPredictor<>(
            model, ImageTranslator.method(preprocessing, "get_image_features"), "CLIP image");
    this.texts = new BatchedPredictor<>(model, new ClipTextTranslator(), "CLIP text");
  }

  /** Loads a verified model directory (see {@link ModelRepository}), its fp32 variant. */
  public static ClipModel load(LocalModel local) throws IOException {
    return load(local, Precision.FP32);
  }

  /** Loads the variant of a verified model directory that runs in {@code precision}. */
  public static ClipModel load(LocalModel local, Precision precision) throws IOException {
    return new ClipModel(local, precision);
  }

  /** Loads and verifies a local model directory. */
  public static ClipModel load(Path directory) throws IOException {
    return load(ModelRepository.local(directory));
  }

  public ModelDescriptor descriptor() {
    return descriptor;
  }

  /** The TorchScript file this instance runs. */
  public Variant variant() {
    return variant;
  }

  /** CLIP token ids of a text (start and end included, at most 77). */
  public long[] tokenize(String text) {
    return tokenizer.encode(text);
  }

  /** One unit vector per image, in order. */
  public List<float[]> embedImages(List<RgbImage> batch) {
    return embedCrops(batch.stream().map(this::crop).toList());
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
    return images.predict(crops);
  }

  public float[] embedImage(RgbImage image) {
    return embedImages(List.of(image)).get(0);
  }

  /** One unit vector per text, in order, in the same space as the image vectors. */
  public List<float[]> embedText(List<String> batch) {
    return embedTokens(tokenizer.encode(batch));
  }

  public float[] embedText(String text) {
    return embedText(List.of(text)).get(0);
  }

  /** Vectors for already tokenized texts (see {@link #tokenize(String)}). */
  public List<float[]> embedTokens(List<long[]> ids) {
    return texts.predict(ids);
  }

  @Override
  public void close() {
    images.close();
    texts.close();
    model.close();
    tokenizer.close();
  }
}
