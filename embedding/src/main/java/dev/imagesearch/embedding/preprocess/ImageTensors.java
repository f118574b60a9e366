package dev.imagesearch.embedding.preprocess;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.imagesearch.imaging.RgbImage;
import java.util.List;

/** A batch of already cropped images as one normalised float32 [N, 3, crop, crop] tensor. */
public final class ImageTensors {
  private ImageTensors() {}

  /**
   * @param crops images from {@link Preprocessing#resizeAndCrop}, each {@code crop x crop}
   */
  public static NDArray batch(NDManager manager, Preprocessing pre, List<RgbImage> crops) {
    int size = pre.tensorSize();
    float[] data = new float[crops.size() * size];
    for (int i = 0; i < crops.size(); i++) {
      RgbImage crop = crops.get(i);
      if (crop.width() != pre.crop() || crop.height() != pre.crop()) {
        throw new IllegalArgumentException(
            "expected a "
                + pre.crop()
                + "x"
                + pre.crop()
                + " crop, got "
                + crop.width()
                + "x"
                + crop.height());
      }
      pre.normalize(crop, data, i * size);
    }
    return manager.create(data, new Shape(crops.size(), 3, pre.crop(), pre.crop()));
  }
}
