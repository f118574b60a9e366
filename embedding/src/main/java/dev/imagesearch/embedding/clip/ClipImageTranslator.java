package dev.imagesearch.embedding.clip;

import ai.djl.ndarray.NDList;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import dev.imagesearch.embedding.engine.TorchScript;
import dev.imagesearch.embedding.preprocess.ImageTensors;
import dev.imagesearch.embedding.preprocess.Preprocessing;
import dev.imagesearch.imaging.RgbImage;
import java.util.List;

/** Crops to pixel_values for {@code get_image_features}, [N,512] back to unit vectors. */
final class ClipImageTranslator implements NoBatchifyTranslator<List<RgbImage>, List<float[]>> {
  private final Preprocessing preprocessing;

  ClipImageTranslator(Preprocessing preprocessing) {
    this.preprocessing = preprocessing;
  }

  @Override
  public NDList processInput(TranslatorContext ctx, List<RgbImage> images) {
    return new NDList(
        ImageTensors.batch(ctx.getNDManager(), preprocessing, images),
        TorchScript.method(ctx.getNDManager(), "get_image_features"));
  }

  @Override
  public List<float[]> processOutput(TranslatorContext ctx, NDList output) {
    return TorchScript.unitRows(output);
  }
}
