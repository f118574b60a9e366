package dev.imagesearch.embedding.clip;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import dev.imagesearch.embedding.engine.TorchScript;
import java.util.List;

/**
 * Token ids to input_ids/attention_mask for {@code get_text_features}, padded with 0 to the longest
 * text of the batch (the causal mask keeps padding away from the pooled end token). The
 * multilingual encoder has the same interface ({@code [PAD]} is 0, its mask hides the padding).
 */
public final class ClipTextTranslator implements NoBatchifyTranslator<List<long[]>, List<float[]>> {

  @Override
  public NDList processInput(TranslatorContext ctx, List<long[]> ids) {
    int n = ids.size();
    int length = 0;
    for (long[] t : ids) {
      length = Math.max(length, t.length);
    }
    long[] inputIds = new long[n * length];
    long[] mask = new long[n * length];
    for (int i = 0; i < n; i++) {
      long[] t = ids.get(i);
      System.arraycopy(t, 0, inputIds, i * length, t.length);
      for (int j = 0; j < t.length; j++) {
        mask[i * length + j] = 1;
      }
    }
    NDManager manager = ctx.getNDManager();
    Shape shape = new Shape(n, length);
    return new NDList(
        manager.create(inputIds, shape),
        manager.create(mask, shape),
        TorchScript.method(manager, "get_text_features"));
  }

  @Override
  public List<float[]> processOutput(TranslatorContext ctx, NDList output) {
    return TorchScript.unitRows(output);
  }
}
