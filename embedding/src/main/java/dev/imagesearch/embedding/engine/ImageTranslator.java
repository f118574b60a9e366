package dev.imagesearch.embedding.engine;

import ai.djl.ndarray.NDList;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import dev.imagesearch.embedding.preprocess.ImageTensors;
import dev.imagesearch.embedding.preprocess.Preprocessing;
import dev.imagesearch.imaging.RgbImage;
import java.util.List;

/**
 * Crops to one [N,3,224,224] tensor, [N,D] back to unit vectors. Models differ only in what they
 * call: VGG16's forward, or a named method of a module that has several (CLIP's {@code
 * get_image_features}).
 */
public final class ImageTranslator implements NoBatchifyTranslator<List<RgbImage>, List<float[]>> {
  private final Preprocessing preprocessing;
  private final String method;

  private ImageTranslator(Preprocessing preprocessing, String method) {
    this.preprocessing = preprocessing;
    this.method = method;
  }

  /** Calls the module's forward. */
  public static ImageTranslator forward(Preprocessing preprocessing) {
    return new ImageTranslator(preprocessing, null);
  }

  /** Calls the module's method {@code name}. */
  public static ImageTranslator method(Preprocessing preprocessing, String name) {
    return new ImageTranslator(preprocessing, name);
  }

  @Override
  public NDList processInput(TranslatorContext ctx, List<RgbImage> images) {
    NDList input = new NDList(ImageTensors.batch(ctx.getNDManager(), preprocessing, images));
    if (method != null) {
      input.add(TorchScript.method(ctx.getNDManager(), method));
    }
    return input;
  }

  @Override
  public List<float[]> processOutput(TranslatorContext ctx, NDList output) {
    return TorchScript.unitRows(output);
  }
}
