package dev.imagesearch.embedding.engine;

import ai.djl.Model;
import ai.djl.translate.TranslateException;
import ai.djl.translate.Translator;
import dev.imagesearch.embedding.EmbeddingException;
import java.util.ArrayList;
import java.util.List;

/**
 * Unit vectors for any number of inputs of one model: longer lists are split into forward passes of
 * at most {@value #MAX_BATCH}, so that one call cannot allocate tensors without bound. Thread-safe
 * (the predictors are pooled).
 */
public final class BatchedPredictor<T> implements AutoCloseable {
  /** Inputs per forward pass. */
  public static final int MAX_BATCH = 32;

  private final PredictorPool<List<T>, List<float[]>> pool;
  private final String what;

  /**
   * @param what names the model and input in error messages, e.g. "CLIP image"
   */
  public BatchedPredictor(Model model, Translator<List<T>, List<float[]>> translator, String what) {
    this.pool = new PredictorPool<>(() -> model.newPredictor(translator), TorchScript.poolSize());
    this.what = what;
  }

  /** One unit vector per input, in order. */
  public List<float[]> predict(List<T> inputs) {
    List<float[]> out = new ArrayList<>(inputs.size());
    for (int i = 0; i < inputs.size(); i += MAX_BATCH) {
      try {
        out.addAll(pool.predict(inputs.subList(i, Math.min(inputs.size(), i + MAX_BATCH))));
      } catch (TranslateException e) {
        throw new EmbeddingException(what + " inference failed: " + e.getMessage(), e);
      }
    }
    return out;
  }

  @Override
  public void close() {
    pool.close();
  }
}
