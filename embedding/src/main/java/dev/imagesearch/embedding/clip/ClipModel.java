package dev.imagesearch.embedding.clip;

import ai.djl.Model;
import ai.djl.translate.TranslateException;
import dev.imagesearch.embedding.EmbeddingException;
import dev.imagesearch.embedding.engine.PredictorPool;
import dev.imagesearch.embedding.engine.TorchScript;
import dev.imagesearch.embedding.model.LocalModel;
import dev.imagesearch.embedding.model.ModelDescriptor;
import dev.imagesearch.embedding.model.ModelRepository;
import dev.imagesearch.embedding.preprocess.Preprocessing;
import dev.imagesearch.imaging.RgbImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CLIP ViT-B/32 image and text vectors in one joint 512-d space (L2-normalised), for text-to-image
 * and image-to-image search. One TorchScript module loaded once; image and text predictors are
 * pooled, so the instance is thread-safe.
 */
public final class ClipModel implements AutoCloseable {
  /** Images or texts per forward pass; longer lists are split. */
  public static final int MAX_BATCH = 32;

  private final ModelDescriptor descriptor;
  private final Preprocessing preprocessing;
  private final Model model;
  private final ClipTokenizer tokenizer;
  private final PredictorPool<List<RgbImage>, List<float[]>> images;
  private final PredictorPool<List<long[]>, List<float[]>> texts;

  private ClipModel(LocalModel local) throws IOException {
    this.descriptor = local.descriptor();
    if (!descriptor.architecture().equals("clip")) {
      throw new IOException(local.directory() + " holds a " + descriptor.architecture() + " model");
    }
    this.tokenizer = ClipTokenizer.load(TokenizerLocator.locate(local));
    this.model = TorchScript.load(local.directory(), "model.pt", descriptor.name());
    this.preprocessing = descriptor.imagePreprocessing();
    ClipImageTranslator imageTranslator = new ClipImageTranslator(preprocessing);
    ClipTextTranslator textTranslator = new ClipTextTranslator();
    int pool = TorchScript.poolSize();
    this.images = new PredictorPool<>(() -> model.newPredictor(imageTranslator), pool);
    this.texts = new PredictorPool<>(() -> model.newPredictor(textTranslator), pool);
  }

  /** Loads a verified model directory (see {@link ModelRepository}). */
  public static ClipModel load(LocalModel local) throws IOException {
    return new ClipModel(local);
  }

  /** Loads and verifies a local model directory. */
  public static ClipModel load(Path directory) throws IOException {
    return load(ModelRepository.local(directory));
  }

  public ModelDescriptor descriptor() {
    return descriptor;
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
    List<float[]> out = new ArrayList<>(crops.size());
    for (int i = 0; i < crops.size(); i += MAX_BATCH) {
      List<RgbImage> part = crops.subList(i, Math.min(crops.size(), i + MAX_BATCH));
      try {
        out.addAll(images.predict(part));
      } catch (TranslateException e) {
        throw new EmbeddingException("CLIP image inference failed: " + e.getMessage(), e);
      }
    }
    return out;
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
    List<float[]> out = new ArrayList<>(ids.size());
    for (int i = 0; i < ids.size(); i += MAX_BATCH) {
      try {
        out.addAll(texts.predict(ids.subList(i, Math.min(ids.size(), i + MAX_BATCH))));
      } catch (TranslateException e) {
        throw new EmbeddingException("CLIP text inference failed: " + e.getMessage(), e);
      }
    }
    return out;
  }

  @Override
  public void close() {
    images.close();
    texts.close();
    model.close();
    tokenizer.close();
  }
}
