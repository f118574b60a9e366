package dev.imagesearch.embedding.vgg;

import ai.djl.ndarray.NDList;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import dev.imagesearch.embedding.engine.TorchScript;
import dev.imagesearch.embedding.preprocess.ImageTensors;
import dev.imagesearch.embedding.preprocess.Preprocessing;
import dev.imagesearch.imaging.RgbImage;
import java.util.List;

/** Pre/post-processing only: crops to one [N,3,224,224] tensor, [N,512] back to unit vectors. */
final class VggTranslator implements NoBatchifyTranslator<List<RgbImage>, List<float[]>> {
  private final Preprocessing preprocessing;

  VggTranslator(Preprocessing preprocessing) {
    this.preprocessing = preprocessing;
  }

  @Override
  public NDList processInput(TranslatorContext ctx, List<RgbImage> images) {
    return new NDList(ImageTensors.batch(ctx.getNDManager(), preprocessing, images));
  }

  @Override
  public List<float[]> processOutput(TranslatorContext ctx, NDList output) {
    return TorchScript.unitRows(output);
  }
}
