package dev.imagesearch.embedding.preprocess;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.imagesearch.imaging.RgbImage;
import java.util.List;

/** A batch of images as one normalised float32 [N, 3, crop, crop] tensor. */
public final class ImageTensors {
  private ImageTensors() {}

  public static NDArray batch(NDManager manager, Preprocessing pre, List<RgbImage> images) {
    int size = pre.tensorSize();
    float[] data = new float[images.size() * size];
    for (int i = 0; i < images.size(); i++) {
      pre.toTensor(images.get(i), data, i * size);
    }
    return manager.create(data, new Shape(images.size(), 3, pre.crop(), pre.crop()));
  }
}
